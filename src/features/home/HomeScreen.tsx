import { useEffect, useId, useState, type FormEvent } from 'react'
import { TITLE_MAX_LENGTH } from '../../domain/workshop.ts'
import { useI18n, useServices, useT } from '../../app/context.tsx'
import { linkClick, navigate } from '../../app/router.ts'
import type { WorkshopSummary } from '../../app/services.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { JoinForm } from '../join/JoinForm.tsx'

export function HomeScreen() {
  const t = useT()
  return (
    <div className="home stack">
      <h1 tabIndex={-1}>{t('home.title')}</h1>
      <p className="muted">{t('app.tagline')}</p>
      <div className="home-grid">
        <CreateWorkshop />
        <section className="card" aria-labelledby="join-h">
          <h2 id="join-h">{t('home.join.heading')}</h2>
          <p>{t('home.join.text')}</p>
          <JoinForm />
        </section>
      </div>
      <WorkshopList />
    </div>
  )
}

function CreateWorkshop() {
  const t = useT()
  const services = useServices()
  const [title, setTitle] = useState('')
  const [error, setError] = useState<MessageKey | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()
  const errId = useId()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    try {
      const res = await services.createWorkshop(title)
      if (res.ok) {
        navigate(`/w/${res.id}`)
        return
      }
      setError(res.problem === 'empty' ? 'title.empty' : 'title.tooLong')
    } catch (err) {
      setError((err as { problem?: string }).problem === 'quota' ? 'storage.quota' : 'storage.unknown')
    }
    setBusy(false)
  }

  return (
    <section className="card" aria-labelledby="create-h">
      <h2 id="create-h">{t('home.create.heading')}</h2>
      <form onSubmit={submit} noValidate className="stack">
        <label htmlFor={id}>{t('home.create.label')}</label>
        <input
          id={id}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value)
            setError(null)
          }}
          placeholder={t('home.create.placeholder')}
          maxLength={TITLE_MAX_LENGTH + 20}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errId : undefined}
          data-testid="create-title"
        />
        {error && (
          <p id={errId} className="field-error" role="alert">
            {t(error, { max: TITLE_MAX_LENGTH })}
          </p>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-submit">
            {t('home.create.submit')}
          </button>
        </div>
      </form>
    </section>
  )
}

function WorkshopList() {
  const { t, locale } = useI18n()
  const services = useServices()
  const [list, setList] = useState<WorkshopSummary[] | null>(null)
  const [status, setStatus] = useState<MessageKey | null>(null)
  useEffect(() => services.store.subscribeList(setList, (p) => setStatus(`storage.${p}`)), [services])
  const fmt = new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })

  async function remove(w: WorkshopSummary) {
    const title = w.title || t('home.list.untitled')
    if (!window.confirm(t('home.list.deleteConfirm', { title }))) return
    try {
      await services.deleteWorkshop(w.id)
      setStatus('home.list.deleted')
    } catch {
      setStatus('storage.unknown')
    }
  }

  return (
    <section aria-labelledby="list-h" className="stack">
      <h2 id="list-h">{t('home.list.heading')}</h2>
      <p role="status" className="muted">
        {status ? t(status) : ''}
      </p>
      {list && list.length === 0 && <p>{t('home.list.empty')}</p>}
      {list && list.length > 0 && (
        <ul className="workshop-list" data-testid="workshop-list">
          {list.map((w) => (
            <li key={w.id} className="workshop-item">
              <div>
                <a href={`/w/${w.id}`} onClick={linkClick(`/w/${w.id}`)} className="workshop-title">
                  {w.title || t('home.list.untitled')}
                </a>
                <div className="muted small">
                  {w.role === 'facilitator' ? t('home.list.facilitator') : t('home.list.participant')} ·{' '}
                  {t('home.list.openedAt', { date: fmt.format(w.openedAt) })}
                </div>
              </div>
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => void remove(w)}
                aria-label={`${t('home.list.delete')}: ${w.title || t('home.list.untitled')}`}
              >
                {t('home.list.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
