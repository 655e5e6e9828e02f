import { Component, type ReactNode } from 'react'
import { useT } from './context.tsx'

interface State {
  error: Error | null
}

/** Shows a translated message instead of a white screen; the data is in IndexedDB, so a reload is safe. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }
  static getDerivedStateFromError(error: Error): State {
    return { error }
  }
  override render() {
    if (this.state.error) return <ErrorView message={this.state.error.message} />
    return this.props.children
  }
}

function ErrorView({ message }: { message: string }) {
  const t = useT()
  return (
    <div role="alert" className="banner banner-error">
      <p>{t('error.generic', { message })}</p>
      <button type="button" className="btn" onClick={() => location.reload()}>
        {t('error.reload')}
      </button>
    </div>
  )
}
