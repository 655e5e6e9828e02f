import { describe, expect, test } from 'vitest'
import { joinCodeFromBytes } from './joinCode.ts'
import { buildJoinLink, defaultSignalingUrl, isRelayKey, parseJoinFragment, parseSignalingUrl, relayUrlFor } from './joinLink.ts'

const code = joinCodeFromBytes(Uint8Array.from([9, 8, 7, 6, 5, 4, 3, 2]))

describe('join links', () => {
  test('the code travels in the fragment, which browsers never send to the server', () => {
    const link = buildJoinLink('https://medvirk.example.no', { code })
    const u = new URL(link)
    expect(u.pathname).toBe('/join')
    expect(u.search).toBe('')
    expect(parseJoinFragment(u.hash)).toEqual({ ok: true, target: { code } })
  })

  test('a non-default signaling server and the key fingerprint round-trip', () => {
    const link = buildJoinLink('https://app.example', { code, signalingUrl: 'wss://signal.kommune.no/signal', fingerprint: 'abcDEF123_-x' })
    expect(parseJoinFragment(new URL(link).hash)).toEqual({ ok: true, target: { code, signalingUrl: 'wss://signal.kommune.no/signal', fingerprint: 'abcDEF123_-x' } })
  })

  test('the default signaling URL is left out of the link', () => {
    const link = buildJoinLink('https://app.example', { code, signalingUrl: 'wss://app.example/signal' })
    expect(link).not.toContain('s=')
  })

  test('broken links are reported, not half-followed', () => {
    expect(parseJoinFragment('#')).toEqual({ ok: false, problem: 'noCode' })
    expect(parseJoinFragment('#c=XYZ')).toEqual({ ok: false, problem: 'tooShort' })
    expect(parseJoinFragment(`#c=${code}&s=http://evil.example`)).toEqual({ ok: false, problem: 'badSignaling' })
    expect(parseJoinFragment(`#c=${code.slice(0, 8)}Z`).ok).toBe(code.endsWith('Z'))
  })

  test('signaling URLs: wss anywhere, ws only on loopback or private LANs', () => {
    expect(parseSignalingUrl('wss://x.no/signal')).toEqual({ ok: true, url: 'wss://x.no/signal' })
    expect(parseSignalingUrl('ws://127.0.0.1:8080/signal').ok).toBe(true)
    expect(parseSignalingUrl('ws://192.168.1.10:8080/signal').ok).toBe(true)
    expect(parseSignalingUrl('ws://signal.example.com')).toEqual({ ok: false, problem: 'insecureRemote' })
    expect(parseSignalingUrl('https://x.no')).toEqual({ ok: false, problem: 'scheme' })
    expect(parseSignalingUrl('not a url')).toEqual({ ok: false, problem: 'notUrl' })
    expect(parseSignalingUrl(' ')).toEqual({ ok: false, problem: 'empty' })
  })

  test('default signaling follows the page origin and its security', () => {
    expect(defaultSignalingUrl('https://a.no')).toBe('wss://a.no/signal')
    expect(defaultSignalingUrl('http://localhost:8080')).toBe('ws://localhost:8080/signal')
  })
})

describe('the relay content key in join links (issue 13)', () => {
  const relayKey = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdQ'
  test('round-trips in the fragment as r', () => {
    const link = buildJoinLink('https://app.example', { code, fingerprint: 'abcDEF123_-x', relayKey })
    const u = new URL(link)
    expect(u.search).toBe('')
    expect(u.hash).toContain(`r=${relayKey}`)
    expect(parseJoinFragment(u.hash)).toEqual({ ok: true, target: { code, fingerprint: 'abcDEF123_-x', relayKey } })
  })

  test('a malformed key is ignored, not half-used', () => {
    for (const bad of [relayKey.slice(1), `${relayKey}A`, relayKey.replace('A', '+'), relayKey.slice(0, 42) + 'B']) {
      expect(isRelayKey(bad)).toBe(false)
      expect(parseJoinFragment(`#c=${code}&r=${encodeURIComponent(bad)}`)).toEqual({ ok: true, target: { code } })
    }
    expect(isRelayKey(relayKey)).toBe(true)
  })

  test('the relay sits beside our own signaling server, never beside a foreign one', () => {
    expect(relayUrlFor('wss://medvirk.kommune.no/signal')).toBe('wss://medvirk.kommune.no/relay')
    expect(relayUrlFor('ws://127.0.0.1:5173/signal')).toBe('ws://127.0.0.1:5173/relay')
    expect(relayUrlFor('wss://signal.example/')).toBeNull()
    expect(relayUrlFor('not a url')).toBeNull()
  })
})
