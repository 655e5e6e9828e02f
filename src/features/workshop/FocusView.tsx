import type { Note } from '../../domain/notes.ts'
import type { FocusTarget } from '../../domain/flowEvents.ts'
import { useT } from '../../app/context.tsx'

/** The note or group the facilitator has put in focus, large, on every screen. */
export function FocusView({ focus, notes, clusters, noteClusters }: { focus: FocusTarget; notes: Note[]; clusters: { id: string; name: string }[]; noteClusters: ReadonlyMap<string, string> }) {
  const t = useT()
  if (!focus) return null
  if (focus.kind === 'note') {
    const n = notes.find((x) => x.id === focus.id)
    if (!n) return null
    return (
      <section className={`focus-view note-${n.color}`} aria-labelledby="focus-h" data-testid="focus-view">
        <h2 id="focus-h" className="small muted">
          {t('flow.focus.heading')}
        </h2>
        <p className="focus-text">{n.text}</p>
      </section>
    )
  }
  const c = clusters.find((x) => x.id === focus.id)
  if (!c) return null
  const members = notes.filter((n) => noteClusters.get(n.id) === c.id)
  return (
    <section className="focus-view" aria-labelledby="focus-h" data-testid="focus-view">
      <h2 id="focus-h" className="small muted">
        {t('flow.focus.heading')}
      </h2>
      <p className="focus-text">{c.name}</p>
      <ul>
        {members.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
      </ul>
    </section>
  )
}
