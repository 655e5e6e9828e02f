/** Turns a template problem into one translated line: where (step, field, language) and what. */
import { MAX_STEP_MINUTES, MAX_STEPS, MAX_TEMPLATE_BYTES, STEP_KIND_NAMES, type TemplateProblem } from '../../domain/template.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { problemLocation } from './editing.ts'

export function problemWhat(p: TemplateProblem, t: Translate): string {
  return t(`templates.problem.${p.code}`, {
    kb: Math.round(MAX_TEMPLATE_BYTES / 1024),
    maxMinutes: MAX_STEP_MINUTES,
    maxSteps: MAX_STEPS,
    kinds: STEP_KIND_NAMES.map((k) => t(`templates.kind.${k}`)).join(', '),
  })
}

/** "Step 3, text (English)"; "" when the problem is about the file as a whole. */
export function problemWhere(p: TemplateProblem, t: Translate): string {
  const loc = problemLocation(p)
  const parts: string[] = []
  if (loc.step !== undefined) parts.push(t('templates.where.step', { n: loc.step }))
  if (loc.field) {
    const field = t(`templates.field.${loc.field}`)
    parts.push(loc.lang ? t('templates.problem.fieldLang', { field, lang: t(`templates.lang.${loc.lang}`) }) : field)
  }
  if (parts.length === 0 && p.path !== '') parts.push(p.path)
  const where = parts.join(', ')
  return where.charAt(0).toUpperCase() + where.slice(1)
}

export function problemLine(p: TemplateProblem, t: Translate): string {
  const where = problemWhere(p, t)
  const what = problemWhat(p, t)
  return where ? t('templates.problem.line', { where, what }) : what
}
