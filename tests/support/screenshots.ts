/**
 * Takes tablet and phone screenshots of the main screens for a human to look at
 * (`npm run screenshots`, inside the e2e network namespace). Not a test.
 */
import { mkdirSync } from 'node:fs'
import { addNote, closeAll, createWorkshop, openDevice, PHONE, startApp, TABLET, waitForNote } from './browser.ts'

const out = process.argv[2] ?? 'test-results/screens'
mkdirSync(out, { recursive: true })
const server = await startApp()
const fac = await openDevice({ viewport: TABLET })
const phone = await openDevice({ viewport: PHONE })
try {
  await fac.page.goto(server.url)
  await fac.page.screenshot({ path: `${out}/tablet-home.png` })
  const { code } = await createWorkshop(fac.page, server.url, 'Ungdomsrådet: trygg fritid')
  await phone.page.goto(`${server.url}/join`)
  await phone.page.screenshot({ path: `${out}/phone-join.png`, fullPage: true })
  await phone.page.getByTestId('join-code').fill('ABCD')
  await phone.page.getByTestId('join-code').press('Enter')
  await phone.page.screenshot({ path: `${out}/phone-join-error.png` })
  await phone.page.getByTestId('join-code').fill(code)
  await phone.page.getByTestId('join-code').press('Enter')
  for (const [i, t] of ['Gratis buss til fritidsklubben', 'Flere benker i parken', 'Åpen hall på fredager', 'Ungdomsklubb som er åpen lenger'].entries()) {
    await addNote(i % 2 ? phone.page : fac.page, t)
  }
  await waitForNote(fac.page, 'Ungdomsklubb som er åpen lenger')
  await waitForNote(phone.page, 'Åpen hall på fredager')
  await fac.page.waitForTimeout(500)
  await fac.page.screenshot({ path: `${out}/tablet-board.png` })
  await phone.page.screenshot({ path: `${out}/phone-board.png`, fullPage: true })
  await fac.page.setViewportSize({ width: 768, height: 1024 })
  await fac.page.screenshot({ path: `${out}/tablet-portrait-board.png` })
} finally {
  await closeAll([fac, phone], [server])
}
console.log(`screenshots in ${out}`)
