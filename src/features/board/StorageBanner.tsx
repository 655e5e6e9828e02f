import { useState } from 'react'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { StorageProblem } from '../../app/services.ts'

/** Shown when the disk refused a write: explains what is kept where, and lets the user retry. */
export function StorageBanner({ session, problem }: { session: WorkshopSession; problem: StorageProblem | null }) {
  const t = useT()
  const [busy, setBusy] = useState(false)
  if (!problem) return null
  return (
    <div className="banner banner-error" role="alert" data-testid="storage-error">
      <p>{t(`storage.${problem}`)}</p>
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() => {
          setBusy(true)
          void session.retrySave().finally(() => setBusy(false))
        }}
      >
        {t('storage.retry')}
      </button>
    </div>
  )
}
