import { expect, test } from 'vitest'
import { fileBase, formatSize } from './download.ts'

test('file names keep Norwegian letters and drop the rest', () => {
  expect(fileBase('Ungdomsrådet: trygg fritid!', '2026-11-23')).toBe('ungdomsrådet-trygg-fritid-2026-11-23')
  expect(fileBase('///', '2026-11-23')).toBe('medvirk-2026-11-23')
})

test('sizes read like a person would say them', () => {
  expect(formatSize(2048, 'en')).toBe('2 kB')
  expect(formatSize(5 * 1024 * 1024, 'en')).toBe('5 MB')
})
