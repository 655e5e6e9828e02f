import { useEffect, useId, useState, type FormEvent } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { parseSignalingUrl, validateIceServerLine } from '../../app/services.ts'

/** Network settings for a municipality's own signaling or a room box with STUN/TURN. */
export function SettingsScreen() {
  const { t, locale, setLocale } = useI18n()
  const services = useServices()
  const [signaling, setSignaling] = useState('')
  const [ice, setIce] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [persisted, setPersisted] = useState<boolean | null>(null)
  const ids = { sig: useId(), ice: useId(), err: useId(), lang: useId() }

  useEffect(() => {
    void services.getNetworkSettings().then((s) => {
      setSignaling(s.signalingUrl ?? services.defaultSignalingUrl())
      setIce(s.iceServers.join('\n'))
    })
    void navigator.storage?.persisted?.().then(setPersisted, () => setPersisted(false))
  }, [services])

  async function save(e: FormEvent) {
    e.preventDefault()
    const sig = parseSignalingUrl(signaling)
    if (!sig.ok) {
      setError(t(`settings.error.${sig.problem}`))
      return
    }
    const lines = ice.split('\n').map((l) => l.trim()).filter(Boolean)
    const bad = lines.findIndex((l) => !validateIceServerLine(l))
    if (bad >= 0) {
      setError(t('settings.error.ice', { line: bad + 1 }))
      return
    }
    setError(null)
    await services.setNetworkSettings({ signalingUrl: sig.url === services.defaultSignalingUrl() ? null : sig.url, iceServers: lines })
    setStatus(t('settings.saved'))
  }

  return (
    <div className="narrow stack">
      <h1 tabIndex={-1}>{t('settings.title')}</h1>
      <section className="card stack">
        <label htmlFor={ids.lang}>{t('settings.language')}</label>
        <select id={ids.lang} value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'nb')}>
          <option value="nb">{t('lang.nb')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </section>
      <form className="card stack" onSubmit={save} noValidate>
        <label htmlFor={ids.sig}>{t('settings.signaling')}</label>
        <p className="hint">{t('settings.signalingHint', { url: services.defaultSignalingUrl() })}</p>
        <input id={ids.sig} value={signaling} onChange={(e) => setSignaling(e.target.value)} spellCheck={false} aria-describedby={error ? ids.err : undefined} data-testid="settings-signaling" />
        <label htmlFor={ids.ice}>{t('settings.ice')}</label>
        <p className="hint">{t('settings.iceHint')}</p>
        <textarea id={ids.ice} value={ice} rows={3} onChange={(e) => setIce(e.target.value)} spellCheck={false} />
        {error && (
          <p id={ids.err} className="field-error" role="alert" data-testid="settings-error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="btn btn-primary">
            {t('settings.save')}
          </button>
          <button type="button" className="btn" onClick={() => setSignaling(services.defaultSignalingUrl())}>
            {t('settings.reset')}
          </button>
        </div>
        <p role="status" className="muted">
          {status}
        </p>
      </form>
      <section className="card">
        <h2>{t('settings.storage')}</h2>
        <p>{persisted ? t('settings.storagePersistent') : t('settings.storageNotPersistent')}</p>
      </section>
    </div>
  )
}
