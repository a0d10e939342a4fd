/**
 * Terrain for both theatres: the view shows land, sea and relief where they are, and after a
 * flight across the theatre and back, the renderer holds no more tiles than it did before.
 */
import { decode } from 'fast-png';
import { PerspectiveCamera, Vector3 } from 'three';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { THEATRES, project } from '../../src/geo/projection.ts';
import type { Theatre } from '../../src/records/schema.ts';
import { openApp, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

interface Case {
  campaign: string;
  theatre: Theatre;
  /** Seconds after the clock's start: a daylight moment. */
  at: number;
  land: [number, number][];
  sea: [number, number][];
}

const cases: Case[] = [
  {
    campaign: 'big-week-1944',
    theatre: 'europe-1944',
    at: 13 * 3600, // 12:00 on 20 February
    land: [
      [50.6, 9.2],
      [50.3, 7.5],
      [53.3, 9.5],
    ],
    sea: [
      [55.3, 3.5],
      [50.0, -3.5],
    ],
  },
  {
    campaign: 'korea-1951-strangle',
    theatre: 'korea-1951',
    at: 12 * 3600, // noon on the first day
    land: [
      [36.6, 128.2],
      [40.6, 127.0],
    ],
    sea: [
      [37.0, 124.3],
      [38.5, 130.5],
    ],
  },
];

async function waitForTerrain(page: Page) {
  await page.waitForFunction(
    () => (window as unknown as { __sortie: { terrain: { complete: boolean } } }).__sortie.terrain.complete,
    null,
    {
      timeout: 90_000,
    },
  );
}

async function seekTo(page: Page, offset: number) {
  await page.getByRole('slider', { name: 'Time' }).evaluate((el: HTMLInputElement, s: number) => {
    el.value = String(Number(el.min) + s);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, offset);
}

/** The pixel colour under a place, with the camera the app reports. */
async function colourAt(page: Page, png: ReturnType<typeof decode>, theatre: Theatre, lat: number, lon: number) {
  const state = (await sortie(page))!;
  const camera = new PerspectiveCamera(40, png.width / png.height, 1, 30000);
  camera.position.set(state.camera.x, state.camera.y, state.camera.z);
  camera.lookAt(state.camera.tx, state.camera.ty, state.camera.tz);
  camera.updateMatrixWorld();
  const [x, z] = project(THEATRES[theatre], lat, lon);
  const v = new Vector3(x, 0, z).project(camera);
  const px = Math.round((v.x * 0.5 + 0.5) * png.width);
  const py = Math.round((-v.y * 0.5 + 0.5) * png.height);
  expect(px >= 0 && px < png.width && py >= 0 && py < png.height, `${lat},${lon} on screen`).toBe(true);
  const channels = png.channels;
  const o = (py * png.width + px) * channels;
  return [png.data[o]!, png.data[o + 1]!, png.data[o + 2]!] as const;
}

describe.each(cases)('terrain of $theatre', ({ campaign, theatre, at, land, sea }) => {
  let app: OpenedApp;
  afterAll(async () => {
    await app?.close();
  });

  it('shows land, sea and relief where they are', async () => {
    app = await openApp(`/?campaign=${campaign}`);
    const { page } = app;
    await waitForReady(page);
    const pause = page.getByRole('button', { name: 'Pause' });
    if (await pause.count()) await pause.click();
    await seekTo(page, at);
    await waitForTerrain(page);
    // Style properties, not a <style> tag: the production build's CSP refuses inline style elements.
    const overlays = '.panel, .topbar, .bottombar, .place-labels';
    const setOverlays = (display: string) =>
      page.evaluate(
        ([sel, d]) =>
          document.querySelectorAll<HTMLElement>(sel!).forEach((el) => el.style.setProperty('display', d!, 'important')),
        [overlays, display],
      );
    await setOverlays('none');
    await page.waitForTimeout(500);
    await screenshot(page, `terrain-${theatre}`);
    const png = decode(await page.locator('canvas').screenshot());
    await page.evaluate(
      (sel) => document.querySelectorAll<HTMLElement>(sel).forEach((el) => el.style.removeProperty('display')),
      overlays,
    );
    for (const [lat, lon] of land) {
      const [r, g, b] = await colourAt(page, png, theatre, lat, lon);
      expect(r + g, `land at ${lat},${lon} is ${r},${g},${b}`).toBeGreaterThan(2 * b + 20);
    }
    for (const [lat, lon] of sea) {
      const [r, g, b] = await colourAt(page, png, theatre, lat, lon);
      expect(b, `sea at ${lat},${lon} is ${r},${g},${b}`).toBeGreaterThan(r + 15);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('returns to its tile count after a flight across the theatre', async () => {
    const { page } = app;
    const baseline = (await sortie(page))!;
    const box = (await page.locator('canvas').boundingBox())!;
    // Zoom in towards three corners of the view in turn, then come back.
    for (const [fx, fy] of [
      [0.3, 0.4],
      [0.7, 0.5],
      [0.5, 0.7],
    ]) {
      await page.mouse.move(box.x + box.width * fx!, box.y + box.height * fy!);
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
      await waitForTerrain(page);
      const close = (await sortie(page))!;
      expect(close.terrain.drawn).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Reset view' }).click();
    }
    await waitForTerrain(page);
    await page.waitForTimeout(4500);
    // Idle tiles are released after three seconds without being drawn.
    await page.waitForFunction(
      (b) => {
        const s = (window as unknown as { __sortie: { renderer: { textures: number; geometries: number } } }).__sortie;
        return s.renderer.textures <= b.textures && s.renderer.geometries <= b.geometries;
      },
      baseline.renderer,
      { timeout: 30_000 },
    );
    const after = (await sortie(page))!;
    expect(after.renderer.textures).toBeLessThanOrEqual(baseline.renderer.textures);
    expect(after.renderer.geometries).toBeLessThanOrEqual(baseline.renderer.geometries);
  });
});

describe('switching campaigns', () => {
  it('switches theatre cleanly: the old theatre’s tiles are released', async () => {
    const app = await openApp('/?campaign=big-week-1944');
    try {
      const { page } = app;
      await waitForReady(page);
      await waitForTerrain(page);
      const europe = (await sortie(page))!;
      await page.getByRole('combobox', { name: 'Campaign' }).selectOption('korea-1951-strangle.json');
      await page.waitForFunction(
        () => (window as unknown as { __sortie: { campaignId: string } }).__sortie.campaignId === 'korea-1951-strangle',
      );
      await waitForTerrain(page);
      const korea = (await sortie(page))!;
      expect(korea.terrain.cached).toBeGreaterThan(0);
      // Only Korea's tiles are held now: fewer textures than Europe's opening view needed.
      expect(korea.renderer.textures).toBeLessThan(europe.renderer.textures);
      expect(korea.errors).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
