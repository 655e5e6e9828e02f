/**
 * A tiny history router: four routes do not justify a dependency. Paths are real URLs so that a
 * join link (`/join#c=…`) and a reload of `/w/<id>` work; the server and the service worker fall
 * back to index.html for them.
 */
import { useSyncExternalStore } from 'react'

export type Route =
  | { name: 'home' }
  | { name: 'join'; fragment: string }
  | { name: 'workshop'; id: string }
  | { name: 'export'; id: string }
  | { name: 'compare' }
  | { name: 'settings' }
  | { name: 'templates' }
  | { name: 'template'; id: string }
  | { name: 'notFound' }

export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'home' }
  if (pathname === '/join') return { name: 'join', fragment: hash }
  if (pathname === '/settings') return { name: 'settings' }
  if (pathname === '/templates') return { name: 'templates' }
  if (pathname === '/compare') return { name: 'compare' }
  const tm = /^\/templates\/([a-z0-9][a-z0-9-]{0,63})$/.exec(pathname)
  if (tm?.[1]) return { name: 'template', id: tm[1] }
  const ex = /^\/w\/([0-9a-f]{8,64})\/export$/.exec(pathname)
  if (ex?.[1]) return { name: 'export', id: ex[1] }
  const m = /^\/w\/([0-9a-f]{8,64})$/.exec(pathname)
  if (m?.[1]) return { name: 'workshop', id: m[1] }
  return { name: 'notFound' }
}

const listeners = new Set<() => void>()
let current = typeof location !== 'undefined' ? location.pathname + location.hash : '/'

function update() {
  const next = location.pathname + location.hash
  if (next !== current) {
    current = next
    for (const l of listeners) l()
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', update)
  window.addEventListener('hashchange', update)
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  update()
  // Move focus to the new screen's heading for screen-reader and keyboard users.
  queueMicrotask(() => document.querySelector<HTMLElement>('main h1')?.focus())
}

export function useRoute(): Route {
  const loc = useSyncExternalStore(
    (cb) => {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    () => current,
  )
  const hashAt = loc.indexOf('#')
  return parseRoute(hashAt >= 0 ? loc.slice(0, hashAt) : loc, hashAt >= 0 ? loc.slice(hashAt) : '')
}

/** Click handler for in-app links that keeps the browser's own behaviour for modified clicks. */
export function linkClick(to: string) {
  return (e: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number }) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
    e.preventDefault()
    navigate(to)
  }
}
