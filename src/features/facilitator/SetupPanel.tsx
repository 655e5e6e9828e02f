import { useEffect, useId, useState, type FormEvent } from 'react'
import { EMPTY_CONTRACT, validateContract, type ContractField, type ContractProblem, type InfluenceContract } from '../../domain/contract.ts'
import { localized, totalMinutes, type Template } from '../../domain/template.ts'
import { useI18n, useServices } from '../../app/context.tsx'
import type { FlowState } from '../../app/flowController.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

const FIELDS: { field: ContractField; kind: 'text' | 'area' | 'date' }[] = [
  { field: 'question', kind: 'area' },
  { field: 'open', kind: 'area' },
  { field: 'fixed', kind: 'area' },
  { field: 'decisionOwner', kind: 'text' },
  { field: 'decisionDate', kind: 'date' },
  { field: 'feedbackDate', kind: 'date' },
  { field: 'feedbackChannel', kind: 'text' },
]

/**
 * The lobby, on the facilitator's tablet: pick a template and fill the influence contract. The
 * session cannot start without a decision owner and a feedback date. The draft is kept on this
 * device so a reload loses nothing.
 */
export function SetupPanel({ session, flow }: { session: WorkshopSession; flow: FlowState }) {
  const { t, locale } = useI18n()
  const services = useServices()
  const [templates, setTemplates] = useState<Template[]>([...services.builtInTemplates])
  const [contract, setContract] = useState<InfluenceContract>(EMPTY_CONTRACT)
  const [problems, setProblems] = useState<ContractProblem[]>([])
  const [busy, setBusy] = useState(false)
  const selectId = useId()
  const draftKey = `contractDraft:${session.id}`

  useEffect(() => {
    void services.allTemplates().then(setTemplates)
    void services.store.getSetting<InfluenceContract>(draftKey).then((d) => d && setContract({ ...EMPTY_CONTRACT, ...d }))
  }, [services, draftKey])

  function update(field: ContractField, value: string) {
    const next = { ...contract, [field]: value }
    setContract(next)
    setProblems([])
    void services.store.setSetting(draftKey, next).catch(() => {})
  }

  async function start(e: FormEvent) {
    e.preventDefault()
    const today = new Date(services.now()).toISOString().slice(0, 10)
    const p = validateContract(contract, today)
    setProblems(p)
    if (p.length > 0) {
      document.getElementById(`contract-${p[0]?.field}`)?.focus()
      return
    }
    setBusy(true)
    await session.flow.start(contract)
    setBusy(false)
  }

  const current = flow.template
  return (
    <section className="card stack setup" aria-labelledby="setup-h" data-testid="setup">
      <h2 id="setup-h">{t('flow.lobby.heading')}</h2>
      <div className="stack">
        <label htmlFor={selectId}>{t('flow.template')}</label>
        <select
          id={selectId}
          value={current?.id ?? ''}
          onChange={(e) => {
            const tpl = templates.find((x) => x.id === e.target.value)
            if (tpl) void session.flow.setTemplate(tpl)
          }}
          data-testid="template-select"
        >
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {localized(tpl.name, locale)}
            </option>
          ))}
        </select>
        {current && (
          <p className="hint">
            {t('flow.templateSteps', { count: current.steps.length, minutes: totalMinutes(current) })} ·{' '}
            {current.steps.map((s) => localized(s.title, locale)).join(' → ')}
          </p>
        )}
      </div>
      <form className="stack" onSubmit={start} noValidate>
        <h3>{t('flow.contract.heading')}</h3>
        <p className="hint">{t('flow.contract.intro')}</p>
        {FIELDS.map(({ field, kind }) => {
          const problem = problems.find((p) => p.field === field)
          const id = `contract-${field}`
          const errId = `${id}-err`
          const common = {
            id,
            value: contract[field],
            'aria-invalid': problem ? true : undefined,
            'aria-describedby': problem ? errId : undefined,
            'data-testid': id,
          }
          return (
            <div key={field} className="stack field">
              <label htmlFor={id}>{t(`flow.contract.${field}` as MessageKey)}</label>
              {kind === 'area' ? (
                <textarea {...common} rows={2} onChange={(e) => update(field, e.target.value)} />
              ) : (
                <input {...common} type={kind === 'date' ? 'date' : 'text'} onChange={(e) => update(field, e.target.value)} />
              )}
              {problem && (
                <p id={errId} className="field-error" role="alert">
                  {t(`flow.contract.${problem.code}` as MessageKey)}
                </p>
              )}
            </div>
          )
        })}
        {problems.length > 0 && (
          <p className="field-error" role="alert">
            {t('flow.startBlocked')}
          </p>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !flow.canStart} data-testid="flow-start">
            {t('flow.start')}
          </button>
        </div>
      </form>
    </section>
  )
}
