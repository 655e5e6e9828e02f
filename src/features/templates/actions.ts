/**
 * What the library and the editor do with whole templates: copy, create, import and export.
 * Own templates are device scope (Dexie only, never synced); every write goes through
 * `services.templates`, and nothing here overwrites a stored template except an explicit save.
 */
import type { AppServices } from '../../app/services.ts'
import { MAX_TEMPLATE_BYTES, parseTemplateJson, templateIdFromBytes, templateToJson, type Template, type TemplateProblem, type TemplateResult } from '../../domain/template.ts'
import { createTranslator, loadLocale, type Translate } from '../../i18n/i18n.ts'
import { blankTemplate, duplicateTemplate, withFreeId } from './editing.ts'

// Template texts exist in both languages whatever the UI language is, so both catalogues are used
// (English is loaded on demand).
async function translators(): Promise<{ tNb: Translate; tEn: Translate }> {
  await loadLocale('en')
  return { tNb: createTranslator('nb'), tEn: createTranslator('en') }
}

function freshId(services: AppServices, name: string): string {
  return templateIdFromBytes(name, services.randomBytes(6))
}

/** Saves an own copy of `t` and returns it. */
export async function duplicateAndSave(services: AppServices, t: Template): Promise<Template> {
  // The id is made from the copy's name, so the copy is made first and given its id after.
  const { tNb, tEn } = await translators()
  const copy = duplicateTemplate(t, '', { nb: tNb('templates.copySuffix'), en: tEn('templates.copySuffix') })
  const saved = { ...copy, id: freshId(services, copy.name.nb) }
  await services.templates.save(saved, services.now())
  return saved
}

/** Saves the smallest valid template (one information step) and returns it. */
export async function createBlank(services: AppServices): Promise<Template> {
  const { tNb, tEn } = await translators()
  const name = { nb: tNb('templates.blank.name'), en: tEn('templates.blank.name') }
  const t = blankTemplate(freshId(services, name.nb), {
    name,
    title: { nb: tNb('templates.blank.stepTitle'), en: tEn('templates.blank.stepTitle') },
    prompt: { nb: tNb('templates.blank.stepPrompt'), en: tEn('templates.blank.stepPrompt') },
  })
  await services.templates.save(t, services.now())
  return t
}

export type ImportOutcome = { ok: true; template: Template; renamed: boolean } | { ok: false; problems: TemplateProblem[] }

/** Reads a file's text, refusing a huge file before reading it into memory. */
export async function readTemplateFile(file: Blob): Promise<TemplateResult> {
  if (file.size > MAX_TEMPLATE_BYTES) return { ok: false, problems: [{ code: 'tooBig', path: '' }] }
  return parseTemplateJson(await file.text())
}

/**
 * Parses and stores an imported template. A failed import stores nothing; a template whose id is
 * already taken (by a built-in or an own template) is stored under a fresh id, never over it.
 */
export async function importTemplateFile(services: AppServices, file: Blob): Promise<ImportOutcome> {
  const parsed = await readTemplateFile(file)
  if (!parsed.ok) return parsed
  const taken = new Set([...services.builtInTemplates.map((t) => t.id), ...(await services.templates.list()).map((t) => t.id)])
  const t = withFreeId(parsed.template, (id) => taken.has(id), () => freshId(services, parsed.template.name.nb))
  await services.templates.save(t, services.now())
  return { ok: true, template: t, renamed: t.id !== parsed.template.id }
}

export function exportFileName(t: Template): string {
  return `${t.id}.json`
}

/** Downloads the template as `<id>.json` through a Blob and a temporary `<a download>`. */
export function downloadTemplate(t: Template): string {
  const name = exportFileName(t)
  const url = URL.createObjectURL(new Blob([templateToJson(t)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return name
}
