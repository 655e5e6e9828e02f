/**
 * A rogue in the room against the vote (issue 12, attacks 1–3): a real participant page that joined
 * with the real code and writes straight into presence with the app's own primitives (as a few
 * lines in DevTools could).
 *
 * 1. Stuffing: re-casts with new voter keys under its own pass, asks for passes under invented
 *    client ids (one before the facilitator closes the room: seen on the console; more after:
 *    refused) and puts ballots under them.
 * 2. Withdrawing a classmate's vote: presence updates under the classmate's client id that remove
 *    the ballot, then replace it with the rogue's.
 * 3. Unmasking: with 1 and 2 defeated, the totals minus the rogue's own ballots are the sum of the
 *    three honest ballots, never one person's.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshop, enableTestHooks, formatViolations, gotoStep, runAxe, startSession, type Device } from '../support/browser.ts'
import { closeVote, joinAll, workshopDevices } from '../support/workshopRun.ts'

const room = workshopDevices(4)

const option = (page: Page, label: string) => page.getByTestId('ballot-option').filter({ hasText: label })
async function dots(page: Page, label: string, n: number) {
  for (let i = 0; i < n; i++) await option(page, label).getByTestId('dot-add').click()
}
async function send(page: Page) {
  await page.getByTestId('vote-send').click()
  await page.getByTestId('vote-sent').waitFor({ timeout: 20000 })
}

/** Runs `code` in the page with its live session and the app's voting primitives (`kit`). */
function inPage<T>(page: Page, code: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    async ({ code, arg }) => {
      const id = location.pathname.split('/').pop() ?? ''
      const m = (window as unknown as { __medvirk: { services: { acquire(id: string): Promise<unknown>; release(id: string): void }; loadBench(): Promise<{ rogueKit: unknown }> } }).__medvirk
      const session = await m.services.acquire(id)
      try {
        const kit = (await m.loadBench()).rogueKit
        const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>
        return (await new AsyncFunction('session', 'kit', 'arg', code)(session, kit, arg)) as never
      } finally {
        m.services.release(id)
      }
    },
    { code, arg },
  )
}

/** Shared set-up for the rogue's snippets: the open round, its own pass, sealing, and writing presence under any client id. */
const PRELUDE = `
  const aw = session.connection.provider.awareness
  const ctx = session.flow.getState().view.context
  const open = ctx.votes[ctx.openRound]
  const round = open.round
  const R = round.roundId
  const W = session.summary.id
  const passKey = await kit.importPassKey(round.passKey)
  const own = session.votes.passRow
  const idOf = (label) => round.options.find((o) => o.label === label).id
  const ballot = (label, n) => ({ method: 'dots', dots: { [idOf(label)]: n } })
  const seal = async (voter, pass, b, n) => {
    const s = await kit.signBallot(voter.privateKey, R, n, b)
    return kit.sealBallot(R, open.publicKey, kit.encodeBallotEnvelope(b, { px: pass.px, ps: pass.ps, pk: voter.pub, n, s }), kit.PAD)
  }
  const put = (id, state) => {
    const meta = aw.meta.get(id)
    if (state === null) aw.states.delete(id)
    else aw.states.set(id, state)
    aw.meta.set(id, { clock: (meta ? meta.clock : 0) + 1, lastUpdated: Date.now() })
    aw.emit('update', [{ added: meta ? [] : [id], updated: meta ? [id] : [], removed: [] }, 'local'])
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
`

const clientId = (page: Page) => inPage<number>(page, 'return session.connection.provider.awareness.clientID')
const passes = (page: Page) => page.getByTestId('vote-passes')

