/**
 * The health watch: a kiosk runs for weeks, so every few seconds the frame rate (from the frame
 * counter in window.__sortie) and the JS heap are sampled, and when either drifts past its limit
 * the page reloads itself. It reloads only when the gate says it is safe: the kiosk sets the gate
 * to "the attract loop is playing" (setHealthGate); the default gate never opens, so outside
 * kiosk mode the watch only reports (window.__sortie.health) and never reloads.
 *
 * The decision (assessHealth, reloadAllowed) is pure and unit-tested with fake samples; the
 * watch around it reads the clock, the counter and the heap, and reloads.
 */
import { useEffect } from 'react';
import { diagnostics } from './diagnostics.ts';

export interface HealthLimits {
  /** Seconds between samples. */
  sampleSeconds: number;
  /** A frame rate below this… */
  minFps: number;
  /** …for this long on end is a reason to reload. */
  lowFpsSeconds: number;
  /** Growth of the heap beyond its first samples, MB, that is a reason to reload. */
  maxHeapGrowthMB: number;
  /**
   * The heap counts as its lowest over this many samples: garbage not yet collected is not
   * growth. The first window sets the baseline.
   */
  heapWindow: number;
  /** After a reload for health, none for health again within this time: a machine that is simply slow must not reload forever. */
  minMinutesBetweenReloads: number;
}

export const DEFAULT_HEALTH_LIMITS: HealthLimits = {
  sampleSeconds: 5,
  minFps: 5,
  lowFpsSeconds: 60,
  maxHeapGrowthMB: 200,
  heapWindow: 6,
  minMinutesBetweenReloads: 30,
};

export interface HealthSample {
  /** Milliseconds on a monotonic clock. */
  atMs: number;
  /** Frames drawn so far (window.__sortie.frame). */
  frame: number;
  /** Used JS heap, bytes, where the browser tells (performance.memory); null elsewhere. */
  heapBytes: number | null;
  /** A hidden page draws no frames by the browser's choice: not a fault. */
  visible: boolean;
}

export interface HealthModel {
  limits: HealthLimits;
  last: HealthSample | null;
  /** Frames per second between the last two samples. */
  fps: number;
  /** Start of the current run of low frame rate, or null. */
  lowSinceMs: number | null;
  /** Lowest heap over the first window, bytes. */
  heapBaseline: number | null;
  /** Heap over the last `heapWindow` samples. */
  heapRecent: number[];
}

const MB = 1024 * 1024;

export function createHealthModel(limits: Partial<HealthLimits> = {}): HealthModel {
  return {
    limits: { ...DEFAULT_HEALTH_LIMITS, ...limits },
    last: null,
    fps: 0,
    lowSinceMs: null,
    heapBaseline: null,
    heapRecent: [],
  };
}

