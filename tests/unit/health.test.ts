import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEALTH_LIMITS,
  assessHealth,
  createHealthModel,
  reloadAllowed,
  reloadIfDue,
  requestUpdateReload,
  setHealthGate,
  type HealthModel,
  type HealthSample,
} from '../../src/app/health.ts';

const MB = 1024 * 1024;

/**
 * Feeds samples every `everyS` seconds from `fromS` for `forS` seconds, the frame counter
 * advancing at `fps` since the model's last sample, with `heapMB`; returns the reasons in order
 * (null while healthy).
 */
function feed(
  model: HealthModel,
  {
    fromS = 0,
    forS,
    everyS = 5,
    fps,
    heapMB = 50,
    visible = true,
  }: {
    fromS?: number;
    forS: number;
    everyS?: number;
    fps: number;
    heapMB?: number | ((t: number) => number) | null;
    visible?: boolean;
  },
): (string | null)[] {
  const reasons: (string | null)[] = [];
  for (let t = fromS; t <= fromS + forS; t += everyS) {
    const last = model.last;
    const frame = last ? last.frame + (visible ? Math.round((fps * (t * 1000 - last.atMs)) / 1000) : 0) : 0;
    const heap = heapMB === null ? null : (typeof heapMB === 'function' ? heapMB(t) : heapMB) * MB;
    const sample: HealthSample = { atMs: t * 1000, frame, heapBytes: heap, visible };
    reasons.push(assessHealth(model, sample));
  }
  return reasons;
}

describe('health decision', () => {
  it('stays quiet for a healthy page: steady frame rate, steady heap', () => {
    const model = createHealthModel();
    const reasons = feed(model, { forS: 3600, fps: 30 });
    expect(reasons.every((r) => r === null)).toBe(true);
    expect(model.fps).toBeCloseTo(30);
  });

  it('asks for a reload after the frame rate has stayed below the limit for the set time, not before', () => {
    const model = createHealthModel();
    // 60 s fine, then 2 fps.
    feed(model, { forS: 60, fps: 30 });
    const reasons = feed(model, { fromS: 65, forS: 70, fps: 2 });
    // The low run starts at the sample before the first low one (60 s); 60 s on is 120 s.
    const first = reasons.findIndex((r) => r !== null);
    expect(65 + first * 5).toBe(120);
    expect(reasons[first]).toMatch(/frame rate 2\.0 fps, below 5 for 60 s/);
  });

  it('forgets a low run when the frame rate recovers in between', () => {
    const model = createHealthModel();
    feed(model, { forS: 50, fps: 2 });
    feed(model, { fromS: 55, forS: 0, fps: 30 });
    const reasons = feed(model, { fromS: 60, forS: 50, fps: 2 });
    expect(reasons.every((r) => r === null)).toBe(true);
  });

  it('does not count a hidden page (no frames by the browser’s choice) as a slow one', () => {
    const model = createHealthModel();
    const reasons = feed(model, { forS: 600, fps: 0, visible: false });
    expect(reasons.every((r) => r === null)).toBe(true);
  });

  it('uses the limits it is given', () => {
    const model = createHealthModel({ minFps: 20, lowFpsSeconds: 10 });
    const reasons = feed(model, { forS: 30, fps: 15 });
    expect(reasons.findIndex((r) => r !== null) * 5).toBe(10);
  });

  it('asks for a reload when the heap floor has grown past the limit over its first samples', () => {
    const model = createHealthModel();
    // Baseline 80 MB over the first window; then +1 MB a second: 200 MB more after ~200 s.
    const reasons = feed(model, { forS: 400, fps: 30, heapMB: (t) => 80 + Math.max(0, t - 30) });
    const first = reasons.findIndex((r) => r !== null);
    expect(first).toBeGreaterThan(0);
    const t = first * 5;
    // The floor is the lowest of the last six samples: 25 s behind the newest one.
    expect(t - 25 - 30).toBeGreaterThan(200);
    expect(t - 25 - 30).toBeLessThanOrEqual(205);
    expect(reasons[first]).toMatch(/heap grew \d+ MB, more than 200 MB/);
  });

  it('ignores garbage that is collected: spikes above the floor are not growth', () => {
    const model = createHealthModel();
    // Every third sample the heap is 300 MB higher (uncollected garbage), then back.
    const reasons = feed(model, { forS: 3600, fps: 30, heapMB: (t) => (t % 15 === 0 ? 400 : 100) });
    expect(reasons.every((r) => r === null)).toBe(true);
  });

  it('works without heap figures (browsers without performance.memory)', () => {
    const model = createHealthModel();
    const reasons = feed(model, { forS: 600, fps: 30, heapMB: null });
    expect(reasons.every((r) => r === null)).toBe(true);
    expect(model.heapBaseline).toBeNull();
  });

  it('gives both reasons when both limits are passed', () => {
    const model = createHealthModel({ lowFpsSeconds: 20, maxHeapGrowthMB: 10 });
    const reasons = feed(model, { forS: 120, fps: 1, heapMB: (t) => 50 + t });
    expect(reasons[reasons.length - 1]).toMatch(/frame rate .*; heap grew/);
  });
});

describe('reload back-off', () => {
  const limits = DEFAULT_HEALTH_LIMITS;
  it('allows the first reload', () => {
    expect(reloadAllowed(limits, null, 1_000)).toBe(true);
  });
  it('holds back a second reload within the set minutes of the last', () => {
    const last = 10_000_000;
    expect(reloadAllowed(limits, last, last + 29 * 60_000)).toBe(false);
    expect(reloadAllowed(limits, last, last + 30 * 60_000)).toBe(true);
  });
});

describe('the gate', () => {
  it('makes a pending reload only once the gate opens: never by default, never while it throws', () => {
    let reloads = 0;
    requestUpdateReload('a new version', () => reloads++);
    expect(reloads).toBe(0);
    expect(reloadIfDue()).toBe(false);
    setHealthGate(() => {
      throw new Error('kiosk not ready');
    });
    expect(reloads).toBe(0);
    let attractLoopPlaying = false;
    setHealthGate(() => attractLoopPlaying);
    expect(reloadIfDue()).toBe(false);
    attractLoopPlaying = true;
    expect(reloadIfDue()).toBe(true);
    expect(reloads).toBe(1);
    // Nothing pending any more.
    expect(reloadIfDue()).toBe(false);
    expect(reloads).toBe(1);
  });
});
