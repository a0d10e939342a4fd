/**
 * Helpers shared by the e2e tests: launch Chromium (WebGL2 through SwiftShader), open the
 * built app served by globalSetup.ts, wait for it to be ready, read `window.__sortie`, and
 * sample the rendered canvas.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Diagnostics } from '../../src/app/diagnostics.ts';

/** The test hook the app publishes on `window.__sortie`. */
export type SortieState = Diagnostics & { overlay: Record<string, number> };

export interface OpenedApp {
  browser: Browser;
  page: Page;
  /** Text of every `console.error` message (and other console messages of type "error"). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Closes the browser. */
  close: () => Promise<void>;
}

export interface PixelStats {
  /** Size of the decoded canvas screenshot, in device pixels. */
  width: number;
  height: number;
  /** Number of grid samples taken (about 400). */
  samples: number;
  /** Distinct exact RGB colours among the samples. */
  distinctColours: number;
  /** Background colour used: the given one, or else the most frequent sampled colour. */
  background: [number, number, number];
  /** Fraction of samples (0..1) further than `tolerance` from the background colour. */
  nonBackgroundFraction: number;
}

export interface SamplePixelsOptions {
  /** Grid size per axis; the default of 20 gives 400 samples. */
  grid?: number;
  /** Background colour; the default is the most frequent sampled colour. */
  background?: [number, number, number];
  /** Largest per-channel difference still counted as background (default 8). */
  tolerance?: number;
  /** Canvas selector (default `canvas`, the first one). */
  selector?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT_DIR = resolve(here, '__output__');

/** SwiftShader renders slowly; first frames of a full scene can take a while. */
export const READY_TIMEOUT_MS = 90_000;

/**
 * Flags on top of Playwright's own defaults (which already include --headless, --no-sandbox,
 * --disable-background-networking, --disable-component-update, --disable-sync, --no-first-run
 * and --enable-unsafe-swiftshader).
 *  - --use-angle=swiftshader: always render WebGL with SwiftShader, also on machines with a GPU,
 *    so pixels and timings do not depend on the host.
 *  - --enable-unsafe-swiftshader: repeated in case Playwright stops passing it; without it
 *    Chromium logs "Automatic fallback to software WebGL has been deprecated" and newer
 *    versions refuse software WebGL altogether.
 */
export const CHROMIUM_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export const VIEWPORT = { width: 1280, height: 720 } as const;

export function chromePath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), headless: true, args: CHROMIUM_ARGS });
}

/** Base URL of the preview server started by globalSetup.ts (with a trailing slash). */
export function baseURL(): string {
  return inject('baseURL');
}

/**
 * Launches Chromium and opens `path` (default `/`) of the built app, after `beforeLoad` (e.g. to
 * route requests). Does not wait for the app to be ready; call `waitForReady(page)`. Close with `close()` (or `browser.close()`).
 */
