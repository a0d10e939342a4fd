/**
 * Soak: a kiosk runs for weeks, so the same cycle runs 200 times with time accelerated
 * (`?mode=kiosk&soak=1`: idle timeout and countdown 0.3 s each, chapters 8× faster; see
 * src/kiosk/config.ts): the attract loop plays → a visitor taps, drags the map and picks a day →
 * nobody touches it → countdown → everything reset, the next tour. Then:
 *  - the JS heap after garbage collection is within 5 MB of the first cycle's,
 *  - the renderer's geometries and textures are back at the first cycle's counts,
 *  - no console errors, no page errors, nothing in window.__sortie.errors.
 * The figures are written to tests/e2e/__output__/soak.json and printed.
 *
 * Every measurement is taken at the same moment of a cycle: the attract loop has just come
 * back, and its first chapter holds still on its first keyframe until the terrain is in
 * (src/kiosk/director.ts), so the scene is the same each time. Tours alternate between the two
 * campaigns, so cycles are compared with the first cycle of the same tour.
 *
 * The visitor's input is synthesised in the page (pointer events, a click), in one task: under
 * SwiftShader on a loaded machine a frame can take seconds, and input sent from outside waits
 * for frames.
 *
 * The full soak is `npm run soak` (200 cycles, about 20 minutes here under SwiftShader); inside
 * `npm test` the same cycle runs SOAK_CYCLES times (default 12), which checks that a reset gives
 * back what the visit took without spending the suite's time on the long run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, waitForReady } from './browser';

const CYCLES = Number(process.env.SOAK_CYCLES ?? 12);
// Small: SwiftShader's share of each cycle stays small.
const VIEW = { width: 480, height: 300 };
/** Where the visitor's finger first lands (during the tour the whole screen is map). */
const MAP = { x: 240, y: 150 };
const HEAP_TOLERANCE_MB = 5;
const MB = 1024 * 1024;
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '__output__', 'soak.json');

interface CycleSample {
  cycle: number;
  tour: string;
  geometries: number;
  textures: number;
  heapMB?: number;
}

interface SceneState {
  tour: string;
  mode: string;
  resets: number;
  holding: boolean;
  campaignId: string;
  frame: number;
  terrainIn: boolean;
  geometries: number;
  textures: number;
}

/** Read in the page (installed there as window.__soakState): the kiosk's and the scene's state. */
function sceneState(): SceneState {
  const k = document.querySelector<HTMLElement>('.kiosk');
  const s = (
    window as unknown as {
      __sortie: {
        frame: number;
        campaignId: string;
        terrain: { complete: boolean; loading: number };
        renderer: { geometries: number; textures: number };
      };
    }
  ).__sortie;
  return {
    tour: k?.dataset.tour ?? '',
    mode: k?.dataset.mode ?? '',
    resets: Number(k?.dataset.resets),
    holding: k?.dataset.holding === 'true',
    campaignId: s.campaignId,
    frame: s.frame,
    terrainIn: s.terrain.complete && s.terrain.loading === 0,
    geometries: s.renderer.geometries,
    textures: s.renderer.textures,
  };
}

const TOUR_CAMPAIGN: Record<string, string> = { 'big-week': 'big-week-1944', 'korea-strangle': 'korea-1951-strangle' };

/** The attract loop is back: the tour's campaign on screen, a frame drawn since `afterFrame`. */
async function attractBack(page: Page, afterFrame: number): Promise<SceneState> {
  const handle = await page.waitForFunction(
    ([after, campaigns]) => {
      const state = (window as unknown as { __soakState: () => SceneState }).__soakState();
      return state.mode === 'attract' && state.campaignId === campaigns[state.tour] && state.frame > after ? state : null;
    },
    [afterFrame, TOUR_CAMPAIGN] as const,
    { timeout: 120_000, polling: 50 },
  );
  return (await handle.jsonValue()) as SceneState;
}

