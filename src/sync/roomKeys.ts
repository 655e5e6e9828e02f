/**
 * Derives the y-webrtc room name and password from the join code, so that the code is the only
 * secret: the signaling server sees an opaque 128-bit topic, and only holders of the code can
 * decrypt the signaling payloads (SDP, ICE candidates) and the BroadcastChannel traffic.
 * The workshop id (the key of the local database row) is derived the same way, so every device
 * stores the same workshop under the same id and archives from two devices can be merged.
 */
import type { JoinCode } from '../domain/joinCode.ts'

async function sha256Hex(label: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(`medvirk/v1/${label}/${code}`)
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export interface RoomKeys {
  workshopId: string
  roomName: string
  password: string
}

export async function deriveRoomKeys(code: JoinCode): Promise<RoomKeys> {
  const [id, room, password] = await Promise.all([sha256Hex('id', code), sha256Hex('room', code), sha256Hex('password', code)])
  return { workshopId: id.slice(0, 20), roomName: `medvirk-${room.slice(0, 32)}`, password }
}
