import type { ConnectionState } from '../../domain/workshop.ts'
import { useT } from '../../app/context.tsx'

/**
 * offline / connecting / connected with N peers, directly or through the server's relay (issue
 * 13) — in words and colour, announced politely.
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT()
  const text =
    state.kind === 'offline'
      ? t('conn.offline')
      : state.kind === 'connecting'
        ? t('conn.connecting')
        : state.kind === 'unreachable'
          ? t('conn.unreachable', { url: state.url })
          : state.peers === 0
            ? t('conn.connected', { count: 0 })
            : state.via === 'server'
              ? t('conn.server', { count: state.peers })
              : state.via === 'both'
                ? t('conn.both', { count: state.peers, direct: state.direct ?? 0 })
                : state.via === 'direct'
                  ? t('conn.direct', { count: state.peers })
                  : t('conn.connected', { count: state.peers })
  const via = state.kind === 'connected' && state.peers > 0 ? (state.via ?? 'direct') : undefined
  return (
    <p className={`conn conn-${state.kind}`} role="status" data-testid="connection" data-kind={state.kind} data-peers={state.kind === 'connected' ? state.peers : 0} data-via={via}>
      <span className="conn-dot" aria-hidden="true" />
      {text}
      {state.kind === 'connected' && state.needsLink ? (
        <>
          {' '}
          <strong data-testid="conn-needs-link">{t('conn.needsLink')}</strong>
        </>
      ) : null}
    </p>
  )
}