test('a rogue can neither stuff, withdraw nor replace ballots; every honest voter sees "Din stemme ble talt"', async () => {
  const { fac, ps } = room
  const [p0, victim, p2, rogue] = ps as [Device, Device, Device, Device]
  for (const d of [victim, rogue]) await enableTestHooks(d)
  const { code } = await createWorkshop(fac.page, room.server.url, 'Rogue i avstemningen', { open: false })
  await fac.page.getByTestId('template-select').selectOption('prioriter-med-prikker')
  await fac.page.getByTestId('setup').getByText('Hva er viktigst?').waitFor()
  await joinAll(ps, room.server.url, code)
  await startSession(fac.page)
  await gotoStep(fac.page, 'group')
  for (const name of ['Transport', 'Hall', 'Klubb']) {
    await fac.page.getByTestId('cluster-name').fill(name)
    await fac.page.getByTestId('cluster-add').click()
  }
  await gotoStep(fac.page, 'vote')
  await expect.poll(() => fac.page.getByTestId('vote-console').textContent()).toContain('Klubb')
  await fac.page.getByTestId('vote-open').click()
  for (const p of ps) await p.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })

  // Every device gets one pass; the console shows passes beside devices present and connections.
  await expect.poll(() => passes(fac.page).getAttribute('data-issued'), { timeout: 30000 }).toBe('4')
  await expect.poll(() => passes(fac.page).getAttribute('data-devices'), { timeout: 10000 }).toBe('4')
  await expect.poll(() => passes(fac.page).getAttribute('data-connections'), { timeout: 10000 }).toBe('4')
  expect(await fac.page.getByTestId('vote-passes-over').count()).toBe(0)
  expect(formatViolations(await runAxe(fac.page))).toBe('')

  // Honest ballots, and the rogue's own through the app.
  await dots(p0.page, 'Transport', 3)
  await send(p0.page)
  await dots(victim.page, 'Hall', 3)
  await send(victim.page)
  await dots(p2.page, 'Klubb', 2)
  await dots(p2.page, 'Hall', 1)
  await send(p2.page)
  await dots(rogue.page, 'Klubb', 3)
  await send(rogue.page)
  await expect.poll(() => fac.page.getByTestId('vote-close').textContent(), { timeout: 20000 }).toContain('(4')

  // 1a. Re-casting with fresh voter keys under its own pass: the pass names its first key, so each is a spent pass.
  await inPage(rogue.page, `${PRELUDE}
    for (let i = 0; i < 3; i++) {
      const voter = await kit.generateVoterKeys()
      aw.setLocalState({ ...aw.getLocalState(), ballot: await seal(voter, own.pass, ballot('Klubb', 3), 1) })
      await sleep(300)
    }`)

  // 1b. Before the room is closed, a pass under an invented client id: handed out, and seen.
  const gotExtra = await inPage<boolean>(
    rogue.page,
    `${PRELUDE}
    const id = 900001
    const voter = await kit.generateVoterKeys()
    const req = await kit.blindPassRequest(passKey, W, R, voter.pub)
    put(id, { r: 'p', passReq: { r: R, q: req.blinded } })
    const h = await kit.requestHash(req.blinded)
    let pass = null
    for (let i = 0; i < 150 && !pass; i++) {
      await sleep(200)
      for (const a of kit.passAnswersFor(aw, R, h).answers) pass = pass || (await kit.finalizePass(passKey, req, a))
    }
    if (!pass) return false
    put(id, { r: 'p', ballot: await seal(voter, pass, ballot('Klubb', 3), 1) })
    return true`,
  )
  expect(gotExtra).toBe(true)
  await expect.poll(() => passes(fac.page).getAttribute('data-issued'), { timeout: 10000 }).toBe('5')
  // More passes than devices connected: the console says so.
  await fac.page.getByTestId('vote-passes-over').waitFor({ timeout: 10000 })
  expect(await passes(fac.page).getAttribute('data-connections')).toBe('4')

  // The facilitator closes the room to new devices.
  await fac.page.getByTestId('vote-room-closed').check()
  // 1c. After closing: invented client ids asking for passes and carrying ballots get nothing.
  await inPage(
    rogue.page,
    `${PRELUDE}
    for (const id of [900002, 900003]) {
      const voter = await kit.generateVoterKeys()
      const req = await kit.blindPassRequest(passKey, W, R, voter.pub)
      put(id, { r: 'p', passReq: { r: R, q: req.blinded }, ballot: await seal(voter, own.pass, ballot('Klubb', 3), 1) })
      await sleep(300)
    }`,
  )
  await fac.page.waitForTimeout(2500)
  expect(await passes(fac.page).getAttribute('data-issued')).toBe('5')

  // 2. Presence updates under the victim's client id: first without its ballot, then with the rogue's.
  const victimId = await clientId(victim.page)
  await inPage(
    rogue.page,
    `${PRELUDE}
    put(arg, { r: 'p' })
    await sleep(800)
    const voter = await kit.generateVoterKeys()
    put(arg, { r: 'p', ballot: await seal(voter, own.pass, ballot('Transport', 3), 99) })
    await sleep(800)`,
    victimId,
  )
  // The victim's own screen still says its vote was sent.
  expect(await victim.page.getByTestId('vote-sent').count()).toBe(1)
  // Everything the rogue tried is counted as ignored, and only 5 ballots (one per pass) count.
  await expect.poll(async () => Number(await fac.page.getByTestId('vote-ignored').getAttribute('data-count')), { timeout: 15000 }).toBeGreaterThanOrEqual(7)
  await expect.poll(() => fac.page.getByTestId('vote-close').textContent(), { timeout: 10000 }).toContain('(5')
  expect(formatViolations(await runAxe(fac.page))).toBe('')

  await closeVote(fac)
  // Honest: Transport 3 (p0), Hall 3 (victim) + 1 (p2), Klubb 2 (p2). Rogue: Klubb 3 on its own pass,
  // Klubb 3 on the pass it got under an invented id before the room closed (seen on the console).
  for (const d of [fac, ...ps]) {
    await d.page.getByTestId('results').waitFor({ timeout: 20000 })
    const bulletin = d.page.getByTestId('results-bulletin')
    const counted = Number(await bulletin.getAttribute('data-counted'))
    const issued = Number(await bulletin.getAttribute('data-issued'))
    expect(counted).toBe(5)
    expect(issued).toBe(5)
    expect(counted).toBeLessThanOrEqual(issued)
    const rows = d.page.getByTestId('results-row')
    await expect.poll(() => rows.count()).toBe(3)
    const score = async (label: string) => {
      const text = (await rows.filter({ hasText: label }).textContent()) ?? ''
      return Number(/(\d+)\s*prikk/.exec(text)?.[1] ?? NaN)
    }
    expect(await score('Transport')).toBe(3)
    expect(await score('Hall')).toBe(4)
    expect(await score('Klubb')).toBe(8)
  }
  // 3. Totals minus the rogue's own two ballots (Klubb 3 + 3) = the three honest ballots together
  // (Transport 3, Hall 4, Klubb 2): nobody's single ballot.

  // Every honest voter's device finds its receipt; the victim's says counted too.
  for (const p of [p0, victim, p2]) {
    await expect.poll(() => p.page.getByTestId('vote-receipt').getAttribute('data-status'), { timeout: 10000 }).toBe('counted')
    expect(await p.page.getByTestId('vote-receipt').textContent()).toBe('Din stemme ble talt.')
    expect(await p.page.getByTestId('vote-receipt').getAttribute('role')).toBe('status')
  }
  expect(await fac.page.getByTestId('vote-receipt').count()).toBe(0)
  expect(formatViolations(await runAxe(victim.page))).toBe('')
  for (const d of [fac, p0, victim, p2]) expect(d.errors).toEqual([])
})