/** Takes one sample into the model; returns why the page should reload, or null when it is healthy. */
export function assessHealth(model: HealthModel, sample: HealthSample): string | null {
  const { limits } = model;
  const last = model.last;
  model.last = sample;
  const reasons: string[] = [];

  if (!sample.visible || !last || !last.visible) {
    model.lowSinceMs = null;
  } else if (sample.atMs > last.atMs) {
    model.fps = ((sample.frame - last.frame) * 1000) / (sample.atMs - last.atMs);
    if (model.fps < limits.minFps) {
      model.lowSinceMs ??= last.atMs;
      const seconds = (sample.atMs - model.lowSinceMs) / 1000;
      if (seconds >= limits.lowFpsSeconds)
        reasons.push(`frame rate ${model.fps.toFixed(1)} fps, below ${limits.minFps} for ${Math.round(seconds)} s`);
    } else model.lowSinceMs = null;
  }

  if (sample.heapBytes !== null) {
    const recent = model.heapRecent;
    recent.push(sample.heapBytes);
    if (recent.length > limits.heapWindow) recent.shift();
    if (recent.length >= limits.heapWindow) {
      const floor = Math.min(...recent);
      if (model.heapBaseline === null) model.heapBaseline = floor;
      else if (floor - model.heapBaseline > limits.maxHeapGrowthMB * MB)
        reasons.push(`heap grew ${Math.round((floor - model.heapBaseline) / MB)} MB, more than ${limits.maxHeapGrowthMB} MB`);
    }
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

/** Whether a reload for health may happen now, given the last one (ms on the same clock as `nowMs`, or null). */
export function reloadAllowed(limits: HealthLimits, lastReloadAtMs: number | null, nowMs: number): boolean {
  return lastReloadAtMs === null || nowMs - lastReloadAtMs >= limits.minMinutesBetweenReloads * 60_000;
}

// ---------------------------------------------------------------------------------------------
// The watch.

let gate: () => boolean = () => false;
let reloadPage: () => void = () => window.location.reload();
/** A reload to make for a new version of the app (sw.ts), with how to make it. */
let updateReload: { reason: string; run: () => void } | null = null;
/** The health watch's current reason to reload, recomputed every sample (it clears when health recovers). */
let healthReason: string | null = null;
let stopWatch: (() => void) | null = null;

const STORAGE_KEY = 'sortie.healthReload';

/**
 * Sets what says "it is safe to reload now". The kiosk sets `() => attract loop is playing`;
 * until then nothing reloads. A gate that throws counts as closed.
 */
export function setHealthGate(isSafe: () => boolean): void {
  gate = isSafe;
  reloadIfDue();
}

export function isSafeToReload(): boolean {
  try {
    return gate();
  } catch {
    return false;
  }
}

/** Replaces how the page reloads (the default is location.reload()); for tests. */
export function setReloadAction(reload: () => void): void {
  reloadPage = reload;
}

/**
 * Asks for a reload for a new version of the app: made as soon as the gate is open. `run`
 * replaces the plain reload (the service worker switches over first, then reloads).
 */
export function requestUpdateReload(reason: string, run: () => void): void {
  updateReload ??= { reason, run };
  publishPending();
  reloadIfDue();
}

/**
 * Makes a pending reload if the gate is open; returns whether it did. The watch calls it on
 * every sample; the kiosk may call it when its attract loop starts, to reload without waiting.
 */
export function reloadIfDue(): boolean {
  if ((!updateReload && !healthReason) || !isSafeToReload()) return false;
  if (updateReload) {
    const { run } = updateReload;
    updateReload = null;
    run();
    return true;
  }
  healthReason = null;
  const previous = readReloads();
  writeReloads({ at: Date.now(), count: previous.count + 1 });
  reloadPage();
  return true;
}

/**
 * Starts (or restarts, with new limits) the watch; returns a function that stops it. Cheap:
 * one sample every few seconds, nothing per frame.
 */
export function startHealthWatch(limits: Partial<HealthLimits> = {}): () => void {
  stopWatch?.();
  const model = createHealthModel(limits);
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  const tick = () => {
    const reason = assessHealth(model, {
      atMs: performance.now(),
      frame: diagnostics.frame,
      heapBytes: memory ? memory.usedJSHeapSize : null,
      visible: document.visibilityState === 'visible',
    });
    const h = diagnostics.health;
    h.fps = Math.round(model.fps * 10) / 10;
    h.heapMB = memory ? Math.round(memory.usedJSHeapSize / MB) : null;
    const last = readReloads().at;
    healthReason = reason && reloadAllowed(model.limits, last, Date.now()) ? reason : null;
    publishPending(
      reason && !healthReason
        ? `${reason} (held back: the last reload was less than ${model.limits.minMinutesBetweenReloads} min ago)`
        : null,
    );
    reloadIfDue();
  };
  const id = window.setInterval(tick, model.limits.sampleSeconds * 1000);
  diagnostics.health.reloads = readReloads().count;
  const stop = () => {
    window.clearInterval(id);
    if (stopWatch === stop) stopWatch = null;
  };
  stopWatch = stop;
  return stop;
}

/** Starts the watch with the default limits unless one is running already (main.tsx, after load). */
export function ensureHealthWatch(): void {
  if (!stopWatch) startHealthWatch();
}

/** Runs the watch with these limits (keep the object stable) while the calling component is mounted, then the defaults again. */
export function useHealthWatch(limits?: Partial<HealthLimits>): void {
  useEffect(() => {
    startHealthWatch(limits);
    return () => {
      startHealthWatch();
    };
  }, [limits]);
}

function publishPending(held: string | null = null): void {
  diagnostics.health.reloadPending = updateReload?.reason ?? healthReason ?? held;
}

/** Reloads for health survive the reload itself in sessionStorage (per tab): when, and how many. */
function readReloads(): { at: number | null; count: number } {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as { at?: unknown; count?: unknown } | null;
    return { at: typeof v?.at === 'number' ? v.at : null, count: typeof v?.count === 'number' ? v.count : 0 };
  } catch {
    return { at: null, count: 0 };
  }
}

function writeReloads(v: { at: number; count: number }): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(v));
  } catch {
    // Storage refused (private mode, quota): the back-off then only lasts this page's life.
  }
}
