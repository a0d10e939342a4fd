/**
 * A kiosk comes back by itself from an error: here the 3D view fails to start (the browser gives
 * no WebGL context, as a crashed or blocklisted GPU does) while a visitor switches campaigns. The
 * scene's error boundary shows what went wrong, the panels keep working, and a moment later the
 * kiosk returns to its attract loop and the next tour plays on a working scene.
 *
 * Its own page: the failure leaves errors in window.__sortie.errors on purpose, which the main
 * kiosk test (kiosk.test.ts) counts as a failure.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, screenshot, sortie, VIEWPORT, waitForReady } from './browser';

const waitForMode = (page: Page, mode: string, timeout = 60_000) =>
  page.waitForFunction((m) => document.querySelector<HTMLElement>('.kiosk')?.dataset.mode === m, mode, { timeout, polling: 100 });

describe('kiosk: recovery from an error', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, hasTouch: true });
    page = await context.newPage();
    await page.goto(new URL('?mode=kiosk&idle=120&countdown=8', baseURL()).href, { waitUntil: 'load' });
    await waitForReady(page);
    await waitForMode(page, 'attract');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the failed 3D view, then returns to the attract loop with a working scene', async () => {
    const resets = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.kiosk')!.dataset.resets));
    await page.touchscreen.tap(VIEWPORT.width * 0.6, VIEWPORT.height * 0.35);
    await waitForMode(page, 'visitor', 10_000);

    // From now on no canvas gets a WebGL context (2D canvases, for labels, still do).
    await page.evaluate(() => {
      const proto = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
      const real = proto.getContext as (this: HTMLCanvasElement, type: string, ...rest: unknown[]) => unknown;
      proto.__realGetContext = real;
      proto.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return type.startsWith('webgl') ? null : real.call(this, type, ...rest);
      };
    });
    // The visitor opens the other campaign: a new scene, which cannot start.
    const select = page.locator('.topbar select');
    const other = await select.evaluate((el: HTMLSelectElement) => Array.from(el.options).find((o) => !o.selected)!.value);
    await select.selectOption(other);

    const failed = page.locator('.scene--failed');
    await failed.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.textContent()).toMatch(
      /^The 3D view could not start \(.+\)\. The figures and the timeline still work\.$/,
    );
    // The panels work on beside it.
    expect(await page.locator('.figures, .period-card').count()).toBeGreaterThan(0);
    await screenshot(page, 'kiosk-scene-failed');
    const errors = await page.evaluate(() => [...(window as unknown as { __sortie: { errors: string[] } }).__sortie.errors]);
    expect(errors.some((e) => e.startsWith('scene: '))).toBe(true);

    // The GPU is back (as after a driver restart); the kiosk restarts by itself, with no touch.
    await page.evaluate(() => {
      const proto = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
      proto.getContext = proto.__realGetContext;
    });
    await page.waitForFunction(
      (r) => {
        const k = document.querySelector<HTMLElement>('.kiosk');
        return k?.dataset.mode === 'attract' && Number(k.dataset.resets) > r;
      },
      resets,
      { timeout: 30_000, polling: 100 },
    );
    expect(await failed.count()).toBe(0);
    // A working scene again: frames are drawn.
    const frame = (await sortie(page))!.frame;
    await page.waitForFunction((f) => (window as unknown as { __sortie: { frame: number } }).__sortie.frame > f + 2, frame, {
      timeout: 60_000,
    });
    expect((await sortie(page))!.errors.filter((e) => !e.startsWith('scene: '))).toEqual([]);
  });
});
