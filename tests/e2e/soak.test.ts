/**
 * Soak: a kiosk runs for weeks, so the same cycle runs 200 times with time accelerated
 * (`?mode=kiosk&soak=1`: idle timeout 1 s, countdown 1 s, chapters 8× faster; see
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
 * A small viewport keeps SwiftShader's share of each cycle small. SOAK_CYCLES sets the count.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, waitForReady } from './browser';

const CYCLES = Number(process.env.SOAK_CYCLES ?? 200);
// Small, but large enough that the map shows between the panels (the visitor's drag lands on the canvas).
const VIEW = { width: 800, height: 500 };
/** A point of the map between the side panels and above the kiosk's dock at this size. */
const MAP = { x: 376, y: 130 };
const HEAP_TOLERANCE_MB = 5;
const MB = 1024 * 1024;
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '__output__', 'soak.json');

interface CycleSample {
  cycle: number;
  tour: string;
  seconds: number;
  geometries: number;
  textures: number;
  heapMB?: number;
}

interface Settled {
  tour: string;
  geometries: number;
  textures: number;
  frame: number;
}

/** The attract loop is back and its scene has settled: the tour's campaign on screen, the terrain in. */
async function settled(page: Page, afterFrame: number): Promise<Settled> {
  const handle = await page.waitForFunction(
    (after) => {
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
      const campaign = k?.dataset.tour === 'korea-strangle' ? 'korea-1951-strangle' : 'big-week-1944';
      if (k?.dataset.mode !== 'attract' || s.campaignId !== campaign || !s.terrain.complete || s.terrain.loading > 0 || s.frame < after + 3)
        return null;
      return { tour: k.dataset.tour!, geometries: s.renderer.geometries, textures: s.renderer.textures, frame: s.frame };
    },
    afterFrame,
    { timeout: 120_000, polling: 50 },
  );
  return (await handle.jsonValue()) as Settled;
}

async function heapAfterGC(cdp: CDPSession): Promise<number> {
  // Twice: the first collection can leave garbage that only the second finds (weak maps, finalizers).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / MB;
}

const frameNow = (page: Page) => page.evaluate(() => (window as unknown as { __sortie: { frame: number } }).__sortie.frame);
const mode = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('.kiosk')?.dataset.mode ?? '');

describe(`soak: ${CYCLES} cycles of tour, visit and idle reset`, () => {
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const samples: CycleSample[] = [];

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
    if (process.env.SOAK_DEBUG)
      await page.evaluate(() => {
        const log: string[] = ((window as unknown as { __klog: string[] }).__klog = []);
        const t0 = performance.now();
        new MutationObserver(() =>
          log.push(`${Math.round(performance.now() - t0)} ${document.documentElement.dataset.kiosk} ${document.querySelector<HTMLElement>('.kiosk')?.dataset.tour}`),
        ).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-kiosk', 'data-tour', 'data-mode'] });
      });
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
        const s = await settled(page, frame);
        const dbg = (what: string) =>
          process.env.SOAK_DEBUG &&
          console.log(`${cycle} ${((Date.now() - started) / 1000).toFixed(1)} ${what}`);
        dbg(`settled ${JSON.stringify(s)}`);
        const sample: CycleSample = { cycle, tour: s.tour, seconds: 0, geometries: s.geometries, textures: s.textures };
        // The heap at the first cycle of each tour, every 20 cycles, and at the last two.
        if (cycle <= 2 || cycle % 20 === 0 || cycle >= CYCLES - 1) sample.heapMB = await heapAfterGC(cdp);

        // A visitor: a tap wakes the kiosk, a drag turns the map, a day is picked.
        await page.touchscreen.tap(MAP.x, MAP.y);
        await page.waitForFunction(() => document.querySelector<HTMLElement>('.kiosk')?.dataset.mode === 'visitor', undefined, {
          timeout: 20_000,
          polling: 50,
        });
        dbg('visitor');
        await page.mouse.move(MAP.x - 40, MAP.y);
        await page.mouse.down();
        await page.mouse.move(MAP.x + 40, MAP.y + 10, { steps: 4 });
        await page.mouse.up();
        await page.evaluate((n) => {
          const days = document.querySelectorAll<HTMLButtonElement>('.topbar__periods button');
          days[n % days.length]?.click();
        }, cycle);

        // Nobody touches it: countdown, then the next tour.
        frame = await frameNow(page);
        dbg(`day picked; ${await mode(page)}`);
        if (process.env.SOAK_DEBUG)
          setTimeout(() => void page.evaluate(() => (window as unknown as { __klog: string[] }).__klog.slice(-6)).then((v) => dbg(`later ${v.join(' | ')}`)), 8000);
        await page.waitForFunction(
          (tour) => {
            const k = document.querySelector<HTMLElement>('.kiosk');
            return k?.dataset.mode === 'attract' && k.dataset.tour !== tour;
          },
          s.tour,
          { timeout: 60_000, polling: 50 },
        );
        sample.seconds = (Date.now() - t0) / 1000;
        samples.push(sample);
        if (cycle % 20 === 0)
          console.log(
            `soak: cycle ${cycle}/${CYCLES}, ${((Date.now() - started) / 1000).toFixed(0)} s, heap ${sample.heapMB?.toFixed(1)} MB, geometries ${sample.geometries}, textures ${sample.textures}`,
          );
      }
      const final = await settled(page, frame);
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
        secondsPerCycle: Math.round(((Date.now() - started) / 1000 / CYCLES) * 100) / 100,
        heapMB: {
          firstCycle: round(baseline.heapMB!),
          lastCycle: round(last.heapMB!),
          growth: round(last.heapMB! - baseline.heapMB!),
          afterLastReset: round(finalHeap),
          trend: samples.filter((s) => s.heapMB !== undefined).map((s) => [s.cycle, s.tour, round(s.heapMB!)]),
        },
        renderer: {
          firstCycle: Object.fromEntries([...first].map(([tour, s]) => [tour, { geometries: s.geometries, textures: s.textures }])),
          lastCycle: { tour: last.tour, geometries: last.geometries, textures: last.textures },
          afterLastReset: { tour: final.tour, geometries: final.geometries, textures: final.textures },
          distinct: [...new Set(samples.map((s) => `${s.tour}: ${s.geometries} geometries, ${s.textures} textures`))],
        },
        mode: await mode(page),
        consoleErrors,
        pageErrors,
        sortieErrors: errors,
      };
      await mkdir(dirname(OUTPUT), { recursive: true });
      await writeFile(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`soak: ${JSON.stringify(report, null, 2)}`);

      expect(Math.abs(report.heapMB.growth), 'JS heap growth after GC, MB').toBeLessThanOrEqual(HEAP_TOLERANCE_MB);
      expect(report.renderer.lastCycle).toEqual({ tour: baseline.tour, geometries: baseline.geometries, textures: baseline.textures });
      const finalBaseline = first.get(final.tour)!;
      expect(report.renderer.afterLastReset).toEqual({ tour: final.tour, geometries: finalBaseline.geometries, textures: finalBaseline.textures });
      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(errors).toEqual([]);
    },
    // Seconds per cycle on a loaded 2-core machine under SwiftShader, with a wide margin.
    Math.max(240_000, CYCLES * 15_000),
  );
});

function round(mb: number): number {
  return Math.round(mb * 100) / 100;
}
