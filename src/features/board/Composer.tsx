import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { NOTE_COLORS, NOTE_MAX_LENGTH, noteLength, validateNoteText, type NoteColor } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { ColorPicker } from './ColorPicker.tsx'
import { PiiWarning } from './PiiWarning.tsx'
import { announce } from '../../ui/announce.ts'
import { Icon } from '../../ui/icons.tsx'

/**
 * A note is written privately and published when done — never per keystroke: peers see nothing
 * until "Put on the board". The draft is kept on this device so a reload loses nothing.
 */
export function Composer({ session }: { session: WorkshopSession }) {
  const t = useT()
  const [text, setText] = useState('')
  const [color, setColor] = useState<NoteColor>('yellow')
  const [error, setError] = useState<MessageKey | null>(null)
  const loaded = useRef(false)
  const ids = { text: useId(), counter: useId(), hint: useId(), error: useId(), pii: useId() }

  useEffect(() => {
    let alive = true
    void session.loadDraft().then((d) => {
      if (!alive) return
      if (d) {
        setText(d.text)
        setColor(d.color)
      }
      loaded.current = true
    })
    return () => {
      alive = false
    }
  }, [session])

  // Saved on every change (a few bytes into IndexedDB): a debounce would lose the last words
  // when the tab is closed or reloaded right after typing.
  useEffect(() => {
    if (!loaded.current) return
    void session.saveDraft(text, color).catch(() => {})
  }, [text, color, session])

  const length = noteLength(text.trim())
  const over = length > NOTE_MAX_LENGTH

  async function publish(e?: FormEvent) {
    e?.preventDefault()
    const v = validateNoteText(text)
    if (!v.ok) {
      setError(v.problem === 'empty' ? 'note.error.empty' : 'note.error.tooLong')
      return
    }
    const res = await session.addNote(text, color)
    if (!res.ok) {
      setError(`note.error.${res.problem}`)
      return
    }
    setText('')
    setError(null)
    await session.saveDraft('', color).catch(() => {})
    announce(t('note.added'))
  }

  return (
    <section className="card composer" aria-labelledby={`${ids.text}-h`}>
      <h2 id={`${ids.text}-h`}>{t('composer.heading')}</h2>
      <form onSubmit={publish} noValidate className="stack">
        <label htmlFor={ids.text}>{t('composer.label')}</label>
        <p id={ids.hint} className="hint privacy-hint">
          <Icon name="lock" size={16} /> {t('composer.privacyHint')}
        </p>
        <textarea
          id={ids.text}
          value={text}
          rows={4}
          placeholder={t('composer.placeholder')}
          onChange={(e) => {
            setText(e.target.value)
            if (error) setError(null)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void publish()
          }}
          aria-describedby={`${ids.hint} ${ids.counter} ${ids.pii}${error ? ` ${ids.error}` : ''}`}
          aria-invalid={over || error ? true : undefined}
          data-testid="composer-text"
        />
        <p id={ids.counter} className={`counter${over ? ' counter-over' : ''}`} aria-live={over ? 'polite' : 'off'}>
          {t('composer.counter', { count: length, max: NOTE_MAX_LENGTH })}
        </p>
        {/* A hint only: publishing is never blocked by what it finds. */}
        <PiiWarning text={text} id={ids.pii} context="compose" />
        <ColorPicker label={t('composer.color')} value={color} onChange={setColor} colors={NOTE_COLORS} />
        {error && (
          <p id={ids.error} className="field-error" role="alert" data-testid="composer-error">
            {t(error, { count: length, max: NOTE_MAX_LENGTH })}
          </p>
        )}
        <p className="hint small">{t('composer.draftSaved')}</p>
        <div>
          <button type="submit" className="btn btn-primary" data-testid="composer-publish">
            {t('composer.publish')}
          </button>
        </div>
      </form>
    </section>
  )
}
