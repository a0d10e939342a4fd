/**
 * Errors the app could not carry on from, announced to whoever must act on them: a kiosk
 * returns to its attract loop, a browser shows the message with a way to start again. The
 * top-level error boundary (main.tsx) reports render errors here and registers how to recover.
 */
import { reportError } from './diagnostics.ts';

export interface AppError {
  /**
   * 'app': a render error anywhere, the app now shows its error message; 'scene': the 3D view
   * failed and shows its own message while the panels work on; 'window': an uncaught error or
   * rejection outside rendering (nothing on screen changed).
   */
  scope: 'app' | 'scene' | 'window';
  message: string;
  error: unknown;
}

type Listener = (e: AppError) => void;

const listeners = new Set<Listener>();
let recover: (() => void) | null = null;

/** Calls `listener` for every error from now on; returns the function that unsubscribes it. */
export function onAppError(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function reportAppError(scope: AppError['scope'], error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  reportError(scope === 'window' ? message : `${scope}: ${message}`);
  for (const listener of listeners) {
    // One failing listener must not keep the others (the kiosk's return to its loop) from running.
    try {
      listener({ scope, message, error });
    } catch (e) {
      reportError(`error listener: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * Clears the error and starts the app again without reloading the page: state back to its
 * defaults, every component mounted afresh. Does nothing before the boundary is mounted.
 */
export function recoverFromError(): void {
  recover?.();
}

/** Set by the top-level boundary: how to start the app again. */
export function setErrorRecovery(handler: (() => void) | null): void {
  recover = handler;
}
