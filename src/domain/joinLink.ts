/**
 * Join links carry everything a device needs to enter a workshop: the code (the secret), the
 * signaling URL to use (so a municipality's own server or a room box travels with the link), the
 * facilitator key fingerprint when one exists (issue 3 verifies it), and the relay's room content
 * key (`r`, issue 13).
 *
 * All of it sits in the URL *fragment*: browsers never send the fragment to the server, so the
 * host that serves the app never learns the code.
 */
import { parseJoinCode, type JoinCode, type JoinCodeProblem } from './joinCode.ts'

export interface JoinTarget {
  code: JoinCode
  signalingUrl?: string
  fingerprint?: string
  /**
   * The room content key of the end-to-end-encrypted relay (issue 13), base64url of 32 random
   * bytes. Never derivable from the code; a device without it cannot use the relay.
   */
  relayKey?: string
}

export type SignalingUrlProblem = 'empty' | 'notUrl' | 'scheme' | 'insecureRemote'

export type SignalingUrlResult = { ok: true; url: string } | { ok: false; problem: SignalingUrlProblem }

/**
 * ws:// is only accepted for loopback: anything else would be blocked as mixed content on an
 * HTTPS page, or would send signaling unencrypted over the room's Wi-Fi.
 */
export function parseSignalingUrl(input: string): SignalingUrlResult {
  const s = input.trim()
  if (!s) return { ok: false, problem: 'empty' }
  let u: URL
  try {
    u = new URL(s)
  } catch {
    return { ok: false, problem: 'notUrl' }
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return { ok: false, problem: 'scheme' }
  if (u.protocol === 'ws:' && !isLoopbackHost(u.hostname) && !isPrivateHost(u.hostname)) {
    return { ok: false, problem: 'insecureRemote' }
  }
  u.hash = ''
  return { ok: true, url: u.toString().replace(/\/$/, '') }
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host)
}

/** Room boxes on a LAN without certificates (e.g. a laptop at 10.0.0.5) may use ws://. */
function isPrivateHost(host: string): boolean {
  return /^10\./.test(host) || /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host) || host.endsWith('.local')
}

/** A content key as the link carries it: base64url of 32 bytes (43 characters, no padding). */
export function isRelayKey(s: string): boolean {
  return /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(s)
}

/**
 * The relay beside a signaling server: the same origin with `/relay` for `/signal`. A signaling
 * URL with another path (a third-party y-webrtc server) has no relay of ours: null.
 */
export function relayUrlFor(signalingUrl: string): string | null {
  let u: URL
  try {
    u = new URL(signalingUrl)
  } catch {
    return null
  }
  if (!/\/signal$/.test(u.pathname)) return null
  u.pathname = u.pathname.replace(/\/signal$/, '/relay')
  u.hash = ''
  return u.toString()
}

/** The signaling URL that belongs to the page's own origin: `/signal` on the same host. */
export function defaultSignalingUrl(origin: string): string {
  const u = new URL(origin)
  return `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}/signal`
}

export function buildJoinLink(origin: string, target: JoinTarget): string {
  const params = new URLSearchParams()
  params.set('c', target.code)
  if (target.signalingUrl && target.signalingUrl !== defaultSignalingUrl(origin)) params.set('s', target.signalingUrl)
  if (target.fingerprint) params.set('k', target.fingerprint)
  if (target.relayKey) params.set('r', target.relayKey)
  return `${origin.replace(/\/$/, '')}/join#${params.toString()}`
}

export type JoinLinkProblem = JoinCodeProblem | 'noCode' | 'badSignaling'

export type JoinLinkResult = { ok: true; target: JoinTarget } | { ok: false; problem: JoinLinkProblem }

/** Parses the fragment of a join link (`#c=...&s=...&k=...`). */
export function parseJoinFragment(fragment: string): JoinLinkResult {
  const params = new URLSearchParams(fragment.replace(/^#/, ''))
  const rawCode = params.get('c')
  if (!rawCode) return { ok: false, problem: 'noCode' }
  const code = parseJoinCode(rawCode)
  if (!code.ok) return { ok: false, problem: code.problem }
  const target: JoinTarget = { code: code.code }
  const s = params.get('s')
  if (s) {
    const sig = parseSignalingUrl(s)
    if (!sig.ok) return { ok: false, problem: 'badSignaling' }
    target.signalingUrl = sig.url
  }
  const k = params.get('k')
  if (k && /^[A-Za-z0-9_-]{8,64}$/.test(k)) target.fingerprint = k
  const r = params.get('r')
  if (r && isRelayKey(r)) target.relayKey = r
  return { ok: true, target }
}
