import { describe, expect, test } from 'vitest'
import { JOIN_ALPHABET, formatJoinCode, joinCodeFromBytes, parseJoinCode } from './joinCode.ts'

const bytes = (...b: number[]) => Uint8Array.from(b)

describe('join codes', () => {
  const code = joinCodeFromBytes(bytes(1, 2, 3, 4, 5, 6, 7, 8))

  test('a generated code parses back, also lower-case, with dashes and spaces', () => {
    expect(code).toHaveLength(9)
    expect(parseJoinCode(code)).toEqual({ ok: true, code })
    expect(parseJoinCode(` ${formatJoinCode(code).toLowerCase()} `)).toEqual({ ok: true, code })
  })

  test('letters people confuse with digits are read as the digits', () => {
    const withZero = joinCodeFromBytes(bytes(0, 1, 0, 1, 0, 1, 0, 1))
    expect(withZero.startsWith('0101')).toBe(true)
    expect(parseJoinCode(withZero.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual({ ok: true, code: withZero })
  })

  test('every single-symbol typo is caught by the check symbol', () => {
    for (let pos = 0; pos < 9; pos++) {
      for (const ch of JOIN_ALPHABET) {
        if (ch === code[pos]) continue
        const typo = code.slice(0, pos) + ch + code.slice(pos + 1)
        expect(parseJoinCode(typo).ok, typo).toBe(false)
      }
    }
  })

  test('malformed input says what is wrong', () => {
    expect(parseJoinCode('')).toEqual({ ok: false, problem: 'empty' })
    expect(parseJoinCode('   ')).toEqual({ ok: false, problem: 'empty' })
    expect(parseJoinCode('ABCD')).toEqual({ ok: false, problem: 'tooShort' })
    expect(parseJoinCode('ABCDEFGHJK12')).toEqual({ ok: false, problem: 'tooLong' })
    expect(parseJoinCode('ABCD-EFG!-H')).toEqual({ ok: false, problem: 'badCharacter' })
    expect(parseJoinCode('ÆØÅ')).toEqual({ ok: false, problem: 'badCharacter' })
  })

  test('formats in readable groups', () => {
    expect(formatJoinCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/)
  })

  test('codes use the whole alphabet evenly from random bytes', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 256; i++) for (const ch of joinCodeFromBytes(bytes(i, i, i, i, i, i, i, i)).slice(0, 8)) seen.add(ch)
    expect(seen.size).toBe(32)
  })
})
