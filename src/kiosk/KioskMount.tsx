/**
 * Where the app shell mounts the kiosk: nothing at all outside kiosk mode; in kiosk mode the
 * overlay, loaded on demand so that explore mode never downloads tours or kiosk code. The
 * boundary keeps a fault of the overlay from taking the app with it: it reports the error and
 * mounts the overlay again a moment later (the session, outside React, carries on).
 */
import { Component, Fragment, Suspense, lazy, type ReactNode } from 'react';
import { reportError } from '../app/diagnostics.ts';
import { KIOSK } from './mode.ts';
import './kiosk.css';

const KioskLayer = lazy(() => import('./KioskLayer.tsx'));

export function KioskMount() {
  if (!KIOSK) return null;
  return (
    <KioskBoundary>
      <Suspense fallback={null}>
        <KioskLayer />
      </Suspense>
    </KioskBoundary>
  );
}

const RETRY_MS = 2000;

class KioskBoundary extends Component<{ children: ReactNode }, { failed: boolean; generation: number }> {
  state = { failed: false, generation: 0 };
  private retry = 0;

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(e: unknown) {
    reportError(`kiosk: ${e instanceof Error ? e.message : String(e)}`);
    window.clearTimeout(this.retry);
    this.retry = window.setTimeout(() => this.setState((s) => ({ failed: false, generation: s.generation + 1 })), RETRY_MS);
  }

  componentWillUnmount() {
    window.clearTimeout(this.retry);
  }

  render() {
    if (this.state.failed) return null;
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