export async function openApp(path = '/', beforeLoad?: (page: Page) => Promise<void>): Promise<OpenedApp> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        // Chromium asks for /favicon.ico on its own when index.html names no icon; not an app error.
        if (/\/favicon\.ico(\?|$)/.test(loc.url)) return;
        consoleErrors.push(loc.url ? `${msg.text()} (${loc.url}:${loc.lineNumber})` : msg.text());
      }
    });
    page.on('pageerror', (err) => {
      pageErrors.push(err.stack ?? `${err.name}: ${err.message}`);
    });
    page.on('crash', () => {
      pageErrors.push('page crashed');
    });
    if (beforeLoad) await beforeLoad(page);
    const url = new URL(path.replace(/^\/+/, ''), baseURL()).href;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (response && !response.ok()) {
      throw new Error(`GET ${url} answered ${response.status()} ${response.statusText()}`);
    }
    return { browser, page, consoleErrors, pageErrors, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** A JSON snapshot of `window.__sortie`, or null when the app has not published it. */
export async function sortie(page: Page): Promise<SortieState | null> {
  return page.evaluate(() => {
    const s = (window as unknown as { __sortie?: unknown }).__sortie;
    return s === undefined ? null : (JSON.parse(JSON.stringify(s)) as SortieState);
  });
}

/** Waits until `window.__sortie.ready === true`; on timeout the error shows the last snapshot. */
export async function waitForReady(page: Page, timeout = READY_TIMEOUT_MS): Promise<SortieState> {
  try {
    await page.waitForFunction(
      () => (window as unknown as { __sortie?: { ready?: unknown } }).__sortie?.ready === true,
      undefined,
      { timeout, polling: 250 },
    );
  } catch (err) {
    let last = 'unavailable';
    try {
      last = JSON.stringify(await sortie(page));
    } catch {
      // page closed or crashed; keep 'unavailable'
    }
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`window.__sortie.ready did not become true within ${timeout} ms (${reason}); last window.__sortie: ${last}`, {
      cause: err,
    });
  }
  const state = await sortie(page);
  if (state === null) throw new Error('window.__sortie vanished after becoming ready');
  return state;
}

/**
 * Screenshots the canvas (what the compositor shows, so preserveDrawingBuffer is not needed),
 * decodes the PNG inside the page with createImageBitmap, and reads a grid of samples.
 */
export async function samplePixels(page: Page, options: SamplePixelsOptions = {}): Promise<PixelStats> {
  const { grid = 20, background, tolerance = 8, selector = 'canvas' } = options;
  const png = await page.locator(selector).first().screenshot({ type: 'png', animations: 'allow' });
  const samples = await page.evaluate(
    async ({ b64, grid }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const { width, height } = bitmap;
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('samplePixels: no 2D context');
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      const data = ctx.getImageData(0, 0, width, height).data;
      const rgb: number[] = [];
      for (let gy = 0; gy < grid; gy++) {
        const y = Math.min(height - 1, Math.floor(((gy + 0.5) * height) / grid));
        for (let gx = 0; gx < grid; gx++) {
          const x = Math.min(width - 1, Math.floor(((gx + 0.5) * width) / grid));
          const i = (y * width + x) * 4;
          rgb.push(data[i]!, data[i + 1]!, data[i + 2]!);
        }
      }
      return { width, height, rgb };
    },
    { b64: png.toString('base64'), grid },
  );

  const counts = new Map<number, number>();
  const n = samples.rgb.length / 3;
  for (let i = 0; i < n; i++) {
    const key = (samples.rgb[3 * i]! << 16) | (samples.rgb[3 * i + 1]! << 8) | samples.rgb[3 * i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bg = background;
  if (!bg) {
    let best = 0;
    let bestCount = -1;
    for (const [key, count] of counts) {
      if (count > bestCount) {
        best = key;
        bestCount = count;
      }
    }
    bg = [(best >> 16) & 255, (best >> 8) & 255, best & 255];
  }
  let nonBackground = 0;
  for (let i = 0; i < n; i++) {
    const dr = Math.abs(samples.rgb[3 * i]! - bg[0]);
    const dg = Math.abs(samples.rgb[3 * i + 1]! - bg[1]);
    const db = Math.abs(samples.rgb[3 * i + 2]! - bg[2]);
    if (Math.max(dr, dg, db) > tolerance) nonBackground++;
  }
  return {
    width: samples.width,
    height: samples.height,
    samples: n,
    distinctColours: counts.size,
    background: bg,
    nonBackgroundFraction: n === 0 ? 0 : nonBackground / n,
  };
}

/** Saves a screenshot of the page to tests/e2e/__output__/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safe = name.replace(/[^\w.-]+/g, '_');
  const file = resolve(OUTPUT_DIR, `${safe}.png`);
  await mkdir(OUTPUT_DIR, { recursive: true });
  await writeFile(file, await page.screenshot({ type: 'png' }));
  return file;
}
