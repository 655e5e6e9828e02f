import { expect, test } from 'vitest'
import { createTranslator, loadLocale } from '../../i18n/i18n.ts'
import { problemLine } from './problemText.ts'

await loadLocale('en')

const en = createTranslator('en')
const nb = createTranslator('nb')

test('a problem line says where and what, in the UI language', () => {
  expect(problemLine({ code: 'missingText', path: 'steps.2.prompt.en', step: 3 }, en)).toBe('Step 3, text (English): The text is missing.')
  expect(problemLine({ code: 'missingText', path: 'steps.2.prompt.en', step: 3 }, nb)).toBe('Steg 3, tekst (engelsk): Teksten mangler.')
  expect(problemLine({ code: 'unknownKind', path: 'steps.1.kind', step: 2 }, en)).toBe(
    'Step 2, step type: Unknown step type. This version knows: Information, Brainstorm, Cluster, Pulse (emoji), Discussion, Vote, Evaluation, Equity check, Mapping matrix, Action plan.',
  )
  expect(problemLine({ code: 'textTooLong', path: 'name.nb' }, nb)).toBe('Navn (bokmål): Teksten er for lang.')
  expect(problemLine({ code: 'absurdTimebox', path: 'steps.0.minutes', step: 1 }, en)).toBe('Step 1, minutes: The time must be a whole number of minutes from 0 to 180.')
})

test('whole-file problems have no "where"', () => {
  expect(problemLine({ code: 'notJson', path: '' }, en)).toBe('The file is not a template file (it is not valid JSON).')
  expect(problemLine({ code: 'tooBig', path: '' }, nb)).toBe('Filen er for stor (høyst 256 kB).')
  expect(problemLine({ code: 'duplicateStepId', path: '' }, en)).toBe('Two steps have the same id.')
  expect(problemLine({ code: 'tooManySteps', path: 'steps' }, en)).toBe('Steps: The template has too many steps (at most 40).')
})
