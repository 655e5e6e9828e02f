/**
 * Composition root: builds the storage and sync adapters and hands them to <App>. The only place
 * that touches the real clock, randomness and the browser's database.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { AppServices } from './app/services.ts'
import { detectLocale, loadLocale } from './i18n/i18n.ts'
import { openDb } from './storage/db.ts'
import { WorkshopStore, requestPersistentStorage } from './storage/workshopStore.ts'
import { TemplateStore } from './storage/templateStore.ts'
import './ui/styles.css'

const db = openDb()
const store = new WorkshopStore(db)
const services = new AppServices({
  store,
  templates: new TemplateStore(db),
  origin: location.origin,
  clock: { now: () => Date.now() },
  random: (n) => crypto.getRandomValues(new Uint8Array(n)),
})

// End-to-end tests and the benchmark reach the real services through this handle; it is only
// installed when a test has set the flag before the page loaded.
if (localStorage.getItem('medvirk:testHooks') === '1') {
  Object.assign(window, { __medvirk: { services, loadBench: () => import('./app/benchHooks.ts') } })
}

async function boot() {
  const saved = await services.getLocale()
  const locale = saved ?? detectLocale(navigator.languages ?? [navigator.language])
  await loadLocale(locale)
  const persistent = await requestPersistentStorage()
  const root = document.getElementById('root')
  if (!root) throw new Error('no #root')
  createRoot(root).render(
    <StrictMode>
      <App services={services} initialLocale={locale} persistent={persistent} />
    </StrictMode>,
  )
}

void boot()
