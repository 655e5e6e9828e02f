import { useEffect, useState } from 'react'
import { useServices, useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'

/**
 * What the facilitator shows the room: the typeable code, the link, a QR code and how many
 * participants are connected. The QR library is loaded only here, so participants' phones never
 * download it.
 */
export function InvitePanel({ session, participants, running = false }: { session: WorkshopSession; participants: number; running?: boolean }) {
  const t = useT()
  const services = useServices()
  const link = services.joinLink(session.summary)
  const [qr, setQr] = useState<string | null>(null)
  const [open, setOpen] = useState(!running)
  // Once the session runs, the console matters more than the invitation: fold it away (it can
  // still be opened for a latecomer).
  useEffect(() => {
    if (running) setOpen(false)
  }, [running])
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    let alive = true
    void import('qrcode').then((QR) =>
      QR.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
        if (alive) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
      }),
    )
    return () => {
      alive = false
    }
  }, [link])

  return (
    <section className="card invite" aria-labelledby="invite-h" data-testid="invite">
      <div className="row spread">
        <h2 id="invite-h">{t('invite.heading')}</h2>
        <button type="button" className="btn btn-quiet" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? t('invite.hide') : t('invite.show')}
        </button>
      </div>
      <p className="participants" role="status" data-testid="participant-count" data-count={participants}>
        {t(participants === 1 ? 'invite.participants_one' : 'invite.participants', { count: participants })}
      </p>
      {open && (
        <div className="invite-body">
          <div className="stack">
            <div>
              <div className="muted small">{t('invite.code')}</div>
              <div className="join-code" data-testid="join-code-display" data-code={session.summary.code}>
                {services.formatCode(session.summary.code)}
              </div>
            </div>
            <p className="small">{t('invite.howTo', { origin: services.origin })}</p>
            <div>
              <div className="muted small">{t('invite.link')}</div>
              <a className="join-link small" href={link} data-testid="join-link">
                {link}
              </a>
            </div>
            <div>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  void navigator.clipboard?.writeText(link).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  )
                }}
              >
                {t('invite.copy')}
              </button>
              <span role="status" className="small muted">
                {copied ? ` ${t('invite.copied')}` : ''}
              </span>
            </div>
          </div>
          {qr && <img className="qr" src={qr} alt={t('invite.qr')} width={180} height={180} data-testid="join-qr" />}
        </div>
      )}
    </section>
  )
}
