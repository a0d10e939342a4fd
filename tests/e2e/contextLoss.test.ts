/**
 * WebGL context loss, forced with WEBGL_lose_context: the scene comes back drawing by itself,
 * without a page reload and without console errors, on the same canvas when the browser restores
 * the context, and on a new canvas when it does not.
 *
 * The clock stands still (reduced motion) and quality is pinned (?quality=full), so the frame
 * after recovery can be compared with the frame before the loss pixel by pixel: tiles whose
 * heights were not uploaded again, or a route table left empty, would show.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  canvasImage,
  nextFrames,
  openApp,
  samplePixels,
  screenshot,
  sortie,
  waitForReady,
  type CanvasImage,
  type OpenedApp,
} from './browser';

const PATH = '/?campaign=big-week-1944&quality=full';

interface Probe {
  __marker?: boolean;
  __canvas?: HTMLCanvasElement | null;
  __lose?: WEBGL_lose_context | null;
  __sortie: { contextLost: boolean; contextRestores: number; canvasRemounts: number; frame: number };
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = (
        window as unknown as { __sortie: { terrain: { complete: boolean; drawn: number }; renderer: { triangles: number } } }
      ).__sortie;
      return s.terrain.complete && s.terrain.drawn > 0 && s.renderer.triangles > 0;
    },
    undefined,
    { timeout: 90_000, polling: 250 },
  );
  // Let the controls' damping come to rest and a few whole frames be drawn.
  await nextFrames(page, 5);
}

/** Fraction of pixels that differ by more than `tolerance` in some channel. */
function differing(a: CanvasImage, b: CanvasImage, tolerance = 24): number {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    if (
      Math.abs(a.data[i]! - b.data[i]!) > tolerance ||
      Math.abs(a.data[i + 1]! - b.data[i + 1]!) > tolerance ||
      Math.abs(a.data[i + 2]! - b.data[i + 2]!) > tolerance
    )
      n++;
  return n / (a.width * a.height);
}

async function open(): Promise<{ app: OpenedApp; before: CanvasImage; textures: number }> {
  const app = await openApp(PATH, (page) => page.emulateMedia({ reducedMotion: 'reduce' }));
  const { page } = app;
  await waitForReady(page);
  await settled(page);
  const before = await canvasImage(page);
  const textures = (await sortie(page))!.renderer.textures;
  // Marks on this page and its canvas: a reload would drop the first, a remount change the second.
  await page.evaluate(() => {
    const w = window as unknown as Probe;
    w.__marker = true;
    w.__canvas = document.querySelector<HTMLCanvasElement>('.scene canvas');
    w.__lose = w.__canvas?.getContext('webgl2')?.getExtension('WEBGL_lose_context') ?? null;
    if (!w.__lose) throw new Error('no WEBGL_lose_context');
    w.__lose.loseContext();
  });
  await page.waitForFunction(() => (window as unknown as Probe).__sortie.contextLost, undefined, { timeout: 10_000 });
  return { app, before, textures };
}

describe('WebGL context loss', () => {
  let app: OpenedApp | undefined;

  afterEach(async () => {
    if (app) {
      await screenshot(app.page, `context-loss-${expect.getState().currentTestName ?? ''}`).catch(() => undefined);
      await app.close();
      app = undefined;
    }
  });

  it('recovers on the same canvas when the browser restores the context', async () => {
    const opened = await open();
    app = opened.app;
    const { page } = app;
    // Lost for a moment, then given back.
    await page.waitForTimeout(1000);
    await page.evaluate(() => (window as unknown as Probe).__lose!.restoreContext());
    await page.waitForFunction(
      () => {
        const s = (window as unknown as Probe).__sortie;
        return !s.contextLost && s.contextRestores === 1;
      },
      undefined,
      { timeout: 10_000 },
    );
    const frame = (await sortie(page))!.frame;
    await settled(page);
    const state = (await sortie(page))!;
    expect(state.frame).toBeGreaterThan(frame);
    expect(state.ready).toBe(true);
    expect(state.renderer.triangles).toBeGreaterThan(0);
    // Textures are on the GPU again: those drawn (tiles held but hidden go up when next drawn).
    expect(state.renderer.textures).toBeGreaterThan(0);
    expect(state.renderer.textures).toBeLessThanOrEqual(opened.textures);
    expect([state.contextLosses, state.contextRestores, state.canvasRemounts]).toEqual([1, 1, 0]);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as Probe;
        return w.__marker === true && w.__canvas === document.querySelector('.scene canvas');
      }),
      'same page, same canvas',
    ).toBe(true);
    const after = await canvasImage(page);
    expect(differing(opened.before, after)).toBeLessThan(0.01);
    expect((await samplePixels(page)).distinctColours).toBeGreaterThanOrEqual(8);
    expect(state.errors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('mounts a new canvas when the context does not come back', async () => {
    const opened = await open();
    app = opened.app;
    const { page } = app;
    await page.waitForFunction(() => (window as unknown as Probe).__sortie.canvasRemounts === 1, undefined, { timeout: 20_000 });
    await page.waitForFunction(
      () => {
        const c = document.querySelector<HTMLCanvasElement>('.scene canvas');
        return c !== null && c !== (window as unknown as Probe).__canvas;
      },
      undefined,
      { timeout: 10_000 },
    );
    const frame = (await sortie(page))!.frame;
    await settled(page);
    const state = (await sortie(page))!;
    expect(state.frame).toBeGreaterThan(frame);
    expect(state.ready).toBe(true);
    expect(state.contextLost).toBe(false);
    expect(state.renderer.textures).toBeGreaterThan(0);
    expect([state.contextLosses, state.contextRestores, state.canvasRemounts]).toEqual([1, 0, 1]);
    expect(await page.evaluate(() => (window as unknown as Probe).__marker === true), 'same page').toBe(true);
    // The new canvas opens on the campaign's view, as the first did.
    expect(differing(opened.before, await canvasImage(page))).toBeLessThan(0.01);
    expect(state.errors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
