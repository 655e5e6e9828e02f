/**
 * Join codes: the short secret a participant types to enter a workshop.
 *
 * Alphabet: Crockford-style base32 without I, L, O, U so that codes read aloud or copied from a
 * projector survive 0/O and 1/I/L confusion. Eight random symbols (40 bits) plus one check symbol
 * that catches every single-symbol typo and most transpositions, so a mistyped code is reported
 * at once instead of silently opening an empty room.
 *
 * The code is the only secret: the room name and the y-webrtc password are derived from it
 * (see sync/roomKeys.ts), so the signaling server only ever sees an opaque topic.
 */

export const JOIN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const DATA_LENGTH = 8
export const JOIN_CODE_LENGTH = DATA_LENGTH + 1

declare const joinCodeBrand: unique symbol
/** A canonical, checked join code: nine symbols from JOIN_ALPHABET, no separators. */
export type JoinCode = string & { readonly [joinCodeBrand]: true }

export type JoinCodeProblem = 'empty' | 'tooShort' | 'tooLong' | 'badCharacter' | 'checksum'

export type JoinCodeResult =
  | { ok: true; code: JoinCode }
  | { ok: false; problem: JoinCodeProblem }

/** Mod-37 would need a 37-symbol alphabet; a weighted mod-32 sum with distinct odd weights still
 * detects every single substitution (odd weight × nonzero difference is nonzero mod 32). */
function checkSymbol(data: string): string {
  let sum = 0
  for (let i = 0; i < data.length; i++) {
    sum += JOIN_ALPHABET.indexOf(data[i] ?? '0') * (2 * i + 1)
  }
  return JOIN_ALPHABET[sum % 32] ?? '0'
}

/** Builds a code from caller-supplied random bytes (domain code never draws randomness itself). */
export function joinCodeFromBytes(random: Uint8Array): JoinCode {
  if (random.length < DATA_LENGTH) throw new RangeError(`need ${DATA_LENGTH} random bytes`)
  let data = ''
  for (let i = 0; i < DATA_LENGTH; i++) data += JOIN_ALPHABET[(random[i] ?? 0) % 32]
  return (data + checkSymbol(data)) as JoinCode
}

/** Maps what people actually type (lower case, spaces, dashes, O for 0, I/L for 1) to symbols. */
export function normalizeJoinInput(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
}

export function parseJoinCode(input: string): JoinCodeResult {
  const s = normalizeJoinInput(input)
  if (s.length === 0) return { ok: false, problem: 'empty' }
  for (const ch of s) if (!JOIN_ALPHABET.includes(ch)) return { ok: false, problem: 'badCharacter' }
  if (s.length < JOIN_CODE_LENGTH) return { ok: false, problem: 'tooShort' }
  if (s.length > JOIN_CODE_LENGTH) return { ok: false, problem: 'tooLong' }
  const data = s.slice(0, DATA_LENGTH)
  if (checkSymbol(data) !== s[DATA_LENGTH]) return { ok: false, problem: 'checksum' }
  return { ok: true, code: s as JoinCode }
}

/** "K7M2-Q9XP-4": groups of four are easier to read out and to type on a phone. */
export function formatJoinCode(code: JoinCode): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
}
