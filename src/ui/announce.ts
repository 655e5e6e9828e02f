/**
 * One polite live region for the whole app: screen-reader users hear that a note was added,
 * moved or deleted without focus moving. Created lazily so tests and SSR need no DOM.
 */
let region: HTMLElement | null = null

export function announce(message: string): void {
  if (typeof document === 'undefined') return
  if (!region) {
    region = document.createElement('div')
    region.setAttribute('aria-live', 'polite')
    region.setAttribute('role', 'status')
    region.className = 'visually-hidden'
    region.dataset.testid = 'announcer'
    document.body.append(region)
  }
  // Clearing first makes repeated identical messages audible.
  region.textContent = ''
  const r = region
  setTimeout(() => {
    r.textContent = message
  }, 30)
}