/**
 * The moment to measure: the tour holds its first pose (soak=1 holds it for 4 frames once the
 * terrain is in), and the counts published are those of a frame drawn with the terrain complete
 * (the frame loop publishes the renderer's counts of the frame before).
 */
async function settledScene(page: Page): Promise<SceneState> {
  const terrainIn = (await (
    await page.waitForFunction(
      () => {
        const state = (window as unknown as { __soakState: () => SceneState }).__soakState();
        return state.mode === 'attract' && state.holding && state.terrainIn ? state : null;
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    )
  ).jsonValue()) as SceneState;
  const state = (await (
    await page.waitForFunction(
      (frame) => {
        const state = (window as unknown as { __soakState: () => SceneState }).__soakState();
        return state.frame >= frame + 2 || !state.holding ? state : null;
      },
      terrainIn.frame,
      { timeout: 120_000, polling: 20 },
    )
  ).jsonValue()) as SceneState;
  if (!state.holding) throw new Error(`the tour stopped holding before the scene could be measured: ${JSON.stringify(state)}`);
  return state;
}

/**
 * A visitor, in one task (so that the sub-second idle timeout cannot fall between their
 * moves however slowly the page draws): a finger taps the map and wakes the kiosk, a mouse
 * drags the map, a day is picked. The events go straight to the canvas: at this small size the
 * app's panels cover most of it. Returns what the tap landed on and the kiosk's mode after it.
 */
function visit([x, y, n]: readonly [number, number, number]): string[] {
  const pointer = (type: string, target: Element, px: number, py: number, init: PointerEventInit) =>
    target.dispatchEvent(
      new PointerEvent(type, {
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: px,
        clientY: py,
        isPrimary: true,
        ...init,
      }),
    );
  const tapped = document.elementFromPoint(x, y)!;
  pointer('pointerdown', tapped, x, y, { pointerId: 7, pointerType: 'touch', button: 0, buttons: 1 });
  pointer('pointerup', tapped, x, y, { pointerId: 7, pointerType: 'touch', button: 0, buttons: 0 });
  const mode = document.documentElement.dataset.kiosk!;
  // The mouse is pointer 1, always active: the map controls may capture and release it.
  const canvas = document.querySelector('.scene canvas')!;
  pointer('pointerdown', canvas, x - 40, y, { pointerId: 1, pointerType: 'mouse', button: 0, buttons: 1 });
  for (let i = 1; i <= 4; i++)
    pointer('pointermove', canvas, x - 40 + 20 * i, y + i, { pointerId: 1, pointerType: 'mouse', button: -1, buttons: 1 });
  pointer('pointerup', canvas, x + 40, y + 4, { pointerId: 1, pointerType: 'mouse', button: 0, buttons: 0 });
  const days = document.querySelectorAll<HTMLButtonElement>('.topbar__periods button');
  days[n % days.length]?.click();
  return [tapped.tagName, mode];
}

async function heapAfterGC(cdp: CDPSession): Promise<number> {
  // Twice: the first collection can leave garbage that only the second finds (weak maps, finalizers).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / MB;
}

const frameNow = (page: Page) => page.evaluate(() => (window as unknown as { __sortie: { frame: number } }).__sortie.frame);

describe(`soak: ${CYCLES} cycles of tour, visit and idle reset`, () => {
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const samples: CycleSample[] = [];
  const seconds: number[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: 1, hasTouch: true });
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text().slice(0, 300));
    });
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    cdp = await context.newCDPSession(page);
    await page.goto(new URL('?mode=kiosk&soak=1', baseURL()).href, { waitUntil: 'load' });
    await waitForReady(page);
    await page.evaluate(`window.__soakState = ${sceneState.toString()}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'runs the cycles, then heap, renderer resources and errors are back where they started',
    async () => {
      const started = Date.now();
      let frame = 0;
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const t0 = Date.now();
        // Measured at the first cycle of each tour, every 25 cycles and at the last two.
        const measure = cycle <= 2 || cycle % 25 === 0 || cycle >= CYCLES - 1;
        const s = measure ? await settledScene(page) : await attractBack(page, frame);
        if (measure)
          samples.push({ cycle, tour: s.tour, geometries: s.geometries, textures: s.textures, heapMB: await heapAfterGC(cdp) });

        const landed = await page.evaluate(visit, [MAP.x, MAP.y, cycle] as const);
        if (cycle === 1) expect(landed[1]).toBe('visitor');

        // Nobody touches it: countdown, then everything reset and the next tour.
        await page.waitForFunction(
          (resets) => {
            const k = document.querySelector<HTMLElement>('.kiosk');
            return k?.dataset.mode === 'attract' && Number(k.dataset.resets) > resets;
          },
          s.resets,
          { timeout: 60_000, polling: 50 },
        );
        frame = await frameNow(page);
        seconds.push((Date.now() - t0) / 1000);
        if (cycle % 25 === 0) {
          const last = samples[samples.length - 1]!;
          console.log(
            `soak: cycle ${cycle}/${CYCLES}, ${((Date.now() - started) / 1000).toFixed(0)} s, heap ${last.heapMB?.toFixed(1)} MB, ${last.tour}: geometries ${last.geometries}, textures ${last.textures}`,
          );
        }
      }
      const final = await settledScene(page);
      const finalHeap = await heapAfterGC(cdp);
      const errors = await page.evaluate(() => [...(window as unknown as { __sortie: { errors: string[] } }).__sortie.errors]);

      // Compared with the first cycle of the same tour.
      const first = new Map<string, CycleSample>();
      for (const s of samples) if (!first.has(s.tour)) first.set(s.tour, s);
      const last = samples[samples.length - 1]!;
      const baseline = first.get(last.tour)!;
      const report = {
        cycles: CYCLES,
        viewport: VIEW,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        secondsPerCycle: {
          mean: round((Date.now() - started) / 1000 / CYCLES),
          median: round(median(seconds)),
          max: round(Math.max(...seconds)),
        },
        heapMB: {
          firstCycle: round(baseline.heapMB!),
          lastCycle: round(last.heapMB!),
          growth: round(last.heapMB! - baseline.heapMB!),
          afterLastReset: round(finalHeap),
          trend: samples.filter((s) => s.heapMB !== undefined).map((s) => [s.cycle, s.tour, round(s.heapMB!)]),
        },
        renderer: {
          firstCycle: Object.fromEntries(
            [...first].map(([tour, s]) => [tour, { geometries: s.geometries, textures: s.textures }]),
          ),
          lastCycle: { tour: last.tour, geometries: last.geometries, textures: last.textures },
          afterLastReset: { tour: final.tour, geometries: final.geometries, textures: final.textures },
          distinct: [...new Set(samples.map((s) => `${s.tour}: ${s.geometries} geometries, ${s.textures} textures`))],
        },
        mode: final.mode,
        consoleErrors,
        pageErrors,
        sortieErrors: errors,
      };
      await mkdir(dirname(OUTPUT), { recursive: true });
      await writeFile(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`soak: ${JSON.stringify(report, null, 2)}`);

      expect(Math.abs(report.heapMB.growth), 'JS heap growth after GC, MB').toBeLessThanOrEqual(HEAP_TOLERANCE_MB);
      expect(report.renderer.lastCycle).toEqual({
        tour: baseline.tour,
        geometries: baseline.geometries,
        textures: baseline.textures,
      });
      const finalBaseline = first.get(final.tour)!;
      expect(report.renderer.afterLastReset).toEqual({
        tour: final.tour,
        geometries: finalBaseline.geometries,
        textures: finalBaseline.textures,
      });
      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(errors).toEqual([]);
    },
    // Seconds per cycle on a loaded 2-core machine under SwiftShader, with a wide margin.
    Math.max(240_000, CYCLES * 15_000),
  );
});

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
