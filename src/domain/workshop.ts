/** Workshop-level rules shared by every layer. */

export const TITLE_MAX_LENGTH = 120

export type WorkshopRole = 'facilitator' | 'participant'

export type TitleResult = { ok: true; title: string } | { ok: false; problem: 'empty' | 'tooLong' }

export function validateTitle(input: string): TitleResult {
  const title = input.replace(/\s+/g, ' ').trim()
  if (!title) return { ok: false, problem: 'empty' }
  if (Array.from(title).length > TITLE_MAX_LENGTH) return { ok: false, problem: 'tooLong' }
  return { ok: true, title }
}

/** Connection as the user sees it. */
export type ConnectionState =
  | { kind: 'offline' }
  | { kind: 'connecting' }
  | { kind: 'unreachable'; url: string }
  /** `via`: whether the others are reached directly (WebRTC), through the server's relay, or both. */
  | {
      kind: 'connected'
      peers: number
      via?: 'direct' | 'server' | 'both'
      direct?: number
      /**
       * Others are in the room (per the signaling server) but none is linked directly and this
       * device has no relay key (it typed the code on a Wi-Fi that isolates clients): it needs
       * the QR code or the link.
       */
      needsLink?: boolean
    }
