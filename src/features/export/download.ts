/** Saves bytes or text as a file on this device (no network): a Blob URL on a temporary link. */
export function download(filename: string, data: Uint8Array | string, mime: string): number {
  const blob = new Blob([typeof data === 'string' ? data : (data.slice().buffer as ArrayBuffer)], { type: mime })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
  return blob.size
}

/** A file name from a title: letters (incl. æøå), digits and hyphens, never empty. */
export function fileBase(title: string, date: string): string {
  const base = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'medvirk'}-${date}`
}

export function formatSize(bytes: number, locale: 'nb' | 'en'): string {
  const kb = bytes / 1024
  const n = kb < 1024 ? kb : kb / 1024
  const s = n.toLocaleString(locale === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: n < 10 ? 1 : 0 })
  return `${s} ${kb < 1024 ? 'kB' : 'MB'}`
}
