/**
 * Offline: after the first load the service worker has precached every file of the build, and
 * with the browser offline the app reloads, opens both theatres' campaigns and draws their
 * terrain, every request answered by the service worker and none failing.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, openApp, samplePixels, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = resolve(root, process.env.SORTIE_DIST ?? 'dist');

/** Every file of the build, as URL paths; the service worker itself is not precached. */
async function builtFiles(dir: string): Promise<{ path: string; bytes: number }[]> {
  const out: { path: string; bytes: number }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = '/' + relative(dir, full).split(sep).join('/');
    if (path === '/sw.js' || path.startsWith('/config/')) continue;
    out.push({ path, bytes: (await stat(full)).size });
  }
  // Code-unit order, as Array.prototype.sort orders the cached paths.
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function waitForTerrain(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = (window as unknown as { __sortie: { terrain: { complete: boolean; drawn: number } } }).__sortie.terrain;
      return t.complete && t.drawn > 0;
    },
    undefined,
    { timeout: 90_000, polling: 250 },
  );
}

async function waitForCampaign(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (want) => (window as unknown as { __sortie: { campaignId: string | null } }).__sortie.campaignId === want,
    id,
    { timeout: 90_000, polling: 250 },
  );
}

describe('offline: after the first load the app runs with the network unplugged', () => {
  let app: OpenedApp;
  const failed: string[] = [];
  const fromNetwork: string[] = [];
  let offline = false;

  beforeAll(async () => {
    app = await openApp('/?campaign=big-week-1944');
    const { page } = app;
    page.on('requestfailed', (r: Request) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? '?'}`));
    page.on('response', (r: Response) => {
      if (offline && /^https?:/.test(r.url()) && !r.fromServiceWorker()) fromNetwork.push(r.url());
    });
    await waitForReady(page);
    // Installed, precache complete (install waits for it), and in control of this page.
    await page.waitForFunction(
      () =>
        navigator.serviceWorker.controller !== null &&
        (window as unknown as { __sortie: { serviceWorker: { state: string } } }).__sortie.serviceWorker.state === 'ready',
      undefined,
      { timeout: 180_000, polling: 500 },
    );
  });

  afterAll(async () => {
    if (app) {
      await screenshot(app.page, 'offline').catch(() => undefined);
      await app.close();
    }
  });

  it('precaches every file of the build', async () => {
    const cached = await app.page.evaluate(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith('workbox-precache'));
      if (!name) return [];
      const requests = await (await caches.open(name)).keys();
      return requests.map((r) => new URL(r.url).pathname);
    });
    const files = await builtFiles(distDir);
    expect([...new Set(cached)].sort()).toEqual(files.map((f) => f.path));
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    const tiles = files.filter((f) => /\.png$/.test(f.path)).length;
    console.info(`precache: ${files.length} files (${tiles} terrain tiles), ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
  });

  it('reloads offline, opens both campaigns and draws their terrain, every request from the service worker', async () => {
    const { page } = app;
    await page.context().setOffline(true);
    offline = true;
    // The same page again (a navigation with a query: the app shell from the precache).
    await page.reload({ waitUntil: 'load', timeout: 60_000 });
    const europe = await waitForReady(page);
    expect(europe.campaignId).toBe('big-week-1944');
    await waitForTerrain(page);

    // The other theatre within the page: its campaign's chunks and its tiles, loaded lazily.
    await page.getByRole('combobox', { name: 'Campaign' }).selectOption('korea-1951-strangle.json');
    await waitForCampaign(page, 'korea-1951-strangle');
    await waitForTerrain(page);

    // A new navigation, with another query: the app shell again.
    await page.goto(new URL('?campaign=korea-1951-strangle', baseURL()).href, { waitUntil: 'load', timeout: 60_000 });
    const korea = await waitForReady(page);
    expect(korea.campaignId).toBe('korea-1951-strangle');
    await waitForTerrain(page);

    // config/kiosk.json is read fresh at every start, not precached: cached as it passed through.
    if (existsSync(join(distDir, 'config/kiosk.json')))
      expect(await page.evaluate(() => fetch('config/kiosk.json', { cache: 'no-cache' }).then((r) => r.status))).toBe(200);

    const state = (await sortie(page))!;
    const pixels = await samplePixels(page);
    expect(pixels.distinctColours, JSON.stringify(pixels)).toBeGreaterThanOrEqual(8);
    expect(state.terrain.drawn).toBeGreaterThan(0);
    expect(state.errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(fromNetwork).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
