import { useMemo, type ReactNode } from 'react'
import { findPersonalInfo, type PiiKind, type PiiMatch } from '../../domain/pii.ts'
import { useT } from '../../app/context.tsx'
import { Icon } from '../../ui/icons.tsx'

const KIND_ORDER: readonly PiiKind[] = ['name', 'phone', 'email', 'address']

/**
 * A polite, device-only hint under a note being written or edited: what looks like a name, a
 * phone number, an e-mail or a street address, and the text with those parts marked. It never
 * blocks publishing (the writer decides) and nothing it finds leaves this component.
 *
 * The live region stays mounted and is simply empty when nothing is found, because screen readers
 * announce changes inside an existing region far more reliably than a newly inserted one. The
 * marked preview repeats the textarea for sighted users and is hidden from assistive technology;
 * the lines above it already name every snippet.
 */
export function PiiWarning({ text, id, context }: { text: string; id?: string; context: 'compose' | 'edit' }) {
  const t = useT()
  const matches = useMemo(() => findPersonalInfo(text), [text])
  const lines = KIND_ORDER.flatMap((kind) => {
    const snippets = [...new Set(matches.filter((m) => m.kind === kind).map((m) => text.slice(m.start, m.end)))]
    if (snippets.length === 0) return []
    const quoted = snippets.map((s) => t('pii.quote', { text: s })).join(', ')
    return [{ kind, message: t(`pii.${kind}`, { count: snippets.length, text: quoted }) }]
  })

  return (
    <div id={id} className="pii-warning" role="status" data-testid="pii-warning" data-kinds={lines.map((l) => l.kind).join(' ')}>
      {lines.length > 0 && (
        <>
          <p className="pii-title">
            <Icon name="lock" size={16} /> {t('pii.title')}
          </p>
          <ul className="pii-lines">
            {lines.map((l) => (
              <li key={l.kind} data-kind={l.kind}>
                {l.message}
              </li>
            ))}
          </ul>
          <div className="pii-preview" aria-hidden="true">
            <p className="small">{t('pii.preview')}</p>
            <p className="pii-preview-text" data-testid="pii-preview">
              {marked(text, matches)}
            </p>
          </div>
          <p className="small">{t(context === 'edit' ? 'pii.decideEdit' : 'pii.decide')}</p>
        </>
      )}
    </div>
  )
}

function marked(text: string, matches: PiiMatch[]): ReactNode[] {
  const parts: ReactNode[] = []
  let pos = 0
  matches.forEach((m, i) => {
    if (m.start > pos) parts.push(<span key={`t${i}`}>{text.slice(pos, m.start)}</span>)
    parts.push(
      <mark key={`m${i}`} className="pii-mark" data-kind={m.kind}>
        {text.slice(m.start, m.end)}
      </mark>,
    )
    pos = m.end
  })
  if (pos < text.length) parts.push(<span key="rest">{text.slice(pos)}</span>)
  return parts
}
