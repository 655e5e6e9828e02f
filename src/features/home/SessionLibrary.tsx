import '../../i18n/parts/library.ts'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useI18n, useServices } from '../../app/context.tsx'
import { cachedFacts, duplicateWorkshop, forgetFacts, sessionFacts, storageUsage, type SessionFacts, type StorageUsage } from '../../app/library.ts'
import type { WorkshopSummary } from '../../app/services.ts'
import type { MessageKey, Vars } from '../../i18n/i18n.ts'
import {
  filterRows,
  formatBytes,
  isFiltering,
  localIsoDate,
  NO_FILTER,
  problemMessage,
  reminderFor,
  sortRows,
  type LibraryFilter,
  type LibraryRow,
  type LibrarySort,
} from './libraryModel.ts'
import { SessionCard } from './SessionCard.tsx'
import './library.css'

export type FactsEntry = SessionFacts | 'error' | undefined
export type Message = { key: MessageKey; vars?: Vars; alert?: boolean }

/** Sessions opened this recently are read again even when cached. */
const RECHECK_MS = 15 * 60_000

type Row = LibraryRow & { summary: WorkshopSummary; facts: FactsEntry }

/** Only what the library shows: a pinned key arriving does not make the list load again. */
function listKey(list: readonly WorkshopSummary[]): string {
  return list.map((w) => `${w.id}\u0000${w.openedAt}\u0000${w.title}\u0000${w.role}`).join('\u0001')
}

function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set)
  if (!next.delete(id)) next.add(id)
  return next
}

/**
 * "Workshops on this device": search, filters and sorting, one card per workshop with its status
 * and feedback reminder, the status log, duplicate and delete, and the storage used. The cards'
 * facts are read one workshop after another (most recently opened first), yielding between
 * them, so that a device with many big sessions shows the list at once and fills it in.
 */
