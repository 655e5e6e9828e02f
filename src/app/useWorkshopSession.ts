import { useEffect, useState, useSyncExternalStore } from 'react'
import { useServices } from './context.tsx'
import type { SessionSnapshot, WorkshopSession } from './workshopSession.ts'
import type { ConnectionState } from '../domain/workshop.ts'
import type { Presence } from '../sync/connection.ts'
import type { FlowState } from './flowController.ts'
import type { VoteState } from './voteController.ts'

export type SessionLoad = { status: 'loading' } | { status: 'missing' } | { status: 'error'; message: string } | { status: 'ready'; session: WorkshopSession }

/** Acquires the live session for a screen and releases it on unmount. */
export function useWorkshopSession(id: string): SessionLoad {
  const services = useServices()
  const [load, setLoad] = useState<SessionLoad>({ status: 'loading' })
  useEffect(() => {
    let alive = true
    services.acquire(id).then(
      (session) => alive && setLoad({ status: 'ready', session }),
      (err: unknown) => {
        if (!alive) return
        const message = err instanceof Error ? err.message : String(err)
        setLoad(message === 'not-found' ? { status: 'missing' } : { status: 'error', message })
      },
    )
    return () => {
      alive = false
      services.release(id)
    }
  }, [id, services])
  return load
}

export function useSessionSnapshot(session: WorkshopSession): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot)
}

export function useConnection(session: WorkshopSession): { state: ConnectionState; presence: Presence } {
  const state = useSyncExternalStore(session.connection.subscribe, session.connection.getState)
  const presence = useSyncExternalStore(session.connection.subscribe, session.connection.getPresence)
  return { state, presence }
}

export function useFlow(session: WorkshopSession): FlowState {
  return useSyncExternalStore(session.flow.subscribe, session.flow.getState)
}

/** The wall clock, re-rendering every `ms` (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

export function useVotes(session: WorkshopSession): VoteState {
  return useSyncExternalStore(session.votes.subscribe, session.votes.getState)
}
