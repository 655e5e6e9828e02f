import { beforeAll, describe, expect, test } from 'vitest'
import { en } from './en.ts'
import { nb } from './nb.ts'
import { createTranslator, detectLocale, loadLocale } from './i18n.ts'
import { compareEn } from './parts/compare.en.ts'
import { compareNb } from './parts/compare.nb.ts'
import { editorEn } from './parts/editor.en.ts'
import { editorNb } from './parts/editor.nb.ts'
import { exportEn } from './parts/export.en.ts'
import { exportNb } from './parts/export.nb.ts'
import { libraryEn } from './parts/library.en.ts'
import { libraryNb } from './parts/library.nb.ts'
import { matrixEn } from './parts/matrix.en.ts'
import { matrixNb } from './parts/matrix.nb.ts'
import { planEn } from './parts/plan.en.ts'
import { planNb } from './parts/plan.nb.ts'

const PARTS: [string, Record<string, string>, Record<string, string>][] = [
  ['compare', compareNb, compareEn],
  ['editor', editorNb, editorEn],
  ['export', exportNb, exportEn],
  ['library', libraryNb, libraryEn],
  ['matrix', matrixNb, matrixEn],
  ['plan', planNb, planEn],
]

beforeAll(() => loadLocale('en'))

describe('i18n', () => {
  test('bokmål and English have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort())
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const k of Object.keys(nb) as (keyof typeof nb)[]) expect(ph(en[k]), k).toEqual(ph(nb[k]))
  })
  test('every screen part has the same keys and placeholders in both languages, and no key of another catalogue', () => {
    const ph = (x: string) => (x.match(/\{\w+\}/g) ?? []).sort()
    const seen = new Set(Object.keys(nb))
    for (const [name, pn, pe] of PARTS) {
      expect(Object.keys(pe).sort(), name).toEqual(Object.keys(pn).sort())
      for (const k of Object.keys(pn)) {
        expect(ph(pe[k] ?? ''), k).toEqual(ph(pn[k] ?? ''))
        expect(pn[k]?.trim(), k).not.toBe('')
        expect(seen.has(k), `${k} is defined twice`).toBe(false)
        seen.add(k)
      }
    }
  })

  test('a part registered when its screen loads is translated in both languages', async () => {
    await import('./parts/matrix.ts')
    expect(createTranslator('nb')('matrix.details', { status: 'x' })).toBe(matrixNb['matrix.details'].replace('{status}', 'x'))
    expect(createTranslator('en')('matrix.details', { status: 'x' })).toBe(matrixEn['matrix.details'].replace('{status}', 'x'))
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
