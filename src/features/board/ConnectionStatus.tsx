import type { ConnectionState } from '../../domain/workshop.ts'
import { useT } from '../../app/context.tsx'

/** offline / connecting / connected with N peers — in words and colour, announced politely. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT()
  const text =
    state.kind === 'offline'
      ? t('conn.offline')
      : state.kind === 'connecting'
        ? t('conn.connecting')
        : state.kind === 'unreachable'
          ? t('conn.unreachable', { url: state.url })
          : t('conn.connected', { count: state.peers })
  return (
    <p className={`conn conn-${state.kind}`} role="status" data-testid="connection" data-kind={state.kind} data-peers={state.kind === 'connected' ? state.peers : 0}>
      <span className="conn-dot" aria-hidden="true" />
      {text}
    </p>
  )
}
