/**
 * The equity check step: the facilitator answers the checklist with traffic lights and notes,
 * participants follow it live in youth wording, unknown answers become follow-up tasks, the
 * participants' views on the barriers are gathered anonymously as a traffic-light vote, and
 * everything survives a reload. The template is an own template saved on the facilitator's device.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { closeAll, createWorkshop, enableTestHooks, formatViolations, gotoStep, openDevice, PHONE, runAxe, startApp, startSession, type Device } from '../support/browser.ts'
import type { RunningServer } from '../../src/server/server.ts'

let server: RunningServer
let fac: Device
let p: Device
beforeAll(async () => {
  server = await startApp()
  fac = await openDevice()
  p = await openDevice({ viewport: PHONE })
  await enableTestHooks(fac)
})
afterAll(async () => {
  await closeAll([fac, p], [server])
})

const template = {
  schema: 1,
  id: 'likhetssjekk-test',
  name: { nb: 'Likhetssjekk av aktivitetskortet', en: 'Equity check of the activity card' },
  steps: [
    { id: 'welcome', kind: 'info', minutes: 5, title: { nb: 'Velkommen', en: 'Welcome' }, prompt: { nb: 'Vi ser på aktivitetskortet.', en: 'We look at the activity card.' } },
    { id: 'check', kind: 'equity-check', minutes: 30, title: { nb: 'Hvem virker det for?', en: 'Who does it work for?' }, prompt: { nb: 'Vi går gjennom sjekklisten sammen.', en: 'We go through the checklist together.' } },
    { id: 'close', kind: 'info', minutes: 5, title: { nb: 'Takk', en: 'Thanks' }, prompt: { nb: 'Takk for hjelpen.', en: 'Thanks for helping.' } },
  ],
}

test('the facilitator fills the checklist, participants follow in youth wording, unknowns become tasks', async () => {
  const { code } = await createWorkshop(fac.page, server.url, 'Aktivitetskortet', { open: false })
  await fac.page.evaluate(async (t) => {
    const services = (window as unknown as { __medvirk: { services: { templates: { save(t: unknown, now: number): Promise<void> } } } }).__medvirk.services
    await services.templates.save(t, Date.now())
  }, template)
  await fac.page.reload()
  await fac.page.getByTestId('template-select').selectOption('likhetssjekk-test')
  await fac.page.getByTestId('setup').getByText('Hvem virker det for?').waitFor()
  await p.page.goto(`${server.url}/join`)
  await p.page.getByTestId('join-code').fill(code)
  await p.page.getByTestId('join-code').press('Enter')
  await startSession(fac.page)
  await gotoStep(fac.page, 'check')
  await p.page.getByTestId('equity-check').waitFor({ timeout: 20000 })

  const q41 = fac.page.locator('[data-testid=equity-question][data-question-id="S4.1"]')
  await q41.getByRole('radio', { name: /^Rød/ }).check()
  await q41.getByRole('textbox').fill('Koster for mye for familier med lav inntekt')
  await q41.getByRole('textbox').blur()
  await fac.page.locator('[data-testid=equity-question][data-question-id="S2.1"]').getByRole('radio', { name: /^Vet ikke/ }).check()
  await expect.poll(() => fac.page.getByTestId('equity-summary').getAttribute('data-overall')).toBe('red')
  await expect.poll(() => fac.page.getByTestId('equity-tasks').textContent()).toContain('Finn ut')

  // the participant sees the answers live, in youth wording
  const pq = p.page.locator('[data-testid=equity-question][data-question-id="S4.1"]')
  await expect.poll(() => pq.textContent(), { timeout: 10000 }).toContain('Rød')
  await expect.poll(() => pq.textContent()).toContain('lav inntekt')
  expect(await p.page.getByTestId('equity-summary').getAttribute('data-overall')).toBe('red')
  expect(formatViolations(await runAxe(p.page))).toBe('')
  expect(formatViolations(await runAxe(fac.page))).toBe('')

  // participants' views on the barriers, anonymously, as traffic lights
  await fac.page.getByTestId('vote-open').click()
  await p.page.getByTestId('ballot-form').waitFor({ timeout: 20000 })
  await p.page.getByTestId('ballot-option').first().getByRole('radio', { name: 'Rød' }).check()
  await p.page.getByTestId('vote-send').click()
  await p.page.getByTestId('vote-sent').waitFor()
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
  // one voter: nothing is published
  await p.page.getByTestId('results-none').waitFor({ timeout: 20000 })

  // everything survives a reload
  await p.page.reload()
  await expect.poll(() => p.page.locator('[data-testid=equity-question][data-question-id="S4.1"]').textContent(), { timeout: 20000 }).toContain('lav inntekt')
  await fac.page.reload()
  await expect.poll(() => fac.page.getByTestId('equity-summary').getAttribute('data-overall'), { timeout: 20000 }).toBe('red')
  for (const d of [fac, p]) expect(d.errors).toEqual([])
})
