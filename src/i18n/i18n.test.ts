import { beforeAll, describe, expect, test } from 'vitest'
import { en } from './en.ts'
import { nb } from './nb.ts'
import { createTranslator, detectLocale, loadLocale } from './i18n.ts'

beforeAll(() => loadLocale('en'))

describe('i18n', () => {
  test('bokmål and English have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort())
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const k of Object.keys(nb) as (keyof typeof nb)[]) expect(ph(en[k]), k).toEqual(ph(nb[k]))
  })
  test('no message is empty', () => {
    for (const [k, v] of [...Object.entries(nb), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('')
  })
  test('placeholders and plural variants', () => {
    const t = createTranslator('en')
    expect(t('conn.connected', { count: 3 })).toBe('Connected, 3 other devices')
    expect(t('conn.connected', { count: 1 })).toBe('Connected, 1 other device')
    expect(t('conn.connected', { count: 0 })).toBe('Connected, nobody else yet')
    expect(createTranslator('nb')('composer.counter', { count: 5, max: 280 })).toBe('5 av 280 tegn')
  })
  test('locale detection prefers Norwegian, then English, else bokmål', () => {
    expect(detectLocale(['nn-NO'])).toBe('nb')
    expect(detectLocale(['en-GB', 'nb'])).toBe('en')
    expect(detectLocale(['sv-SE'])).toBe('nb')
  })
})
