import { Component, Fragment, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import './styles.css';
import { i18n } from './i18n/i18n.ts';
import { App } from './app/App.tsx';
import { installDiagnostics } from './app/diagnostics.ts';
import { reportAppError, setErrorRecovery } from './app/errors.ts';
import { useApp } from './app/store.ts';

installDiagnostics();
window.addEventListener('error', (e) => reportAppError('window', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportAppError('window', e.reason));
// Neither is needed for the first paint, so both load after it, in chunks of their own: the
// service worker that makes the app work offline (app/sw.ts), and the health watch that samples
// frame rate and heap into window.__sortie.health and reloads only once a kiosk opens its gate.
const afterLoad = () => {
  import('./app/sw.ts').then((m) => m.registerServiceWorker(), reportAppError.bind(null, 'window'));
  import('./app/health.ts').then((m) => m.ensureHealthWatch(), reportAppError.bind(null, 'window'));
};
if (document.readyState === 'complete') afterLoad();
else window.addEventListener('load', afterLoad, { once: true });

/** A render error is caught when a second one comes this soon after starting again: reload the page instead. */
const RELAPSE_MS = 5000;

/**
 * The last line: a render error anywhere shows a message with a way to start again, never a
 * blank page. Starting again resets the app's state and mounts everything afresh, without a
 * page reload; a kiosk subscribes through onAppError (app/errors.ts) and starts it itself.
 */
class AppErrorBoundary extends Component<{ children: ReactNode }, { error: string | null; generation: number }> {
  state = { error: null as string | null, generation: 0 };
  private recoveredAt = -Infinity;

  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  componentDidMount() {
    setErrorRecovery(this.recover);
  }

  componentWillUnmount() {
    setErrorRecovery(null);
  }

  componentDidCatch(e: unknown) {
    reportAppError('app', e);
  }

  recover = () => {
    // Failing again straight after starting again: the state was not the cause; a reload may help.
    if (this.state.error && performance.now() - this.recoveredAt < RELAPSE_MS) {
      window.location.reload();
      return;
    }
    this.recoveredAt = performance.now();
    useApp.setState(useApp.getInitialState(), true);
    this.setState((s) => ({ error: null, generation: s.generation + 1 }));
  };

  render() {
    if (this.state.error)
      return (
        <div className="app">
          <main className="empty" role="alert">
            <h1>Sortie</h1>
            {/* Outside React's hooks (and above the app it resets): the i18next instance speaks the interface language. */}
            <p>{i18n.t('app.failed', { error: this.state.error })}</p>
            <p>
              <button className="topbar__button" onClick={this.recover}>
                {i18n.t('app.reload')}
              </button>
            </p>
          </main>
        </div>
      );
    // A new key mounts the whole app afresh, so no component keeps state from before the error.
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppErrorBoundary>
      <App />
    </AppErrorBoundary>
  </StrictMode>,
);
