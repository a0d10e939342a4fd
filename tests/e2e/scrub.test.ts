/**
 * Scrubbing: drag the time slider to several instants and check, for each, that the scene's
 * counts and the overlay's figures agree and match the records. The expected day totals are
 * summed here from the campaign file itself.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaignText } from '../../src/records/load.ts';
import { periodTotals } from '../shared/recordTotals.ts';
import { openApp, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

const records = loadCampaignText(
  'big-week-1944.json',
  readFileSync(new URL('../../data/big-week-1944.json', import.meta.url), 'utf8'),
);
if (!records.ok) throw new Error(records.problems.join('\n'));
const dayTotals = (periodId: string) => periodTotals(records.records.periods.find((p) => p.id === periodId)!);

/** Drags the slider's thumb from where it is to `fraction` of the track, as a person would. */
async function dragScrubberTo(page: Page, fraction: number) {
  const slider = page.getByRole('slider', { name: 'Time' });
  const box = (await slider.boundingBox())!;
  const [min, max, now] = await slider.evaluate((el: HTMLInputElement) => [Number(el.min), Number(el.max), Number(el.value)]);
  const thumbX = (v: number) => box.x + 8 + ((v - min) / (max - min)) * (box.width - 16);
  const y = box.y + box.height / 2;
  await page.mouse.move(thumbX(now), y);
  await page.mouse.down();
  await page.mouse.move(thumbX(min + fraction * (max - min)), y, { steps: 8 });
  await page.mouse.up();
}

/** Where on the slider an instant lies, from the slider's range and the clock the app reports. */
async function fractionFor(page: Page, iso: string): Promise<number> {
  const slider = page.getByRole('slider', { name: 'Time' });
  const [min, max, value] = await slider.evaluate((el: HTMLInputElement) => [Number(el.min), Number(el.max), Number(el.value)]);
  const epochMs = (await sortie(page))!.time - value * 1000;
  return ((Date.parse(iso) - epochMs) / 1000 - min) / (max - min);
}

/** Types a clock time into the scrubber's time field, as a visitor would. */
async function typeTime(page: Page, hhmm: string) {
  await page.getByRole('button', { name: 'Type a time to go to' }).click();
  const field = page.getByRole('textbox', { name: 'Go to time (HH:MM)' });
  await field.fill(hhmm);
  await field.press('Enter');
}

/** The figures the overlay shows in its "Day total" row, read from the page as text. */
async function overlayText(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('[data-figure]')).map((el) => [el.dataset.figure!, el.textContent ?? '']),
    ),
  );
}

/** Seeking happens in the input handler; two frames later everything shows the new instant. */
async function settle(page: Page) {
  const before = (await sortie(page))!.frame;
  await page.waitForFunction((f) => (window as unknown as { __sortie: { frame: number } }).__sortie.frame > f + 2, before);
}

describe('scrubbing the timeline of 20 February 1944', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp('/');
    await waitForReady(app.page);
    const play = app.page.getByRole('button', { name: 'Pause' });
    if (await play.count()) await play.click();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the exact state of scene and overlay at each instant dragged to', async () => {
    const page = app.page;
    for (const fraction of [0.05, 0.55, 0.3, 0.8]) {
      await dragScrubberTo(page, fraction);
      await settle(page);
      const state = (await sortie(page))!;
      const text = await overlayText(page);
      // Scene and overlay agree: the lost count on screen is the number of aircraft the scene has dropped.
      expect(state.overlay.lost).toBe(state.lostSoFar);
      expect(text.lost).toBe(String(state.overlay.lost));
      expect(text.dispatched).toBe(String(state.overlay.dispatched));
      expect(text.airborne).toBe(state.visibleAircraft.toLocaleString('en-GB'));
      await screenshot(page, `scrub-${Math.round(fraction * 100)}`);
    }
    // Going back in time undoes losses: nothing accumulates frame by frame.
    await dragScrubberTo(page, await fractionFor(page, '1944-02-20T01:00:00+01:00'));
    await settle(page);
    const early = (await sortie(page))!;
    await dragScrubberTo(page, await fractionFor(page, '1944-02-20T12:00:00+01:00'));
    await settle(page);
    const midday = (await sortie(page))!;
    expect(early.lostSoFar).toBeLessThan(midday.lostSoFar);
    expect(midday.visibleAircraft).toBeGreaterThan(1000);
  });

  it('shows the day’s totals from the records at the end of the day', async () => {
    const page = app.page;
    await dragScrubberTo(page, await fractionFor(page, '1944-02-20T21:00:00+01:00'));
    await typeTime(page, '22:59');
    await settle(page);
    const state = (await sortie(page))!;
    expect(new Date(state.time).toISOString()).toBe('1944-02-20T21:59:00.000Z');
    const expected = dayTotals('1944-02-20');
    expect(state.periodId).toBe('1944-02-20');
    expect(state.overlay).toEqual(expected);
    const text = await overlayText(page);
    expect(text.lost).toBe(String(expected.lost));
    expect(text.claims).toBe(`${expected.claimsDestroyed}–${expected.claimsProbable}–${expected.claimsDamaged}`);
    await screenshot(page, 'scrub-end');
  });

  it('shows nothing lost at the start of the campaign', async () => {
    const page = app.page;
    await page.getByRole('slider', { name: 'Time' }).press('Home');
    await settle(page);
    const state = (await sortie(page))!;
    expect(state.lostSoFar).toBe(0);
    expect(state.overlay.dispatched).toBe(0);
  });
});
