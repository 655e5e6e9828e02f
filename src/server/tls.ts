/**
 * HTTPS for the room box. Tablets only get a service worker and WebCrypto in a secure context,
 * and off localhost that means HTTPS (ARCHITECTURE.md §2, deployment mode 2).
 *
 * Two sources, in order of preference:
 *  - TLS_CERT + TLS_KEY: PEM files supplied by the operator (e.g. a real certificate for a DNS
 *    name that resolves to the box on the local network; nothing to accept on the tablets);
 *  - HTTPS=1 / HTTPS=self-signed: a self-signed certificate generated here and cached under
 *    .certs/, so each tablet has to accept the warning only once rather than on every start.
 */
import { X509Certificate } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from 'selfsigned'

export interface TlsMaterial {
  cert: string | Buffer
  key: string | Buffer
}

export interface ResolvedTls extends TlsMaterial {
  source: 'files' | 'self-signed'
  /** SHA-256 fingerprint of the certificate, so people can compare it with what a tablet shows. */
  fingerprint: string
  /** Only for self-signed: whether it was generated now (false: reused from the cache). */
  created?: boolean
}

/** `.certs/` at the repository root; listed in .gitignore. */
export const DEFAULT_CERT_DIR: string = fileURLToPath(new URL('../../.certs/', import.meta.url))

const CERT_FILE = 'selfsigned-cert.pem'
const KEY_FILE = 'selfsigned-key.pem'
const VALID_DAYS = 365
/** Regenerate a cached certificate this long before it expires, not on the day of a workshop. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000

/** Non-internal IPv4 addresses of this machine: the links tablets on the same Wi-Fi can use. */
export function lanIPv4Addresses(): string[] {
  const out: string[] = []
  for (const list of Object.values(os.networkInterfaces())) {
    for (const addr of list ?? []) {
      // `family` is the string 'IPv4' on current Node; 18.0–18.3 briefly reported the number 4.
      const family: unknown = addr.family
      if ((family === 'IPv4' || family === 4) && !addr.internal && !out.includes(addr.address)) {
        out.push(addr.address)
      }
    }
  }
  return out
}

/** The names and addresses a self-signed certificate for this machine should cover. */
export function defaultSubjectNames(): { dns: string[]; ips: string[] } {
  const dns = ['localhost']
  const host = os.hostname().toLowerCase()
  // Only add names that are valid DNS labels; a certificate with a malformed SAN is rejected.
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
    if (!dns.includes(host)) dns.push(host)
    // mDNS name, which many tablets can resolve on a local network without any DNS server.
    if (!host.includes('.')) dns.push(`${host}.local`)
  }
  return { dns, ips: ['127.0.0.1', ...lanIPv4Addresses()] }
}

export interface SelfSignedOptions {
  certDir?: string
  dns?: string[]
  ips?: string[]
  now?: Date
}

/** Does this cached certificate still cover every name and stay valid long enough? */
function isUsable(certPem: string, dns: string[], ips: string[], now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem)
    if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_MS) return false
    if (Date.parse(cert.validFrom) > now.getTime()) return false
    const san = (cert.subjectAltName ?? '').split(',').map((s) => s.trim())
    return (
      dns.every((name) => san.includes(`DNS:${name}`)) &&
      ips.every((ip) => san.includes(`IP Address:${ip}`))
    )
  } catch {
    return false
  }
}

function fingerprintOf(certPem: string | Buffer): string {
  return new X509Certificate(certPem).fingerprint256
}

/**
 * Returns a self-signed certificate for the given names, reusing the cached one when it still
 * fits. A new LAN address (the box moved to another Wi-Fi) means a new certificate, because a
 * browser checks the address against the certificate; tablets then have to accept it again.
 */
export async function loadOrCreateSelfSigned(options: SelfSignedOptions = {}): Promise<ResolvedTls> {
  const certDir = options.certDir ?? DEFAULT_CERT_DIR
  const defaults = defaultSubjectNames()
  const dns = options.dns ?? defaults.dns
  const ips = options.ips ?? defaults.ips
  const now = options.now ?? new Date()
  const certPath = path.join(certDir, CERT_FILE)
  const keyPath = path.join(certDir, KEY_FILE)

  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')])
    if (isUsable(cert, dns, ips, now)) {
      return { cert, key, source: 'self-signed', fingerprint: fingerprintOf(cert), created: false }
    }
  } catch {
    // No cache yet (or unreadable): generate below.
  }

  // A day of slack before "now": tablets with a slightly wrong clock would otherwise reject it.
  const notBeforeDate = new Date(now.getTime() - 24 * 3600 * 1000)
  const notAfterDate = new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000)
  const pems = await generate([{ name: 'commonName', value: 'Medvirk room box' }], {
    // P-256 is fast to generate and accepted by every browser the app supports.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dns.map((value) => ({ type: 2 as const, value })),
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  })

  await mkdir(certDir, { recursive: true, mode: 0o700 })
  // Write-then-rename so a crash mid-write never leaves a cert without its key.
  await writeFile(`${keyPath}.tmp`, pems.private, { mode: 0o600 })
  await writeFile(`${certPath}.tmp`, pems.cert, { mode: 0o644 })
  await rename(`${keyPath}.tmp`, keyPath)
  await rename(`${certPath}.tmp`, certPath)
  return {
    cert: pems.cert,
    key: pems.private,
    source: 'self-signed',
    fingerprint: fingerprintOf(pems.cert),
    created: true,
  }
}

export interface TlsEnv {
  HTTPS?: string | undefined
  TLS_CERT?: string | undefined
  TLS_KEY?: string | undefined
}

/** Values of HTTPS that ask for a generated certificate. */
const SELF_SIGNED_VALUES = new Set(['1', 'true', 'yes', 'on', 'self-signed', 'selfsigned'])
const OFF_VALUES = new Set(['', '0', 'false', 'no', 'off'])

/**
 * Decides on TLS from the environment. Returns undefined for plain HTTP.
 * Throws an Error with a message meant for the terminal when the settings are inconsistent.
 */
export async function resolveTlsFromEnv(
  env: TlsEnv = process.env,
  options: Omit<SelfSignedOptions, 'dns' | 'ips'> = {},
): Promise<ResolvedTls | undefined> {
  const certFile = env.TLS_CERT?.trim() ?? ''
  const keyFile = env.TLS_KEY?.trim() ?? ''
  if (certFile !== '' || keyFile !== '') {
    if (certFile === '' || keyFile === '') {
      throw new Error('Set both TLS_CERT and TLS_KEY (paths to PEM files), or neither.')
    }
    let cert: Buffer
    let key: Buffer
    try {
      ;[cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)])
    } catch (err) {
      throw new Error(`Cannot read TLS_CERT/TLS_KEY: ${(err as Error).message}`, { cause: err })
    }
    let fingerprint: string
    try {
      fingerprint = fingerprintOf(cert)
    } catch {
      throw new Error(`TLS_CERT (${certFile}) is not a PEM certificate.`)
    }
    return { cert, key, source: 'files', fingerprint }
  }

  const mode = (env.HTTPS ?? '').trim().toLowerCase()
  if (OFF_VALUES.has(mode)) return undefined
  if (SELF_SIGNED_VALUES.has(mode)) return loadOrCreateSelfSigned(options)
  throw new Error(`HTTPS=${env.HTTPS ?? ''} is not understood; use HTTPS=1 (self-signed) or HTTPS=0.`)
}
