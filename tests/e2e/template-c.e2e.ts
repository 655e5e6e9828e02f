/**
 * Template C ("Kartlegg innsatsene våre") end to end with a facilitator and two participants in
 * separate browsers: existing efforts written silently, placed on the matrix by pointer drag,
 * by keyboard drag and by the "move to" menu; the gaps update live on every device; a targeted
 * effort without a target group is named; "does this reach you?" answers; a vote on which gap
 * to fill first; everything survives a reload; axe clean on the matrix on tablet and phone.
 */
import { expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { addNote, createWorkshop, formatViolations, runAxe, startSession, waitForNote } from '../support/browser.ts'
import { closeVote, joinAll, nextStep, passTabletVote, stepOf, voteAll, workshopDevices } from '../support/workshopRun.ts'

const run = workshopDevices()
const ps = run.ps

const next = (expected: string) => nextStep(run.fac, ps, expected)
const cell = (page: Page, row: string, column: string, sector = 'oppvekst') =>
  page.locator(`[data-testid=matrix-cell][data-sector="${sector}"][data-row="${row}"][data-column="${column}"]`)
const hasGap = (page: Page, row: string, column: string) => cell(page, row, column).getAttribute('data-gap')
const gapKinds = async (page: Page) => (await page.getByTestId('matrix-gap').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).sort()
const trayItem = (page: Page, text: string) => page.getByTestId('matrix-tray-item').filter({ hasText: text })
const card = (page: Page, text: string) => page.getByTestId('matrix-card').filter({ hasText: text })

/** A real pointer drag: press, move in steps (past the activation distance), release. */
async function pointerDrag(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox()
  const b = await to.boundingBox()
  if (!a || !b) throw new Error('not on screen')
  await page.mouse.move(a.x + a.width / 2, a.y + Math.min(12, a.height / 2))
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(a.x + a.width / 2 + ((b.x + b.width / 2 - a.x - a.width / 2) * i) / 12, a.y + 12 + ((b.y + b.height / 2 - a.y - 12) * i) / 12)
  await page.mouse.up()
}

test('template C: place efforts, see the gaps live on every device, vote on which gap first', async () => {
  const { code } = await createWorkshop(run.fac.page, run.server.url, 'Kartlegging i Vik', { open: false })
  await run.fac.page.getByTestId('template-select').selectOption('c-kartlegg-innsatsene')
  await run.fac.page.getByTestId('setup').getByText('Plasser i matrisen').waitFor()
  await joinAll(ps, run.server.url, code)
  await startSession(run.fac.page, { owner: 'Kommunalsjef oppvekst', feedbackDate: '2099-06-01' })
  for (const p of ps) await expect.poll(() => stepOf(p.page), { timeout: 20000 }).toBe('welcome')
  await next('explain')
  await next('ideas')
  await addNote(ps[0]!.page, 'Gratis fritidskort')
  await addNote(ps[1]!.page, 'Leksehjelp på biblioteket')
  await addNote(ps[1]!.page, 'Natteravner i sentrum')
  await run.fac.page.getByTestId('console-reveal').click()
  await waitForNote(run.fac.page, 'Natteravner i sentrum')
  await next('merge')
  await next('map')

  for (const d of [run.fac, ...ps]) await d.page.getByTestId('matrix-step').waitFor({ timeout: 20000 })
  // Nothing placed: all six OPPVEKST cells are gaps, on every device.
  for (const d of [run.fac, ...ps]) await expect.poll(() => gapKinds(d.page), { timeout: 10000 }).toEqual(Array(6).fill('emptyCell'))

  // 1. A participant places a note with the "move to" menu (the non-drag alternative).
  await trayItem(ps[0]!.page, 'Gratis fritidskort').getByTestId('matrix-move').selectOption('universal/prevent')
  await card(ps[0]!.page, 'Gratis fritidskort').waitFor()
  for (const d of [run.fac, ps[1]!]) {
    await card(d.page, 'Gratis fritidskort').waitFor({ timeout: 10000 })
    await expect.poll(() => hasGap(d.page, 'universal', 'prevent'), { timeout: 10000 }).not.toBe('true')
    await expect.poll(() => gapKinds(d.page)).toHaveLength(5)
  }

  // 2. The other participant places a note by keyboard only: focus, Space, arrows, Space.
  const leks = trayItem(ps[1]!.page, 'Leksehjelp').getByTestId('matrix-drag-handle')
  await leks.focus()
  await ps[1]!.page.keyboard.press('Space')
  await ps[1]!.page.locator('[data-testid=matrix-cell][data-drop-target="true"]').first().waitFor()
  // Keyboard moves go cell by cell; walk to targeted × reduce_risk, one key at a time, each time
  // waiting until the drop target has moved (the screen-reader announcement names it too).
  const over = ps[1]!.page.locator('[data-testid=matrix-cell][data-drop-target="true"]')
  const overKey = async () => `${await over.getAttribute('data-row')}/${await over.getAttribute('data-column')}`
  for (let i = 0; i < 12; i++) {
    const at = await overKey()
    if (at === 'targeted/reduce_risk') break
    await ps[1]!.page.keyboard.press(at.startsWith('universal') ? 'ArrowDown' : 'ArrowRight')
    await expect.poll(overKey).not.toBe(at)
  }
  expect(await overKey()).toBe('targeted/reduce_risk')
  await ps[1]!.page.keyboard.press('Space')
  await card(ps[1]!.page, 'Leksehjelp').waitFor()
  expect(await card(ps[1]!.page, 'Leksehjelp').getAttribute('data-cell')).toBe('oppvekst/targeted/reduce_risk')
  // A targeted effort must say whom it is for: named on the card, on every device.
  for (const d of [run.fac, ...ps]) {
    await expect.poll(() => card(d.page, 'Leksehjelp').getByTestId('matrix-error').count(), { timeout: 10000 }).toBe(1)
    // Targeted with no universal effort in that column: the specific gap, explained.
    await expect.poll(() => gapKinds(d.page), { timeout: 10000 }).toContain('targetedWithoutUniversal')
  }
  await card(ps[1]!.page, 'Leksehjelp').getByTestId('matrix-target-group').fill('Elever som strever med skolen')
  await card(ps[1]!.page, 'Leksehjelp').getByTestId('matrix-target-group').press('Enter')
  for (const d of [run.fac, ps[0]!]) {
    await expect.poll(() => card(d.page, 'Leksehjelp').getByTestId('matrix-error').count(), { timeout: 10000 }).toBe(0)
  }
  expect(await run.fac.page.getByTestId('matrix-gaps').textContent()).toMatch(/bare målrettede/i)

  // 3. The facilitator drags an example card with the pointer into universal × reduce_risk.
  const ex = trayItem(run.fac.page, 'Tilrettelegging av sikre skoleveier')
  await cell(run.fac.page, 'universal', 'reduce_risk').scrollIntoViewIfNeeded()
  await ex.getByTestId('matrix-drag-handle').scrollIntoViewIfNeeded()
  await pointerDrag(run.fac.page, ex.getByTestId('matrix-drag-handle'), cell(run.fac.page, 'universal', 'reduce_risk'))
  await card(run.fac.page, 'sikre skoleveier').waitFor({ timeout: 10000 })
  for (const d of ps) {
    await card(d.page, 'sikre skoleveier').waitFor({ timeout: 10000 })
    await expect.poll(() => gapKinds(d.page), { timeout: 10000 }).not.toContain('targetedWithoutUniversal')
    await expect.poll(() => gapKinds(d.page)).toHaveLength(3)
  }

  // The sector switcher: another sector has its own, empty matrix.
  await ps[0]!.page.locator('[data-testid=matrix-sector][data-sector="helse_omsorg"]').click()
  await cell(ps[0]!.page, 'universal', 'prevent', 'helse_omsorg').waitFor()
  expect(await ps[0]!.page.getByTestId('matrix-card').count()).toBe(0)
  await ps[0]!.page.locator('[data-testid=matrix-sector][data-sector="oppvekst"]').click()

  expect(formatViolations(await runAxe(run.fac.page))).toBe('')
  expect(formatViolations(await runAxe(ps[0]!.page))).toBe('')

  // Everything survives a reload.
  await ps[1]!.page.reload()
  await card(ps[1]!.page, 'Leksehjelp').waitFor({ timeout: 20000 })
  expect(await card(ps[1]!.page, 'Leksehjelp').getByTestId('matrix-target-group').inputValue()).toBe('Elever som strever med skolen')
  await expect.poll(() => gapKinds(ps[1]!.page), { timeout: 10000 }).toHaveLength(3)

  // The gap scan: "does this reach you?" on a universal effort.
  await next('gap-scan')
  for (const p of ps) await card(p.page, 'Gratis fritidskort').getByTestId('matrix-reach-no').click()
  await expect.poll(() => card(run.fac.page, 'Gratis fritidskort').getByTestId('matrix-reach-no').getAttribute('aria-pressed')).toBe('false')
  expect(await card(ps[0]!.page, 'Gratis fritidskort').getByTestId('matrix-reach-no').getAttribute('aria-pressed')).toBe('true')

  // Which gap first? The gaps are the vote's options.
  await next('equity-pause')
  await next('vote')
  const options = await run.fac.page.locator('.vote-preview li').allTextContents()
  expect(options).toHaveLength(3)
  expect(options.join('\n')).toContain('Oppvekst: universelle innsatser – redusere konsekvenser')
  await run.fac.page.getByTestId('vote-open').click()
  await voteAll(ps, async (page) => {
    const opt = page.getByTestId('ballot-option').filter({ hasText: 'redusere konsekvenser' }).first()
    for (let k = 0; k < 3; k++) await opt.getByTestId('dot-add').click()
  })
  await passTabletVote(run.fac, async (page) => {
    await page.getByTestId('ballot-option').filter({ hasText: 'redusere konsekvenser' }).first().getByTestId('dot-add').click()
  })
  await closeVote(run.fac)
  for (const p of ps) await p.page.getByTestId('results-rank-only').waitFor({ timeout: 20000 })
  await next('handover')
  await next('ended')
  for (const d of [run.fac, ...ps]) expect(d.errors).toEqual([])
})
