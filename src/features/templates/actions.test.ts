import { afterEach, describe, expect, test } from 'vitest'
import { AppServices } from '../../app/services.ts'
import { BUILT_IN_TEMPLATES } from '../../domain/builtInTemplates.ts'
import { MAX_TEMPLATE_BYTES, templateToJson, type Template } from '../../domain/template.ts'
import { openDb, type MedvirkDb } from '../../storage/db.ts'
import { TemplateStore } from '../../storage/templateStore.ts'
import { WorkshopStore } from '../../storage/workshopStore.ts'
import { createBlank, duplicateAndSave, importTemplateFile, readTemplateFile } from './actions.ts'

let dbs: MedvirkDb[] = []
let seq = 0
afterEach(() => {
  for (const db of dbs) db.close()
  dbs = []
})

function services(): AppServices {
  const db = openDb(`templates-actions-${++seq}-${Math.round(performance.now())}`)
  dbs.push(db)
  let n = 0
  return new AppServices({
    store: new WorkshopStore(db),
    templates: new TemplateStore(db),
    origin: 'http://localhost',
    clock: { now: () => 1000 + n },
    // Deterministic "randomness": a counter, so every fresh id differs.
    random: (len) => Uint8Array.from({ length: len }, (_, i) => (i === len - 1 ? ++n : 0)),
  })
}

const builtIn = BUILT_IN_TEMPLATES[0] as Template
const file = (text: string) => new Blob([text], { type: 'application/json' })

describe('template actions', () => {
  test('duplicate saves an own copy with a new id; the built-in is untouched', async () => {
    const s = services()
    const copy = await duplicateAndSave(s, builtIn)
    expect(copy.id).not.toBe(builtIn.id)
    expect(copy.name.nb).toBe('Idémyldring og gruppering (kopi)')
    expect(copy.name.en).toBe('Brainstorm and cluster (copy)')
    expect((await s.templates.list()).map((t) => t.id)).toEqual([copy.id])
    expect(builtIn.name.nb).toBe('Idémyldring og gruppering')
  })

  test('a new template is valid and stored', async () => {
    const s = services()
    const t = await createBlank(s)
    expect(await s.templates.get(t.id)).toEqual(t)
    expect(t.steps).toHaveLength(1)
  })

  test('importing a file whose id is taken stores it under a new id and overwrites nothing', async () => {
    const s = services()
    const mine = await duplicateAndSave(s, builtIn)
    const edited = { ...mine, name: { nb: 'Annen', en: 'Other' } }
    const r = await importTemplateFile(s, file(templateToJson(edited)))
    expect(r.ok && r.renamed).toBe(true)
    const ids = (await s.templates.list()).map((t) => t.id).sort()
    expect(ids).toHaveLength(2)
    expect(await s.templates.get(mine.id)).toEqual(mine)

    const again = await importTemplateFile(s, file(templateToJson(builtIn)))
    expect(again.ok && again.template.id).not.toBe(builtIn.id)
  })

  test('importing a file with a free id keeps it', async () => {
    const s = services()
    const t = { ...builtIn, id: 'delt-mal', builtIn: false }
    const r = await importTemplateFile(s, file(templateToJson(t)))
    expect(r).toEqual({ ok: true, template: t, renamed: false })
  })

  test('a failed import stores nothing and reports every problem', async () => {
    const s = services()
    const mine = await duplicateAndSave(s, builtIn)
    const bad = JSON.parse(templateToJson(mine)) as { steps: Record<string, unknown>[] }
    bad.steps[1]!.kind = 'dance'
    bad.steps[2]!.minutes = -5
    const r = await importTemplateFile(s, file(JSON.stringify(bad)))
    expect(r.ok ? [] : r.problems.map((p) => `${p.code}@${p.step}`)).toEqual(['unknownKind@2', 'absurdTimebox@3'])
    expect(await importTemplateFile(s, file('not json'))).toEqual({ ok: false, problems: [{ code: 'notJson', path: '' }] })
    expect(await s.templates.list()).toEqual([mine])
  })

  test('a huge file is refused by size, before it is read', async () => {
    const r = await readTemplateFile(file('x'.repeat(MAX_TEMPLATE_BYTES + 1)))
    expect(r).toEqual({ ok: false, problems: [{ code: 'tooBig', path: '' }] })
  })
})
