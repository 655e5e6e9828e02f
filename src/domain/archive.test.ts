import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import {
  ARCHIVE_VERSION,
  MAX_ARCHIVE_CHARS,
  READABLE_VERSIONS,
  archiveFilename,
  archiveToJson,
  buildArchive,
  looksTruncated,
  parseArchive,
  sameTitle,
  type ArchiveInput,
} from './archive.ts'

const input: ArchiveInput = {
  exportedAt: Date.UTC(2025, 2, 1, 12),
  session: { id: '0123456789abcdef0123', title: 'Fritid for unge', createdAt: 1000, code: 'ABCDEFGH0', role: 'participant', facilitatorKey: 'TUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FF' },
  doc: { base64: 'AAECAwQFBgc=', sha256: 'a'.repeat(64) },
}
const good = () => JSON.parse(archiveToJson(buildArchive(input))) as Record<string, unknown> & { session: Record<string, unknown>; doc: Record<string, unknown> }
const codes = (text: string) => {
  const r = parseArchive(text)
  return r.ok ? [] : r.problems.map((p) => (p.path ? `${p.code}@${p.path}` : p.code))
}

describe('archive format', () => {
  test('build → JSON → parse round-trips the current version', () => {
    const text = archiveToJson(buildArchive(input))
    const r = parseArchive(text)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.archive).toEqual({
      format: 'medvirk-archive',
      version: ARCHIVE_VERSION,
      exportedAt: '2025-03-01T12:00:00.000Z',
      app: { version: expect.any(String) },
      session: input.session,
      doc: { encoding: 'yjs-update-v2', ...input.doc },
    })
  })

  test('optional session fields may be absent; a byte-order mark and unknown extra fields are tolerated', () => {
    const a = good()
    delete a.session.code
    delete a.session.facilitatorKey
    a.device = { storagePersisted: true }
    a.somethingLater = { x: 1 }
    const r = parseArchive(`\ufeff${JSON.stringify(a)}`)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.archive).not.toHaveProperty('somethingLater')
  })

  test('not JSON', () => {
    expect(codes('')).toEqual(['notJson'])
    expect(codes('Dette er et brev, ikke et arkiv')).toEqual(['notJson'])
    expect(codes('<!doctype html><html></html>')).toEqual(['notJson'])
    expect(codes('{"format": "medvirk-archive",, }')).toEqual(['notJson'])
  })

  test('truncated: JSON that ends early, a missing closing brace, a cut doc', () => {
    const text = archiveToJson(buildArchive(input))
    expect(codes(text.slice(0, 50))).toEqual(['truncated'])
    expect(codes(text.slice(0, text.indexOf('AAECAwQF') + 4))).toEqual(['truncated'])
    expect(codes(text.trimEnd().slice(0, -1))).toEqual(['truncated'])
    const a = good()
    a.doc.base64 = 'AAECAwQFBg'
    expect(codes(JSON.stringify(a))).toEqual(['truncated@doc.base64'])
  })

  test('looksTruncated is about the end of the text, not any syntax error', () => {
    expect(looksTruncated('{"a": [1, 2')).toBe(true)
    expect(looksTruncated('{"a": "unterminated')).toBe(true)
    expect(looksTruncated('{"a": "with \\" quote and } brace')).toBe(true)
    expect(looksTruncated('{"a": 1}}')).toBe(false)
    expect(looksTruncated('{"a": 1} trailing')).toBe(false)
    expect(looksTruncated('hello {')).toBe(false)
  })

  test('not an archive: other JSON, including a template file', () => {
    expect(codes('[]')).toEqual(['notArchive'])
    expect(codes('42')).toEqual(['notArchive'])
    expect(codes('{}')).toEqual(['notArchive@format'])
    expect(codes(JSON.stringify({ schema: 1, id: 'mal', steps: [] }))).toEqual(['notArchive@format'])
    expect(codes(JSON.stringify({ ...good(), format: 'other-archive' }))).toEqual(['notArchive@format'])
  })

  test('versions: unknown and newer', () => {
    expect(codes(JSON.stringify({ ...good(), version: undefined }))).toEqual(['unknownVersion@version'])
    expect(codes(JSON.stringify({ ...good(), version: '1' }))).toEqual(['unknownVersion@version'])
    expect(codes(JSON.stringify({ ...good(), version: 0 }))).toEqual(['unknownVersion@version'])
    expect(codes(JSON.stringify({ ...good(), version: 1.5 }))).toEqual(['unknownVersion@version'])
    const newer = parseArchive(JSON.stringify({ ...good(), version: ARCHIVE_VERSION + 1, whatever: 'new shape' }))
    expect(newer).toEqual({ ok: false, problems: [{ code: 'newerVersion', path: 'version', version: ARCHIVE_VERSION + 1 }] })
  })

  test('malformed fields are reported with their path', () => {
    const a = good()
    delete a.session.id
    a.doc.sha256 = 'not-a-sum'
    a.exportedAt = 'yesterday'
    expect(codes(JSON.stringify(a)).sort()).toEqual(['malformed@doc.sha256', 'malformed@exportedAt', 'malformed@session.id'])
    const b = good()
    b.doc.encoding = 'yjs-update-v1'
    b.session.role = 'boss'
    b.session.code = 'not a code'
    expect(codes(JSON.stringify(b)).sort()).toEqual(['malformed@doc.encoding', 'malformed@session.code', 'malformed@session.role'])
    const c = good()
    c.doc.base64 = 'AAEC$$$='
    expect(codes(JSON.stringify(c))).toEqual(['malformed@doc.base64'])
  })

  test('too big, checked before parsing', () => {
    expect(codes(' '.repeat(MAX_ARCHIVE_CHARS + 1))).toEqual(['tooBig'])
  })

  test('every readable version has a committed fixture that still parses', () => {
    expect(READABLE_VERSIONS).toEqual([1, 2])
    for (const version of READABLE_VERSIONS) {
      const text = readFileSync(new URL(`../../tests/fixtures/archive-v${version}.json`, import.meta.url), 'utf8')
      const r = parseArchive(text)
      expect(r.ok, `archive-v${version}.json`).toBe(true)
      if (r.ok) expect(r.archive.version).toBe(ARCHIVE_VERSION)
    }
  })

  test('file names and same-title check', () => {
    expect(archiveFilename('Fritid for unge', Date.UTC(2025, 2, 1))).toBe('medvirk-fritid-for-unge-2025-03-01.json')
    expect(archiveFilename('Ærlig talt: Øvre Årdal!', Date.UTC(2025, 2, 1))).toBe('medvirk-aerlig-talt-ovre-ardal-2025-03-01.json')
    expect(archiveFilename('', Date.UTC(2025, 2, 1))).toBe('medvirk-2025-03-01.json')
    expect(sameTitle('Ungdomsrådet  vår', 'ungdomsrådet VÅR')).toBe(true)
    expect(sameTitle('', '')).toBe(false)
    expect(sameTitle('A', 'B')).toBe(false)
  })
})
