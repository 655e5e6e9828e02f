/**
 * Template A ("Velg innsatsområde med ungdomsrådet") from the contract to the evaluation, with a
 * facilitator and two participants in separate browsers: ideas, groups, a sealed dot vote, and
 * the anonymous closing evaluation shown only as totals (here: three respondents → order only).
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addNote, createWorkshop, formatViolations, runAxe, startSession } from '../support/browser.ts'
import { closeVote, joinAll, nextStep, passTabletVote, stepOf, voteAll, workshopDevices } from '../support/workshopRun.ts'

const run = workshopDevices()
const ps = run.ps

const next = (expected: string) => nextStep(run.fac, ps, expected)
/** Answers every evaluation question on a scale form with the given value ("1"…"5"). */
async function answerAll(page: Page, value: string) {
  const rows = page.getByTestId('ballot-option')
  const n = await rows.count()
  for (let i = 0; i < n; i++) await rows.nth(i).getByRole('radio', { name: new RegExp(`^${value}\\b`) }).check()
}

test('template A runs from contract to evaluation', async () => {
  const { code } = await createWorkshop(run.fac.page, run.server.url, 'Ungdomsrådet i Vik', { open: false })
  await run.fac.page.getByTestId('template-select').selectOption('a-velg-innsatsomrade')
  await run.fac.page.getByTestId('setup').getByText('Likhetspause').waitFor()
  await joinAll(ps, run.server.url, code)
  await startSession(run.fac.page, { owner: 'Styringsgruppa for folkehelse', feedbackDate: '2099-04-01' })
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 20000 }).toBe('welcome')
  expect(await ps[0]!.page.getByTestId('contract-card').textContent()).toContain('Styringsgruppa for folkehelse')
  await next('knowledge')
  await next('ideas')
  // 1-2-4-All: the facilitator moves everyone to pairs
  await run.fac.page.getByRole('button', { name: 'To og to' }).click()
  await expect.poll(() => ps[0]!.page.getByTestId('phase').textContent()).toContain('To og to')
  await addNote(ps[0]!.page, 'Flere møteplasser som er gratis')
  await addNote(ps[1]!.page, 'Hjelp med ensomhet')
  await run.fac.page.getByTestId('console-reveal').click()
  await next('group')
  for (const name of ['Møteplasser', 'Psykisk helse']) {
    await run.fac.page.getByTestId('cluster-name').fill(name)
    await run.fac.page.getByTestId('cluster-add').click()
  }
  await next('equity-pause')
  await next('vote')
  await run.fac.page.getByTestId('vote-open').click()
  await voteAll(ps, async (page, i) => {
    const opt = page.getByTestId('ballot-option').filter({ hasText: i === 0 ? 'Møteplasser' : 'Psykisk helse' })
    for (let k = 0; k < 3; k++) await opt.getByTestId('dot-add').click()
  })
  await passTabletVote(run.fac, async (page) => {
    const facOpt = page.getByTestId('ballot-option').filter({ hasText: 'Møteplasser' })
    await facOpt.getByTestId('dot-add').click()
  })
  await closeVote(run.fac)
  for (const p of ps) await p.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })
  await next('sense-making')
  await next('handover')
  await next('evaluation')

  // the anonymous evaluation: the three questions, answered on a scale, totals only
  await run.fac.page.getByTestId('vote-open').click()
  await voteAll(ps, async (page, i) => {
    expect(await page.getByTestId('ballot-option').count()).toBe(3)
    await answerAll(page, i === 0 ? '4' : '5')
  })
  expect(formatViolations(await runAxe(ps[0]!.page))).toBe('')
  await passTabletVote(run.fac, async (page) => {
    await answerAll(page, '3')
  })
  await expect.poll(() => run.fac.page.getByTestId('vote-close').textContent(), { timeout: 10000 }).toContain('3')
  await closeVote(run.fac)
  for (const p of ps) {
    await p.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })
    // three respondents: the order of the questions only, never the numbers
    expect(await p.page.getByTestId('results').textContent()).not.toMatch(/snitt|gjennomsnitt|mean/i)
  }
  await next('ended')
  for (const d of [run.fac, ...ps]) expect(d.errors).toEqual([])
})
