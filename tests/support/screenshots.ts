/**
 * Takes tablet and phone screenshots of the main screens for a human to look at
 * (`npm run screenshots`, inside the e2e network namespace). Not a test.
 */
import { mkdirSync } from 'node:fs'
import { addNote, closeAll, createWorkshop, gotoStep, openDevice, PHONE, startApp, startSession, TABLET, waitForNote } from './browser.ts'

const out = process.argv[2] ?? 'test-results/screens'
mkdirSync(out, { recursive: true })
const server = await startApp()
const fac = await openDevice({ viewport: TABLET })
const phone = await openDevice({ viewport: PHONE })
try {
  await fac.page.goto(server.url)
  await fac.page.screenshot({ path: `${out}/tablet-home.png` })
  const { code } = await createWorkshop(fac.page, server.url, 'Ungdomsrådet: trygg fritid', { open: false })
  await fac.page.getByTestId('template-select').selectOption('prioriter-med-prikker')
  await fac.page.screenshot({ path: `${out}/tablet-lobby.png`, fullPage: true })
  await phone.page.goto(`${server.url}/join`)
  await phone.page.screenshot({ path: `${out}/phone-join.png`, fullPage: true })
  await phone.page.getByTestId('join-code').fill(code)
  await phone.page.getByTestId('join-code').press('Enter')
  await startSession(fac.page)
  await phone.page.getByTestId('contract-card').waitFor()
  await phone.page.screenshot({ path: `${out}/phone-welcome.png`, fullPage: true })
  await gotoStep(fac.page, 'ideas')
  for (const [i, t] of ['Gratis buss til fritidsklubben', 'Flere benker i parken', 'Åpen hall på fredager', 'Ungdomsklubb som er åpen lenger'].entries()) {
    await addNote(i % 2 ? phone.page : fac.page, t)
  }
  await phone.page.screenshot({ path: `${out}/phone-brainstorm-hidden.png`, fullPage: true })
  await fac.page.getByTestId('console-reveal').click()
  await waitForNote(phone.page, 'Ungdomsklubb som er åpen lenger')
  await fac.page.screenshot({ path: `${out}/tablet-console.png`, fullPage: true })
  await gotoStep(fac.page, 'group')
  for (const name of ['Transport', 'Steder å være']) {
    await fac.page.getByTestId('cluster-name').fill(name)
    await fac.page.getByTestId('cluster-add').click()
  }
  await phone.page.waitForTimeout(500)
  await phone.page.screenshot({ path: `${out}/phone-cluster.png`, fullPage: true })
  await gotoStep(fac.page, 'vote')
  await fac.page.getByTestId('vote-open').click()
  await phone.page.getByTestId('ballot-form').waitFor()
  await phone.page.getByTestId('dot-add').first().click()
  await phone.page.screenshot({ path: `${out}/phone-vote.png`, fullPage: true })
  await phone.page.getByTestId('vote-send').click()
  await phone.page.getByTestId('vote-sent').waitFor({ timeout: 20000 })
  await fac.page.screenshot({ path: `${out}/tablet-vote-console.png`, fullPage: true })
  await fac.page.getByTestId('vote-close').click()
  await fac.page.getByTestId('vote-close-confirm').click()
  await phone.page.getByTestId('results').waitFor()
  await phone.page.screenshot({ path: `${out}/phone-results.png`, fullPage: true })
} finally {
  await closeAll([fac, phone], [server])
}
console.log(`screenshots in ${out}`)
