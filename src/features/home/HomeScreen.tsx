import { lazy, Suspense, useId, useState, type FormEvent } from 'react'
import { TITLE_MAX_LENGTH } from '../../domain/workshop.ts'
import { useServices, useT } from '../../app/context.tsx'
import { navigate } from '../../app/router.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { JoinForm } from '../join/JoinForm.tsx'
// The library and the archive import load after the home screen's own forms: the join route
// (a participant's phone) never needs them.
const SessionLibrary = lazy(() => import('./SessionLibrary.tsx').then((m) => ({ default: m.SessionLibrary })))
const ImportArchive = lazy(() => import('../archive/ImportArchive.tsx').then((m) => ({ default: m.ImportArchive })))

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
      <Suspense fallback={<p role="status">{t('board.loading')}</p>}>
        <SessionLibrary />
        <ImportArchive />
      </Suspense>
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
