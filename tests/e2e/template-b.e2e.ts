/**
 * Template B ("Likhetssjekk av et planlagt tiltak") end to end with a facilitator and two
 * participants in separate browsers: the four-level checklist answered with traffic lights and
 * notes (unknown → a task), participants' anonymous traffic-light views on the barriers,
 * mitigation ideas grouped and voted on, and the action plan written together on two devices —
 * with its validation (a target without a baseline, a feedback date in the past) — surviving a reload.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { addNote, createWorkshop, formatViolations, runAxe, startSession } from '../support/browser.ts'
import { closeVote, joinAll, nextStep, passTabletVote, stepOf, voteAll, workshopDevices } from '../support/workshopRun.ts'

const run = workshopDevices()
const ps = run.ps

const next = (expected: string) => nextStep(run.fac, ps, expected)
const field = (page: Page, path: string) => page.locator(`[data-testid=plan-field][data-field="${path}"]`)
const problem = (page: Page, path: string, code: string) => page.locator(`[data-testid=plan-problem][data-path="${path}"][data-code="${code}"]`)

test('template B: equity check, mitigation vote and the action plan', async () => {
  const { code } = await createWorkshop(run.fac.page, run.server.url, 'Likhetssjekk: gratis fritidskort', { open: false })
  await run.fac.page.getByTestId('template-select').selectOption('b-likhetssjekk')
  await run.fac.page.getByTestId('setup').getByText('Likhetssjekken').waitFor()
  await joinAll(ps, run.server.url, code)
  await startSession(run.fac.page, { owner: 'Kultursjefen', feedbackDate: '2099-05-01' })
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 20000 }).toBe('welcome')
  await next('intervention')
  await next('check')

  // What is checked, typed by the facilitator, seen by everyone.
  await run.fac.page.getByTestId('equity-subject-text-input').fill('Gratis fritidskort for alle 13–19 år')
  await run.fac.page.getByTestId('equity-subject-save').click()
  for (const p of ps) await expect.poll(() => p.page.getByTestId('equity-subject-text').textContent(), { timeout: 10000 }).toBe('Gratis fritidskort for alle 13–19 år')

  // The checklist, answered with traffic lights and a note; "unknown" becomes a follow-up task.
  const q41 = run.fac.page.locator('[data-testid=equity-question][data-question-id="S4.1"]')
  await q41.getByRole('radio', { name: /^Gul/ }).check()
  await q41.getByRole('textbox').fill('Virker for dem som allerede er med i et lag')
  await q41.getByRole('textbox').blur()
  await run.fac.page.locator('[data-testid=equity-question][data-question-id="S2.1"]').getByRole('radio', { name: /^Vet ikke/ }).check()
  await expect.poll(() => run.fac.page.getByTestId('equity-tasks').textContent()).toContain('Finn ut')
  for (const p of ps) {
    await expect.poll(() => p.page.locator('[data-testid=equity-question][data-question-id="S4.1"]').textContent(), { timeout: 10000 }).toContain('allerede er med')
  }
  expect(formatViolations(await runAxe(run.fac.page))).toBe('')
  expect(formatViolations(await runAxe(ps[0]!.page))).toBe('')

  // Participants' views on the barriers, anonymously, as traffic lights (two voters + the tablet).
  await run.fac.page.getByTestId('vote-open').click()
  await voteAll(ps, async (page) => {
    await page.getByTestId('ballot-option').first().getByRole('radio', { name: 'Rød' }).check()
  })
  await passTabletVote(run.fac, async (page) => {
    await page.getByTestId('ballot-option').first().getByRole('radio', { name: 'Gul' }).check()
  })
  await expect.poll(() => run.fac.page.getByTestId('vote-close').textContent(), { timeout: 10000 }).toContain('3')
  await closeVote(run.fac)
  for (const p of ps) await p.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })

  // Mitigation ideas, grouped, then a dot vote on the groups.
  await next('mitigations')
  await addNote(ps[0]!.page, 'Låne utstyr gratis')
  await addNote(ps[1]!.page, 'Buss fra bygdene')
  await run.fac.page.getByTestId('console-reveal').click()
  await next('group')
  for (const name of ['Utstyr', 'Transport']) {
    await run.fac.page.getByTestId('cluster-name').fill(name)
    await run.fac.page.getByTestId('cluster-add').click()
  }
  await next('vote')
  await run.fac.page.getByTestId('vote-open').click()
  await voteAll(ps, async (page, i) => {
    const opt = page.getByTestId('ballot-option').filter({ hasText: i === 0 ? 'Transport' : 'Utstyr' })
    for (let k = 0; k < 3; k++) await opt.getByTestId('dot-add').click()
  })
  await passTabletVote(run.fac, async (page) => {
    await page.getByTestId('ballot-option').filter({ hasText: 'Transport' }).getByTestId('dot-add').click()
  })
  await closeVote(run.fac)
  for (const p of ps) {
    await p.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })
    // Transport (4 dots) before Utstyr (3 dots); three voters: order only.
    const text = (await p.page.getByTestId('results').textContent()) ?? ''
    expect(text.indexOf('Transport')).toBeLessThan(text.indexOf('Utstyr'))
  }

  // The action plan, written on two devices at once.
  await next('plan')
  const p0 = ps[0]!.page
  await p0.getByTestId('action-plan').waitFor({ timeout: 20000 })
  await field(run.fac.page, 'equityGoal').fill('Andelen unge fra familier med lav inntekt som er med i en fritidsaktivitet øker fra 48 til 65 % innen 2028')
  await field(run.fac.page, 'equityGoal').blur()
  await field(p0, 'targetGroup.group').fill('Unge 13–19 fra familier med lav inntekt')
  await field(p0, 'targetGroup.group').blur()
  await expect.poll(() => field(p0, 'equityGoal').inputValue(), { timeout: 10000 }).toContain('fra 48 til 65 %')
  await expect.poll(() => field(run.fac.page, 'targetGroup.group').inputValue(), { timeout: 10000 }).toContain('lav inntekt')

  // An indicator from a chip; a target with no baseline is reported and what was typed is kept.
  await run.fac.page.getByTestId('plan-indicator-search').fill('ensom')
  await run.fac.page.getByTestId('plan-indicator-chip').first().click()
  const ind = run.fac.page.getByTestId('plan-indicator').first()
  await ind.locator('[data-item-field=target]').fill('15 %')
  await ind.locator('[data-item-field=target]').blur()
  await problem(run.fac.page, 'indicators.0.baseline', 'baselineRequired').waitFor({ timeout: 10000 })
  await expect.poll(() => p0.getByTestId('plan-indicator').first().locator('[data-item-field=target]').inputValue(), { timeout: 10000 }).toBe('15 %')
  await ind.locator('[data-item-field=baseline]').fill('22 %')
  await ind.locator('[data-item-field=baseline]').blur()
  await expect.poll(() => problem(run.fac.page, 'indicators.0.baseline', 'baselineRequired').count()).toBe(0)

  // A feedback date in the past is refused with a message; the typed date stays.
  await field(run.fac.page, 'youthFeedback.date').fill('2020-01-01')
  await field(run.fac.page, 'youthFeedback.date').blur()
  await problem(run.fac.page, 'youthFeedback.date', 'pastDate').waitFor({ timeout: 10000 })
  expect(await field(run.fac.page, 'youthFeedback.date').inputValue()).toBe('2020-01-01')
  await field(run.fac.page, 'youthFeedback.date').fill('2099-05-01')
  await field(run.fac.page, 'youthFeedback.date').blur()
  await expect.poll(() => problem(run.fac.page, 'youthFeedback.date', 'pastDate').count()).toBe(0)

  expect(formatViolations(await runAxe(run.fac.page))).toBe('')
  expect(formatViolations(await runAxe(p0))).toBe('')

  // Everything survives a reload, on a participant and on the facilitator.
  await p0.reload()
  await expect.poll(() => field(p0, 'equityGoal').inputValue(), { timeout: 20000 }).toContain('fra 48 til 65 %')
  await expect.poll(() => p0.getByTestId('plan-indicator').first().locator('[data-item-field=baseline]').inputValue()).toBe('22 %')
  await run.fac.page.reload()
  await expect.poll(() => field(run.fac.page, 'targetGroup.group').inputValue(), { timeout: 20000 }).toContain('lav inntekt')
  await expect.poll(() => run.fac.page.getByTestId('plan-progress').getAttribute('data-complete')).not.toBe('0')

  await next('handover')
  await next('ended')
  for (const d of [run.fac, ...ps]) expect(d.errors).toEqual([])
})