export function SessionLibrary() {
  const { t, locale } = useI18n()
  const services = useServices()
  const [list, setList] = useState<WorkshopSummary[] | null>(null)
  const [facts, setFacts] = useState<Record<string, FactsEntry>>({})
  const [message, setMessage] = useState<Message | null>(null)
  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER)
  const [sort, setSort] = useState<LibrarySort>('opened')
  const [usage, setUsage] = useState<StorageUsage | null | undefined>(undefined)
  const [busy, setBusy] = useState<string | null>(null)
  const [focusId, setFocusId] = useState<string | null>(null)
  // Kept here, so that an open status log stays open while filters hide and show its card.
  const [openLogs, setOpenLogs] = useState<ReadonlySet<string>>(() => new Set())
  const headingRef = useRef<HTMLHeadingElement>(null)
  const ids = { search: useId(), role: useId(), status: useId(), sort: useId(), due: useId() }

  useEffect(
    () =>
      services.store.subscribeList(
        (next) => setList((prev) => (prev && listKey(prev) === listKey(next) ? prev : next)),
        (p) => setMessage({ key: `storage.${p}`, alert: true }),
      ),
    [services],
  )

  useEffect(() => {
    if (!list) return
    let cancelled = false
    const now = services.now()
    const cached = list.filter((w) => cachedFacts(services, w))
    // A session opened again within its close grace period keeps its "last opened" time, so the
    // recently opened ones are read again (after the others), while the cached facts show.
    const recheck = new Set(cached.filter((w) => now - w.openedAt < RECHECK_MS).map((w) => w.id))
    setFacts((prev) => {
      const next = { ...prev }
      for (const w of cached) next[w.id] = cachedFacts(services, w)
      return next
    })
    const todo = [...list.filter((w) => !cachedFacts(services, w)), ...cached.filter((w) => recheck.has(w.id))]
    void (async () => {
      for (const w of todo) {
        if (cancelled) return
        try {
          const f = await sessionFacts(services, w, { fresh: recheck.has(w.id) })
          // The cache holds the newest read (one started after a write wins over an older one).
          if (!cancelled) setFacts((prev) => ({ ...prev, [w.id]: cachedFacts(services, w) ?? f }))
        } catch {
          if (!cancelled) setFacts((prev) => ({ ...prev, [w.id]: prev[w.id] ?? 'error' }))
        }
        // One frame for the browser between workshops: reading many docs must not freeze the screen.
        await new Promise((r) => setTimeout(r, 0))
      }
    })()
    return () => {
      cancelled = true
    }
  }, [services, list])

  const refreshUsage = () => void storageUsage().then(setUsage)
  useEffect(() => {
    if (list) void storageUsage().then(setUsage)
  }, [list])

  useEffect(() => {
    if (!focusId) return
    const el = document.getElementById(`library-title-${focusId}`)
    if (el) {
      el.focus()
      setFocusId(null)
    }
  }, [focusId, list, facts])

  const today = localIsoDate(services.now())
  const rows: Row[] = useMemo(
    () =>
      (list ?? []).map((w) => {
        const entry = facts[w.id]
        const f = entry && entry !== 'error' ? entry : null
        return {
          id: w.id,
          summary: w,
          facts: entry,
          title: w.title || f?.title || '',
          role: w.role,
          openedAt: w.openedAt,
          status: f ? f.status : null,
          feedbackDate: f?.feedbackDate ?? null,
          reminder: f ? reminderFor(f.feedbackDate, f.statusLog, today) : null,
        }
      }),
    [list, facts, today],
  )
  const shown = sortRows(filterRows(rows, filter), sort, locale === 'nb' ? 'nb-NO' : 'en-GB')
  const loading = rows.filter((r) => r.facts === undefined).length
  const untitled = t('home.list.untitled')

  async function remove(w: WorkshopSummary) {
    const title = w.title || untitled
    if (!window.confirm(t('home.list.deleteConfirm', { title }))) return
    try {
      await services.deleteWorkshop(w.id)
      forgetFacts(services, w.id)
      setMessage({ key: 'home.list.deleted' })
      headingRef.current?.focus()
      refreshUsage()
    } catch {
      setMessage({ key: 'storage.unknown', alert: true })
    }
  }

  async function duplicate(w: WorkshopSummary) {
    const title = w.title || untitled
    setBusy(w.id)
    setMessage({ key: 'library.duplicate.busy', vars: { title } })
    const res = await duplicateWorkshop(services, w.id, { suffix: t('library.duplicate.suffix'), untitled })
    setBusy(null)
    if (!res.ok) {
      setMessage({ key: problemMessage(res.problem), alert: true })
      return
    }
    setMessage({ key: 'library.duplicate.done', vars: { title: res.title } })
    const made = res.facts
    if (made) setFacts((prev) => ({ ...prev, [res.id]: made }))
    setFocusId(res.id)
    refreshUsage()
  }

  function factsChanged(id: string, f: SessionFacts) {
    setFacts((prev) => ({ ...prev, [id]: f }))
    refreshUsage()
  }

  const set = (patch: Partial<LibraryFilter>) => setFilter((f) => ({ ...f, ...patch }))

  return (
    <section aria-labelledby="list-h" className="stack library">
      <h2 id="list-h" ref={headingRef} tabIndex={-1}>
        {t('home.list.heading')}
      </h2>
      <p role="status" className={message?.alert ? 'field-error' : 'muted'} data-testid="library-message">
        {message ? t(message.key, message.vars) : ''}
      </p>
      {list && list.length === 0 && <p>{t('home.list.empty')}</p>}
      {list && list.length > 0 && (
        <>
          <p className="hint">{t('library.intro')}</p>
          <div className="library-filters" role="search" aria-label={t('library.filter.heading')}>
            <div className="field library-search">
              <label htmlFor={ids.search}>{t('library.search.label')}</label>
              <input id={ids.search} type="search" value={filter.query} onChange={(e) => set({ query: e.target.value })} autoComplete="off" data-testid="library-search" />
            </div>
            <div className="field">
              <label htmlFor={ids.role}>{t('library.filter.role')}</label>
              <select id={ids.role} value={filter.role} onChange={(e) => set({ role: e.target.value as LibraryFilter['role'] })} data-testid="library-role">
                <option value="all">{t('library.filter.role.all')}</option>
                <option value="facilitator">{t('home.list.facilitator')}</option>
                <option value="participant">{t('home.list.participant')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.status}>{t('library.filter.status')}</label>
              <select id={ids.status} value={filter.status} onChange={(e) => set({ status: e.target.value as LibraryFilter['status'] })} data-testid="library-status">
                <option value="all">{t('library.filter.status.all')}</option>
                <option value="lobby">{t('library.status.lobby')}</option>
                <option value="running">{t('library.status.running')}</option>
                <option value="ended">{t('library.status.ended')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.sort}>{t('library.sort.label')}</label>
              <select id={ids.sort} value={sort} onChange={(e) => setSort(e.target.value as LibrarySort)} data-testid="library-sort">
                <option value="opened">{t('library.sort.opened')}</option>
                <option value="title">{t('library.sort.title')}</option>
                <option value="feedback">{t('library.sort.feedback')}</option>
              </select>
            </div>
            <label className="check library-due" htmlFor={ids.due}>
              <input id={ids.due} type="checkbox" checked={filter.feedbackDue} onChange={(e) => set({ feedbackDue: e.target.checked })} data-testid="library-due" />
              {t('library.filter.feedbackDue')}
            </label>
          </div>
          <p role="status" className="muted small library-count" data-testid="library-count">
            {t('library.count', { shown: shown.length, count: rows.length })}
            {loading > 0 && isFiltering(filter) ? ` ${t('library.loadingSome', { count: loading })}` : ''}
          </p>
          {shown.length === 0 ? (
            <div className="stack library-no-hits">
              <p>{t('library.noHits')}</p>
              <div>
                <button type="button" className="btn" onClick={() => setFilter(NO_FILTER)}>
                  {t('library.clearFilters')}
                </button>
              </div>
            </div>
          ) : (
            <ul className="workshop-list library-list" data-testid="workshop-list">
              {shown.map((r) => (
                <SessionCard
                  key={r.id}
                  summary={r.summary}
                  title={r.title || untitled}
                  facts={r.facts}
                  reminder={r.reminder}
                  today={today}
                  busy={busy === r.id}
                  logOpen={openLogs.has(r.id)}
                  onToggleLog={() => setOpenLogs((prev) => toggled(prev, r.id))}
                  onDuplicate={() => void duplicate(r.summary)}
                  onDelete={() => void remove(r.summary)}
                  onFactsChanged={(f) => factsChanged(r.id, f)}
                />
              ))}
            </ul>
          )}
        </>
      )}
      {list && (
        <p className="muted small library-storage" data-testid="library-storage">
          {usage === undefined
            ? ''
            : usage === null
              ? t('library.storage.unknown')
              : t('library.storage', { used: formatBytes(usage.usage, locale === 'nb' ? 'nb-NO' : 'en-GB'), quota: formatBytes(usage.quota, locale === 'nb' ? 'nb-NO' : 'en-GB') })}
        </p>
      )}
    </section>
  )
}
