import { beforeAll, describe, expect, test } from 'vitest'
import type { CompareSessionData } from '../../app/compareArchives.ts'
import { results, tally, type Ballot, type VoteRound } from '../../domain/voting.ts'
import { createTranslator, loadLocale } from '../../i18n/i18n.ts'
import { buildComparison, comparable, comparisonCsv, defaultRoundIndex, problemText, scoreText, type LoadedSession } from './compareModel.ts'

beforeAll(() => loadLocale('en'))

const nb = createTranslator('nb')

function session(id: string, title: string, labels: string[], picks: number[][], verified = true): CompareSessionData {
  return {
    id,
    title,
    createdAt: Date.UTC(2025, 2, 1),
    verified,
    rounds: picks.map((p, n) => {
      const round: VoteRound = { roundId: `r${n}`, options: labels.map((label, i) => ({ id: `o${i}`, label })), rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false } }
      const ballots: Ballot[] = p.map((i) => ({ method: 'dots', dots: { [`o${i}`]: 3 } }))
      return { stepId: 'vote', stepTitle: { nb: 'Tre prikker', en: 'Three dots' }, round, results: results(round, tally(round, ballots)) }
    }),
  }
}
const loaded = (s: CompareSessionData): LoadedSession => ({ session: s, file: `${s.id}.json`, roundIndex: defaultRoundIndex(s) })

describe('compare model', () => {
  test('the last round is compared by default; sessions without rounds or unverified are left out', () => {
    const a = session('a', 'Ungdomsrådet', ['Buss', '=Hall'], [[0, 1], [0, 0, 0, 1, 1]])
    const none = session('b', 'Tom', ['X'], [])
    const unverified = session('c', 'Ukjent', ['X'], [[0, 0, 0, 0, 0]], false)
    expect(defaultRoundIndex(a)).toBe(1)
    expect(defaultRoundIndex(none)).toBe(-1)
    expect(comparable([loaded(a), loaded(none), loaded(unverified)]).map((l) => l.session.id)).toEqual(['a'])
  })

  test('CSV: a row per session and place, numbers only where published, then the combined list; formulas escaped', () => {
    const a = session('a', 'Ungdomsrådet', ['Buss', '=Hall'], [[0, 0, 0, 1, 1]])
    const b = session('b', '', ['Buss', 'Skatepark'], [[1, 1, 0, 0]])
    const csv = comparisonCsv(buildComparison([loaded(a), loaded(b)], nb), nb)
    expect(csv.startsWith('\ufeff')).toBe(true)
    expect(csv.split('\r\n').filter(Boolean)).toEqual([
      '\ufeffØkt,Plass,Prioritet,Tall,Merknad',
      'Ungdomsrådet,1,Buss,9,"Prikker, 5 stemte"',
      `Ungdomsrådet,2,'=Hall,6,"Prikker, 5 stemte"`,
      'Økt uten tittel,1,Buss,,Bare rekkefølge (3–4 stemte)',
      'Økt uten tittel,1,Skatepark,,Bare rekkefølge (3–4 stemte)',
      'Samlet,1,Buss,,2 av 2 økter',
      'Samlet,2,Skatepark,,1 av 2 økter',
      "Samlet,3,'=Hall,,1 av 2 økter",
    ])
  })

  test('texts of scores and problems, in both languages', () => {
    const en = createTranslator('en')
    expect(scoreText('dots', 1, nb, 'nb')).toBe('1 prikk')
    expect(scoreText('dots', 9, en, 'en')).toBe('9 dots')
    expect(scoreText('scale', 3.45, nb, 'nb')).toBe('snitt 3,5')
    expect(scoreText('traffic', -2, en, 'en')).toBe('green minus red: -2')
    expect(problemText({ code: 'newerVersion', path: 'version', version: 2 }, en)).toBe('The archive was made by a newer version of Medvirk (format 2). Update the app and try again.')
    expect(problemText({ code: 'malformed', path: 'session.id' }, nb)).toBe('Arkivet har feil eller mangler i feltet «session.id».')
    expect(problemText({ code: 'malformed', path: '' }, nb)).toBe('Arkivet har feil eller mangler.')
    expect(problemText({ code: 'duplicate', path: '' }, nb, 'Pop-up')).toBe('«Pop-up» er allerede med i sammenligningen.')
    for (const code of ['notJson', 'truncated', 'unknownVersion', 'notArchive', 'tooBig', 'unreadable'] as const) {
      expect(problemText({ code, path: '' }, en)).not.toMatch(/compare\./)
    }
  })
})
