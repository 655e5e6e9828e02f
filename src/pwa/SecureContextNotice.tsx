import { useT } from '../app/context.tsx'

/**
 * Service workers, WebCrypto (the room password) and persistent storage need a secure context.
 * Off localhost that means HTTPS; say so plainly rather than failing silently.
 */
export function SecureContextNotice() {
  const t = useT()
  if (typeof window === 'undefined' || window.isSecureContext) return null
  return (
    <div className="banner banner-error" role="alert" data-testid="insecure-context">
      <h2>{t('secure.title')}</h2>
      <p>{t('secure.text', { origin: location.origin })}</p>
      <p>{t('secure.fix')}</p>
    </div>
  )
}
