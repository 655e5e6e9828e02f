import type { InfluenceContract } from '../../domain/contract.ts'
import { useI18n } from '../../app/context.tsx'

/** The influence contract in plain words, as participants see it on the welcome step. */
export function ContractCard({ contract }: { contract: InfluenceContract }) {
  const { t, locale } = useI18n()
  const date = (iso: string) => new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
  const rows: [string, string][] = [
    [t('flow.card.question'), contract.question],
    [t('flow.card.open'), contract.open],
    [t('flow.card.fixed'), contract.fixed],
    [t('flow.card.owner'), contract.decisionOwner],
    [t('flow.card.decisionDate'), contract.decisionDate ? date(contract.decisionDate) : ''],
    [t('flow.card.feedback'), contract.feedbackDate ? date(contract.feedbackDate) : ''],
    [t('flow.card.channel'), contract.feedbackChannel],
  ]
  return (
    <section className="card contract-card" aria-labelledby="contract-h" data-testid="contract-card">
      <h2 id="contract-h">{t('flow.card.heading')}</h2>
      <dl className="contract-list">
        {rows
          .filter(([, v]) => v.trim())
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  )
}

export function formatIsoDate(iso: string, locale: 'nb' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
}
