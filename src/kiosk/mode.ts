/**
 * Whether this page is a kiosk, and what the kiosk is doing now. In the first load (the app
 * shell needs it to decide whether to load the kiosk at all), so it holds nothing but a few
 * values and their listeners; the kiosk itself loads on demand (KioskLayer.tsx).
 *
 * Other parts read the mode here: the health watch and the service worker reload only while
 * the attract loop plays (`kioskMode() === 'attract'`), never in the middle of a visit.
 */
import { useSyncExternalStore } from 'react';

/**
 * off: not a kiosk. starting: settings and tours loading. attract: a tour plays.
 * visitor: someone is using the app. countdown: nobody has touched it for the idle timeout.
 */
export type KioskMode = 'off' | 'starting' | 'attract' | 'visitor' | 'countdown';

/** `?mode=kiosk`, or the path `/kiosk` (a server that answers unknown paths with the app). */
export function kioskRequested(location: { search: string; pathname: string }): boolean {
  return new URLSearchParams(location.search).get('mode') === 'kiosk' || /\/kiosk\/?$/.test(location.pathname);
}

export const KIOSK = typeof window !== 'undefined' && kioskRequested(window.location);

let mode: KioskMode = KIOSK ? 'starting' : 'off';
const modeListeners = new Set<(mode: KioskMode) => void>();

export function kioskMode(): KioskMode {
  return mode;
}

export function setKioskMode(next: KioskMode): void {
  if (next === mode) return;
  mode = next;
  // Styles follow the mode (kiosk.css): the app's panels hide while a tour plays.
  document.documentElement.dataset.kiosk = next;
  for (const listener of modeListeners) listener(next);
}

/** Calls `listener` on every change of mode; returns the function that unsubscribes it. */
export function onKioskMode(listener: (mode: KioskMode) => void): () => void {
  modeListeners.add(listener);
  return () => {
    modeListeners.delete(listener);
  };
}

if (KIOSK) document.documentElement.dataset.kiosk = mode;

/**
 * The kiosk's visit counter. The campaign view is keyed by it, so that returning to the tour
 * mounts it afresh: every panel closed, every scroll position and choice of the last visitor gone.
 */
let epoch = 0;
const epochListeners = new Set<() => void>();

export function nextVisit(): void {
  epoch++;
  for (const listener of epochListeners) listener();
}

function subscribeEpoch(listener: () => void): () => void {
  epochListeners.add(listener);
  return () => {
    epochListeners.delete(listener);
  };
}

export function useKioskEpoch(): number {
  return useSyncExternalStore(
    subscribeEpoch,
    () => epoch,
    () => 0,
  );
}
