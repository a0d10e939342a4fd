import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, samplePixels, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

describe('smoke: the built app loads and draws', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp('/');
    await waitForReady(app.page);
  });

  afterAll(async () => {
    if (app) {
      await screenshot(app.page, 'smoke').catch(() => undefined);
      await app.close();
    }
  });

  it('loads / without errors and opens the default campaign', async () => {
    const state = await sortie(app.page);
    expect(app.consoleErrors).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(state).not.toBeNull();
    expect(state!.ready).toBe(true);
    expect(state!.errors).toEqual([]);
    expect(state!.campaignId).toBe('big-week-1944');
  });

  it('renders a canvas that is not blank', async () => {
    const stats = await samplePixels(app.page);
    const state = await sortie(app.page);
    expect(stats.distinctColours, JSON.stringify(stats)).toBeGreaterThanOrEqual(8);
    expect(state!.renderer.triangles).toBeGreaterThan(0);
  });
});
