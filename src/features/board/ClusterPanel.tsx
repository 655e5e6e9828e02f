import { useId, useState, type FormEvent } from 'react'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

/** Create, rename and delete the named groups of a cluster step. Anyone may; the facilitator can also focus a group. */
export function ClusterPanel({ session, clusters, onFocus, locked }: { session: WorkshopSession; clusters: { id: string; name: string }[]; onFocus?: (id: string) => void; locked: boolean }) {
  const t = useT()
  const [name, setName] = useState('')
  const [error, setError] = useState<MessageKey | null>(null)
  const id = useId()
  function add(e: FormEvent) {
    e.preventDefault()
    const r = session.addCluster(name)
    if (!r.ok) {
      setError(`cluster.error.${r.problem}`)
      return
    }
    setName('')
    setError(null)
  }
  return (
    <section className="card stack" aria-labelledby="clusters-h" data-testid="cluster-panel">
      <h2 id="clusters-h">{t('cluster.heading')}</h2>
      {!locked && (
        <form onSubmit={add} className="stack" noValidate>
          <label htmlFor={id}>{t('cluster.name')}</label>
          <div className="row">
            <input id={id} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="cluster-name" aria-invalid={error ? true : undefined} />
            <button type="submit" className="btn btn-primary" data-testid="cluster-add">
              {t('cluster.add')}
            </button>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {t(error)}
            </p>
          )}
        </form>
      )}
      {clusters.length === 0 ? (
        <p className="muted">{t('cluster.empty')}</p>
      ) : (
        <ul className="cluster-list">
          {clusters.map((c) => (
            <ClusterRow key={c.id} session={session} cluster={c} onFocus={onFocus} locked={locked} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ClusterRow({ session, cluster, onFocus, locked }: { session: WorkshopSession; cluster: { id: string; name: string }; onFocus?: (id: string) => void; locked: boolean }) {
  const t = useT()
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(cluster.name)
  const id = useId()
  if (editing)
    return (
      <li className="row">
        <label htmlFor={id} className="visually-hidden">
          {t('cluster.name')}
        </label>
        <input id={id} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            if (session.renameCluster(cluster.id, name).ok) setEditing(false)
          }}
        >
          {t('note.save')}
        </button>
        <button type="button" className="btn" onClick={() => setEditing(false)}>
          {t('note.cancel')}
        </button>
      </li>
    )
  return (
    <li className="row spread">
      <strong>{cluster.name}</strong>
      <span className="row">
        {onFocus && (
          <button type="button" className="btn btn-quiet" onClick={() => onFocus(cluster.id)}>
            {t('cluster.focus')}
          </button>
        )}
        {!locked && (
          <>
            <button type="button" className="btn btn-quiet" onClick={() => setEditing(true)}>
              {t('cluster.rename')}
            </button>
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                if (window.confirm(`${t('cluster.delete')}: ${cluster.name}?`)) session.deleteCluster(cluster.id)
              }}
            >
              {t('cluster.delete')}
            </button>
          </>
        )}
      </span>
    </li>
  )
}
