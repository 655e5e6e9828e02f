/** Turns a template problem into one translated line: where (step, field, language) and what. */
import '../../i18n/parts/editor.ts'
import { MAX_STEP_MINUTES, MAX_STEPS, MAX_TEMPLATE_BYTES, STEP_KIND_NAMES, type TemplateProblem } from '../../domain/template.ts'
import type { MessageKey, Translate } from '../../i18n/i18n.ts'
import { MAX_STATEMENTS, problemLocation, VOTE_NUMBERS, type ProblemLocation } from './editing.ts'

const OPTION_PATH = /^steps\.\d+\.options\.(\w+)$/

export function problemWhat(p: TemplateProblem, t: Translate): string {
  // The schema says only 'invalid' for a bad number or too many statements; say what is allowed.
  const option = p.code === 'invalid' ? OPTION_PATH.exec(p.path)?.[1] : undefined
  if (option !== undefined && Object.hasOwn(VOTE_NUMBERS, option)) {
    return t('templates.editor.problem.wholeNumber', { ...VOTE_NUMBERS[option as keyof typeof VOTE_NUMBERS] })
  }
  if (option === 'custom') return t('templates.editor.problem.tooManyStatements', { max: MAX_STATEMENTS })
  return t(`templates.problem.${p.code}`, {
    kb: Math.round(MAX_TEMPLATE_BYTES / 1024),
    maxMinutes: MAX_STEP_MINUTES,
    maxSteps: MAX_STEPS,
    kinds: STEP_KIND_NAMES.map((k) => t(`templates.kind.${k}`)).join(', '),
  })
}

const OPTION_NAMES: Readonly<Record<string, MessageKey>> = {
  method: 'templates.editor.where.method',
  dots: 'templates.editor.where.dots',
  capPerOption: 'templates.editor.where.capPerOption',
  mustNot: 'templates.editor.where.mustNot',
  topK: 'templates.editor.where.topK',
  source: 'templates.editor.where.source',
  custom: 'templates.editor.where.custom',
  sectors: 'templates.editor.where.sectors',
  examples: 'templates.editor.where.examples',
  gaps: 'templates.editor.where.gaps',
  defaultStatus: 'templates.editor.where.defaultStatus',
}

/** "sektor 2", "påstand 1", "prikker per person"; the generic "valg" for an option without a name here. */
function optionWhere(loc: ProblemLocation, t: Translate): string {
  if (loc.item !== undefined && loc.option === 'sectors') return t('templates.editor.where.sector', { n: loc.item })
  if (loc.item !== undefined && loc.option === 'custom') return t('templates.editor.where.statement', { n: loc.item })
  const key = loc.option !== undefined && Object.hasOwn(OPTION_NAMES, loc.option) ? OPTION_NAMES[loc.option] : undefined
  return key ? t(key) : t('templates.field.options')
}

/** "Step 3, text (English)"; "" when the problem is about the file as a whole. */
export function problemWhere(p: TemplateProblem, t: Translate): string {
  const loc = problemLocation(p)
  const parts: string[] = []
  if (loc.step !== undefined) parts.push(t('templates.where.step', { n: loc.step }))
  if (loc.field) {
    const field = loc.field === 'options' ? optionWhere(loc, t) : t(`templates.field.${loc.field}`)
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
