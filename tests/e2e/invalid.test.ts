/**
 * A campaign file with problems: the app lists them (file, JSON path, reason) in a panel and
 * keeps the bundled campaign playing. The file is served through `?src=` from the same origin.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

const bigWeek = readFileSync(new URL('../../data/big-week-1944.json', import.meta.url), 'utf8');

function openWithBrokenFile(name: string, body: string): Promise<OpenedApp> {
  return openApp(`/?src=/${name}`, async (page) => {
    // A predicate, not a glob: the page's own URL ends in `?src=/name` too.
    await page.route(
      (url) => url.pathname === `/${name}`,
      (route) => route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
  });
}

describe('loading an invalid campaign', () => {
  let app: OpenedApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('shows every problem with file and JSON path, and keeps the other campaign usable', async () => {
    const broken = JSON.parse(bigWeek);
    const leipzig = broken.periods[0].missions[1].forces[0];
    leipzig.losses.lost = 420;
    leipzig.route[1] = 'nowhere';
    app = await openWithBrokenFile('broken-campaign.json', JSON.stringify(broken));
    const panel = app.page.getByRole('alert', { name: 'Campaign files with problems' });
    await panel.waitFor({ timeout: 60_000 });
    const text = await panel.innerText();
    expect(text).toContain(
      `broken-campaign.json: periods[0].missions[1].forces[0].losses.lost: 420 exceeds dispatched ${leipzig.dispatched}`,
    );
    expect(text).toContain('broken-campaign.json: periods[0].missions[1].forces[0].route[1]: unknown place "nowhere"');
    await screenshot(app.page, 'invalid-campaign');

    const state = await waitForReady(app.page);
    expect(state.campaignId).toBe('big-week-1944');
    expect(app.pageErrors).toEqual([]);
    await app.page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => app!.page.getByRole('button', { name: /could not be loaded/ }).count()).toBe(1);
  });

  it('explains a file that is not JSON at all', async () => {
    app = await openWithBrokenFile('notes.json', 'Big Week: 20 Feb, 1003 bombers');
    const panel = app.page.getByRole('alert', { name: 'Campaign files with problems' });
    await panel.waitFor({ timeout: 60_000 });
    expect(await panel.innerText()).toMatch(/notes\.json: \(root\): not valid JSON/);
    expect((await sortie(app.page))?.errors ?? []).toEqual([]);
  });
});
