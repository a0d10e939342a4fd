/**
 * The viewer's motion preference, asked in one place. Everything that moves on its own — the
 * clock starting to play, camera flights and framing, inertia after a drag, figure flashes —
 * checks here, so that `prefers-reduced-motion: reduce` turns all of them off together and a test
 * that emulates the media feature sees every one of them honour it.
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

// One MediaQueryList for the page: its `matches` is live, so it is read, never re-created.
let query: MediaQueryList | null | undefined;
function mediaQuery(): MediaQueryList | null {
  if (query === undefined)
    query = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
  return query;
}

/** True when the viewer asked the system for reduced motion. Cheap enough to call per frame. */
export function prefersReducedMotion(): boolean {
  return mediaQuery()?.matches ?? false;
}

/**
 * The length of an animated transition (a camera flight, a framing move, a fade), or 0 when the
 * viewer prefers reduced motion: callers jump straight to the end state when it returns 0.
 */
export function motionDuration(seconds: number): number {
  return prefersReducedMotion() ? 0 : seconds;
}

/** Calls `onChange` when the preference changes (the system setting can change while the app runs). */
export function subscribeReducedMotion(onChange: (reduced: boolean) => void): () => void {
  const q = mediaQuery();
  if (!q) return () => {};
  const listener = () => onChange(q.matches);
  q.addEventListener('change', listener);
  return () => q.removeEventListener('change', listener);
}

/** The preference as React state, for components whose props depend on it (e.g. camera damping). */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReducedMotion, prefersReducedMotion, () => false);
}
