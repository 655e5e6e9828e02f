import { useT } from '../../app/context.tsx'

/** What a participant must know before joining: anonymity, and the two field problems (ARCHITECTURE.md §2). */
export function JoinHints() {
  const t = useT()
  return (
    <>
      <section className="card" aria-labelledby="privacy-h">
        <h2 id="privacy-h">{t('join.privacy.heading')}</h2>
        <p>{t('join.privacy.text')}</p>
      </section>
      <section className="card" aria-labelledby="hints-h">
        <h2 id="hints-h">{t('join.hints.heading')}</h2>
        <ul>
          <li>{t('join.hints.android')}</li>
          <li data-testid="join-hint-relay">{t('join.hints.relay')}</li>
          <li>{t('join.hints.ipad')}</li>
        </ul>
      </section>
    </>
  )
}
