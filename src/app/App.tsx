import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { loadLocale, type Locale } from '../i18n/i18n.ts'
import { AppProviders, useI18n, useT } from './context.tsx'
import { linkClick, useRoute } from './router.ts'
import type { AppServices } from './services.ts'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { HomeScreen } from '../features/home/HomeScreen.tsx'
import { JoinScreen } from '../features/join/JoinScreen.tsx'
import { PwaPrompts } from '../pwa/PwaPrompts.tsx'
import { SecureContextNotice } from '../pwa/SecureContextNotice.tsx'

const BoardScreen = lazy(() => import('../features/board/BoardScreen.tsx').then((m) => ({ default: m.BoardScreen })))
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen.tsx').then((m) => ({ default: m.SettingsScreen })))
const CompareScreen = lazy(() => import('../features/compare/CompareScreen.tsx'))
const ExportScreen = lazy(() => import('../features/export/ExportScreen.tsx'))
const TemplatesScreen = lazy(() => import('../features/templates/TemplatesScreen.tsx').then((m) => ({ default: m.TemplatesScreen })))

export function App(props: { services: AppServices; initialLocale: Locale; persistent: boolean }) {
  const [locale, setLocaleState] = useState<Locale>(props.initialLocale)
  const setLocale = useCallback(
    (l: Locale) => {
      void loadLocale(l).then(() => setLocaleState(l))
      props.services.setLocale(l).catch(() => {})
    },
    [props.services],
  )
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  return (
    <AppProviders services={props.services} locale={locale} setLocale={setLocale}>
      <Shell persistent={props.persistent} />
    </AppProviders>
  )
}

function Shell({ persistent }: { persistent: boolean }) {
  const t = useT()
  const route = useRoute()
  useEffect(() => {
    document.title = t('app.name')
  }, [t])
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a className="brand" href="/" onClick={linkClick('/')}>
          <img src="/favicon.svg" alt="" width={28} height={28} className="brand-mark" />
          {t('app.name')}
        </a>
        <nav aria-label={t('app.name')} className="app-nav">
          <a href="/" onClick={linkClick('/')} aria-current={route.name === 'home' ? 'page' : undefined}>
            {t('nav.home')}
          </a>
          <a href="/templates" onClick={linkClick('/templates')} aria-current={route.name === 'templates' || route.name === 'template' ? 'page' : undefined}>
            {t('nav.templates')}
          </a>
          <a href="/settings" onClick={linkClick('/settings')} aria-current={route.name === 'settings' ? 'page' : undefined}>
            {t('nav.settings')}
          </a>
          <LanguageSwitch />
        </nav>
      </header>
      <SecureContextNotice />
      <PwaPrompts persistent={persistent} />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Suspense fallback={<p role="status">…</p>}>
            {route.name === 'home' && <HomeScreen />}
            {route.name === 'join' && <JoinScreen fragment={route.fragment} />}
            {route.name === 'workshop' && <BoardScreen key={route.id} id={route.id} />}
            {route.name === 'export' && <ExportScreen key={route.id} id={route.id} />}
            {route.name === 'compare' && <CompareScreen />}
            {route.name === 'settings' && <SettingsScreen />}
            {route.name === 'templates' && <TemplatesScreen />}
            {route.name === 'template' && <TemplatesScreen key={route.id} id={route.id} />}
            {route.name === 'notFound' && <h1 tabIndex={-1}>{t('notFound.title')}</h1>}
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  )
}

function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n()
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'nb')}>
        <option value="nb" lang="nb">
          {t('lang.nb')}
        </option>
        <option value="en" lang="en">
          {t('lang.en')}
        </option>
      </select>
    </label>
  )
}
