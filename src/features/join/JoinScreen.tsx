import { useEffect, useState } from 'react'
import { parseJoinFragment } from '../../domain/joinLink.ts'
import { useServices, useT } from '../../app/context.tsx'
import { navigate } from '../../app/router.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { JoinForm } from './JoinForm.tsx'
import { JoinHints } from './JoinHints.tsx'

/** `/join` — by link (the fragment holds the code) or by typing the code. */
export function JoinScreen({ fragment }: { fragment: string }) {
  const t = useT()
  const services = useServices()
  const [linkError, setLinkError] = useState<MessageKey | null>(null)

  useEffect(() => {
    if (!fragment || fragment === '#') return
    const parsed = parseJoinFragment(fragment)
    if (!parsed.ok) {
      setLinkError(`join.error.${parsed.problem}`)
      return
    }
    let alive = true
    services.joinWorkshop(parsed.target).then(
      (id) => alive && navigate(`/w/${id}`, { replace: true }),
      () => alive && setLinkError('storage.unknown'),
    )
    return () => {
      alive = false
    }
  }, [fragment, services])

  return (
    <div className="narrow stack">
      <h1 tabIndex={-1}>{t('join.title')}</h1>
      {linkError && (
        <p className="banner banner-error" role="alert" data-testid="join-link-error">
          {t('join.error.link', { reason: t(linkError) })}
        </p>
      )}
      <JoinForm autoFocus />
      <JoinHints />
    </div>
  )
}
