/**
 * Serves the built PWA (vite's `dist/`) with the cache rules a service-worker app needs:
 * the entry points (index.html, sw.js, the manifest…) are always revalidated so an update is
 * noticed, while content-hashed files under assets/ are cached forever.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** `dist/` at the repository root (this file lives in src/server/). */
export const DEFAULT_DIST_DIR: string = fileURLToPath(new URL('../../dist/', import.meta.url))

export const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
})

export const NO_CACHE = 'no-cache'
export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Headers that cost nothing and break nothing in the app. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void

export interface StaticOptions {
  distDir?: string
}

/** Picks the Cache-Control header for a path relative to distDir (forward slashes). */
export function cacheControlFor(relPath: string): string {
  // Vite puts content-hashed output in assets/: a changed file gets a new name, so the old one
  // can be cached for a year without revalidation.
  if (relPath.startsWith('assets/')) return IMMUTABLE
  // Everything else (index.html, sw.js, registerSW.js, workbox-*.js, manifest.webmanifest, icons)
  // has a stable name; the browser must revalidate it or a new release would never be seen.
  return NO_CACHE
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Turns a raw request target into a path relative to distDir, or throws HttpError.
 * Deliberately does not rely on WHATWG URL normalisation alone: `%2e%2e%2f` survives it and only
 * becomes `../` after decoding, so the check happens on decoded segments.
 */
export function resolveRequestPath(rawUrl: string): string {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/'
  if (!rawPath.startsWith('/')) throw new HttpError(400, 'Bad request')
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    throw new HttpError(400, 'Bad request')
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'Bad request')
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.')
  // `..` is refused outright rather than resolved: no legitimate link to the app contains it.
  // Dot-files (.env, .git…) are never part of a vite build.
  if (segments.some((s) => s.startsWith('.'))) throw new HttpError(403, 'Forbidden')
  return segments.join('/')
}

function isNavigation(req: IncomingMessage, relPath: string): boolean {
  const last = relPath.split('/').pop() ?? ''
  if (path.extname(last) !== '') return false
  const accept = req.headers.accept ?? ''
  return accept.includes('text/html')
}

async function statFile(file: string): Promise<Stats | undefined> {
  try {
    const s = await stat(file)
    return s.isFile() ? s : undefined
  } catch {
    return undefined
  }
}

function sendText(res: ServerResponse, status: number, text: string, head: boolean): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(head ? undefined : text)
}

export function createStaticHandler(options: StaticOptions = {}): RequestHandler {
  const distDir = path.resolve(options.distDir ?? DEFAULT_DIST_DIR)
  const indexFile = path.join(distDir, 'index.html')

  const serveFile = (
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    relPath: string,
    info: Stats,
  ): void => {
    const head = req.method === 'HEAD'
    // Weak validator from size+mtime: enough for `no-cache` revalidation to answer 304.
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControlFor(relPath),
      ETag: etag,
      'Last-Modified': info.mtime.toUTCString(),
    }
    const inm = req.headers['if-none-match']
    if (inm !== undefined && inm.split(',').some((t) => t.trim() === etag)) {
      res.writeHead(304, headers)
      res.end()
      return
    }
    headers['Content-Length'] = info.size
    if (head) {
      res.writeHead(200, headers)
      res.end()
      return
    }
    const stream = createReadStream(file)
    stream.once('open', () => {
      res.writeHead(200, headers)
      stream.pipe(res)
    })
    stream.once('error', () => {
      // The file vanished between stat and open (e.g. a rebuild in progress).
      if (!res.headersSent) sendText(res, 404, 'Not found', false)
      else res.destroy()
    })
    res.once('close', () => stream.destroy())
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === 'HEAD'
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD')
      sendText(res, 405, 'Method not allowed', false)
      return
    }
    // Checked per request so a server started before `npm run build` starts working afterwards.
    const indexInfo = await statFile(indexFile)
    if (!indexInfo) {
      sendText(res, 503, 'Run npm run build first', head)
      return
    }

    let relPath: string
    try {
      relPath = resolveRequestPath(req.url ?? '/')
    } catch (err) {
      if (err instanceof HttpError) return sendText(res, err.status, err.message, head)
      throw err
    }

    if (relPath === '' || relPath === 'index.html') {
      serveFile(req, res, indexFile, 'index.html', indexInfo)
      return
    }

    const file = path.join(distDir, ...relPath.split('/'))
    // Belt and braces: after the segment checks this cannot fail, but it is the invariant that
    // actually matters, so it is asserted on the final path.
    if (!file.startsWith(distDir + path.sep)) return sendText(res, 403, 'Forbidden', head)

    const info = await statFile(file)
    if (info) {
      serveFile(req, res, file, relPath, info)
      return
    }
    // Client-side routes such as /join/ABC: hand the app shell to the browser.
    if (isNavigation(req, relPath)) {
      serveFile(req, res, indexFile, 'index.html', indexInfo)
      return
    }
    sendText(res, 404, 'Not found', head)
  }

  return (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal server error', req.method === 'HEAD')
      else res.destroy()
    })
  }
}
