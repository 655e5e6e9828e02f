/**
 * Service-worker lifecycle, as the facilitator sees it: an update is *offered*, never applied by
 * itself (a reload drops WebRTC links and awareness in the middle of a workshop), and the app
 * says once when it is ready to work offline. Also offers installing the app, which on iPad is
 * what keeps Safari from deleting the data after seven days.
 */
import { useEffect, useState } from 'react'
import { useRegisterSW } from 'virtual:pwa-register/react'
import { useT } from '../app/context.tsx'

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>
}

export function PwaPrompts({ persistent }: { persistent: boolean }) {
  const t = useT()
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true })
  const [installEvent, setInstallEvent] = useState<BeforeInstallPromptEvent | null>(null)

  useEffect(() => {
    const onPrompt = (e: Event) => {
      e.preventDefault()
      setInstallEvent(e as BeforeInstallPromptEvent)
    }
    window.addEventListener('beforeinstallprompt', onPrompt)
    return () => window.removeEventListener('beforeinstallprompt', onPrompt)
  }, [])

  useEffect(() => {
    if (!offlineReady) return
    const timer = setTimeout(() => setOfflineReady(false), 6000)
    return () => clearTimeout(timer)
  }, [offlineReady, setOfflineReady])

  return (
    <div className="pwa-prompts">
      {needRefresh && (
        <div className="banner" role="status" data-testid="update-prompt">
          <p>
            {t('pwa.update')} <span className="muted">{t('pwa.updateWarn')}</span>
          </p>
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={() => void updateServiceWorker(true)}>
              {t('pwa.updateNow')}
            </button>
            <button type="button" className="btn" onClick={() => setNeedRefresh(false)}>
              {t('pwa.updateLater')}
            </button>
          </div>
        </div>
      )}
      {offlineReady && (
        <div className="banner banner-ok" role="status" data-testid="offline-ready">
          <p>{t('pwa.offlineReady')}</p>
        </div>
      )}
      {installEvent && (
        <div className="banner" role="status">
          <p>{persistent ? t('pwa.install') : t('storage.notPersistent')}</p>
          <div className="row">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                void installEvent.prompt()
                setInstallEvent(null)
              }}
            >
              {t('pwa.install')}
            </button>
            <button type="button" className="btn" onClick={() => setInstallEvent(null)}>
              {t('pwa.dismiss')}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
