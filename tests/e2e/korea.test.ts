/**
 * The Korean campaign in the browser: a month of the railway interdiction plays as aircraft
 * generated from its recorded figures. Picking a month and seeking to a daytime instant shows
 * fighter-bombers in the air and exactly the losses the scene has dropped by then; at the end of
 * the month every recorded loss has fallen. Expected counts come from compiling the campaign file
 * here, with the same code the app runs.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { countValue } from '../../src/records/counts.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import { airborneAt, periodLostAt } from '../../src/timeline/periodFigures.ts';
import { openApp, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

const loaded = loadCampaignText(
  'korea-1951-strangle.json',
  readFileSync(new URL('../../data/korea-1951-strangle.json', import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const records = loaded.records;
const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
const secs = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const november = records.periods.find((p) => p.id === '1951-11')!;
const recordedLost = countValue(november.metrics.find((m) => m.key === 'usaf-fb-lost-to-aaa')!.value);

/** Sets the time slider to `seconds` after the plan epoch, as dragging it would, and waits for the frames that show it. */
async function seekTo(page: Page, seconds: number) {
  await page.getByRole('slider', { name: 'Time' }).evaluate((el: HTMLInputElement, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, seconds);
  await page.waitForFunction(
    (ms) => (window as unknown as { __sortie: { time: number } }).__sortie.time === ms,
    plan.epochMs + seconds * 1000,
  );
  const frame = (await sortie(page))!.frame;
  await page.waitForFunction((f) => (window as unknown as { __sortie: { frame: number } }).__sortie.frame > f + 2, frame);
}

describe('the Korean campaign, month by month', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp('/?campaign=korea-1951-strangle');
    await waitForReady(app.page);
    const pause = app.page.getByRole('button', { name: 'Pause' });
    if (await pause.count()) await pause.click();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows November 1951 by day: fighter-bombers in the air and the losses so far', async () => {
    const page = app.page;
    await page.getByRole('button', { name: november.label, exact: true }).first().click();
    await page.waitForFunction(() => (window as unknown as { __sortie: { periodId: string } }).__sortie.periodId === '1951-11');
    const t = secs('1951-11-15T11:00:00+09:00');
    const expectedLost = periodLostAt(plan, november.id, t);
    // The instant is worth testing: aircraft up, some of the month's losses already down, not all.
    expect(airborneAt(plan, t)).toBeGreaterThan(0);
    expect(expectedLost).toBeGreaterThan(0);
    expect(expectedLost).toBeLessThan(recordedLost);

    await seekTo(page, t);
    const state = (await sortie(page))!;
    expect(state.campaignId).toBe('korea-1951-strangle');
    expect(state.periodId).toBe('1951-11');
    expect(state.visibleAircraft).toBeGreaterThan(0);
    expect(state.visibleAircraft).toBe(airborneAt(plan, t));
    expect(state.lostSoFar).toBe(expectedLost);
    expect(state.errors).toEqual([]);
    // The period card says what is recorded and what is schematic.
    await expect.poll(() => page.locator('[data-note="schematic-flows"]').innerText()).toMatch(/recorded sorties.*schematic/);
    await screenshot(page, 'korea-1951-11-day');
  });

  it('has dropped every recorded loss of the month by its end', async () => {
    const page = app.page;
    const t = secs(november.end) - 60;
    await seekTo(page, t);
    const state = (await sortie(page))!;
    expect(state.periodId).toBe('1951-11');
    expect(state.lostSoFar).toBe(periodLostAt(plan, november.id, t));
    // The fighter-bombers the U.S. history records shot down, and the MiG-15s the Volunteer Air Force lost that month.
    expect(state.lostSoFar).toBeGreaterThanOrEqual(recordedLost);
  });

  it('shows the night: intruders in the air, trains on the line', async () => {
    const page = app.page;
    const t = secs('1951-11-20T23:00:00+09:00');
    await seekTo(page, t);
    const state = (await sortie(page))!;
    expect(state.visibleAircraft).toBe(airborneAt(plan, t));
    expect(state.visibleAircraft).toBeGreaterThan(0);
    expect(state.lostSoFar).toBe(periodLostAt(plan, november.id, t));
    await screenshot(page, 'korea-1951-11-night');
  });
});
