/**
 * The timeline as a visitor drives it: keyboard, zoom, jumping between events, the mission log,
 * and the figures at the end of every day of Big Week and of three months of Korea.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMetricValue } from '../../src/overlays/FiguresPanel.tsx';
import { loadCampaignText } from '../../src/records/load.ts';
import type { CampaignFile } from '../../src/records/schema.ts';
import { periodTotals } from '../shared/recordTotals.ts';
import {
  nextFrames,
  openApp,
  overlayFigures,
  pause,
  planSeconds,
  seekSlider,
  sortie,
  waitForReady,
  type OpenedApp,
} from './browser';

function records(file: string): CampaignFile {
  const loaded = loadCampaignText(file, readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.records;
}
const bigWeek = records('big-week-1944.json');
const korea = records('korea-1951-strangle.json');

const sliderValue = (page: Page) =>
  page.getByRole('slider', { name: 'Time' }).evaluate((el: HTMLInputElement) => Number(el.value));
const playing = async (page: Page) => (await page.locator('.scrubber__play').getAttribute('data-playing')) === 'true';

describe('the timeline of Big Week', () => {
  let app: OpenedApp;
  let page: Page;
  beforeAll(async () => {
    app = await openApp('/?campaign=big-week-1944');
    page = app.page;
    await waitForReady(page);
    await pause(page);
  });
  afterAll(async () => app?.close());

  it('plays and pauses with Space, goes by period with Shift+arrows and to the ends with Home and End', async () => {
    const slider = page.getByRole('slider', { name: 'Time' });
    await slider.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page)).toBe(false);

    const feb21 = await planSeconds(page, bigWeek.periods[1]!.start);
    await seekSlider(page, (await planSeconds(page, bigWeek.periods[0]!.start)) + 3600);
    await slider.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await nextFrames(page);
    expect((await sortie(page))!.periodId).toBe(bigWeek.periods[1]!.id);
    expect(await sliderValue(page)).toBe(feb21);

    await page.keyboard.press('Home');
    await nextFrames(page);
    expect(await sliderValue(page)).toBe(Number(await slider.getAttribute('min')));
    await page.keyboard.press('End');
    await nextFrames(page);
    expect(await sliderValue(page)).toBe(Number(await slider.getAttribute('max')));
  });

  it('zooms from the campaign to a day and to one mission, whose chapters it names', async () => {
    await seekSlider(page, await planSeconds(page, '1944-02-20T12:00:00+01:00'));
    const zoom = page.getByRole('group', { name: 'Timeline zoom' });
    await zoom.getByRole('button', { name: 'Day' }).click();
    await expect.poll(() => zoom.getByRole('button', { name: 'Day' }).getAttribute('aria-pressed')).toBe('true');
    // A day reads by its hours.
    await expect.poll(() => page.locator('.timeline__tick text').allTextContents()).toContain('12:00');
    await zoom.getByRole('button', { name: 'Mission' }).click();
    // Named on the track where they fit, by their initial where not; the full name on hover.
    await expect
      .poll(() => page.locator('.timeline__chapter title').allTextContents())
      .toEqual([
        expect.stringMatching(/^Assembly/),
        expect.stringMatching(/^Rendezvous/),
        expect.stringMatching(/^Target/),
        expect.stringMatching(/^Withdrawal/),
      ]);
    expect(await page.locator('.timeline__chapter text').allTextContents()).toContain('Assembly');
    await zoom.getByRole('button', { name: 'Campaign' }).click();
    await expect.poll(() => page.locator('.timeline__period').count()).toBe(bigWeek.periods.length);
  });

  it('seeks where the track is clicked', async () => {
    const track = page.locator('.timeline__svg');
    const box = (await track.boundingBox())!;
    const [min, max] = await page
      .getByRole('slider', { name: 'Time' })
      .evaluate((el: HTMLInputElement) => [Number(el.min), Number(el.max)]);
    await track.click({ position: { x: box.width * 0.25, y: box.height / 2 } });
    await nextFrames(page);
    const expected = min + 0.25 * (max - min);
    // One pixel of the track is this many seconds: the click lands within it.
    expect(Math.abs((await sliderValue(page)) - expected)).toBeLessThanOrEqual((max - min) / box.width + 60);
  });

  it('jumps to the next loss, which the scene then shows', async () => {
    await seekSlider(page, await planSeconds(page, '1944-02-20T11:00:00+01:00'));
    const before = (await sortie(page))!.lostSoFar;
    await page.getByRole('combobox', { name: 'Jump to' }).selectOption('loss');
    await page.getByRole('button', { name: 'Next loss' }).click();
    await nextFrames(page);
    expect((await sortie(page))!.lostSoFar).toBe(before + 1);
    await page.getByRole('button', { name: 'Previous loss' }).click();
    await nextFrames(page);
    expect((await sortie(page))!.lostSoFar).toBeLessThan(before + 1);
  });

  it('keeps a mission log that follows the clock', async () => {
    await seekSlider(page, await planSeconds(page, '1944-02-20T14:00:00+01:00'));
    const entries = await page.getByRole('region', { name: 'Mission log' }).locator('li').allTextContents();
    expect(entries.length).toBeGreaterThan(0);
    const lost = (await sortie(page))!.lostSoFar;
    expect(entries[0]).toMatch(/^\d\d:\d\d, .+; \d+ lost so far$/);
    expect(Number(/(\d+) lost so far/.exec(entries[0]!)![1])).toBeLessThanOrEqual(lost);
    await expect.poll(() => page.getByRole('status').count()).toBeGreaterThan(0);
  });

  it('gives every control of the transport a touch target of at least 48 px', async () => {
    const boxes = await page
      .locator('.bottombar button, .bottombar select')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            [
              el.getAttribute('aria-label') ?? el.textContent,
              el.getBoundingClientRect().height,
              el.getBoundingClientRect().width,
            ] as const,
        ),
      );
    for (const [name, height, width] of boxes) {
      expect(height, String(name)).toBeGreaterThanOrEqual(48);
      expect(width, String(name)).toBeGreaterThanOrEqual(48);
    }
  });

  it('shows each day’s totals from the records at the end of that day', async () => {
    for (const period of bigWeek.periods) {
      await seekSlider(page, Math.floor(((await planSeconds(page, period.end)) - 60) / 60) * 60);
      const state = (await sortie(page))!;
      expect(state.periodId).toBe(period.id);
      const shown = await overlayFigures(page);
      const expected = periodTotals(period);
      expect(Number(shown.dispatched), `${period.id} dispatched`).toBe(expected.dispatched);
      expect(Number(shown.lost), `${period.id} lost`).toBe(expected.lost);
      expect(state.lostSoFar, `${period.id} lost in the scene`).toBe(expected.lost);
      expect(Number(shown.damaged), `${period.id} damaged`).toBe(expected.damaged);
      expect(Number(shown.damagedBeyondRepair), `${period.id} DBR`).toBe(expected.damagedBeyondRepair);
      expect(shown.claims, `${period.id} claims`).toBe(
        `${expected.claimsDestroyed}–${expected.claimsProbable}–${expected.claimsDamaged}`,
      );
    }
  });
});

describe('the months of the Korean campaign', () => {
  let app: OpenedApp;
  let page: Page;
  beforeAll(async () => {
    app = await openApp('/?campaign=korea-1951-strangle');
    page = app.page;
    await waitForReady(page);
    await pause(page);
  });
  afterAll(async () => app?.close());

  it('show each month’s recorded figures, as the source states them, at the end of the month', async () => {
    for (const id of ['1951-09', '1951-10', '1951-11']) {
      const period = korea.periods.find((p) => p.id === id)!;
      await seekSlider(page, Math.floor(((await planSeconds(page, period.end)) - 3600) / 60) * 60);
      expect((await sortie(page))!.periodId).toBe(id);
      const panel = page.getByRole('region', { name: 'Figures for the period' });
      const text = (await panel.textContent()) ?? '';
      for (const metric of period.metrics) {
        expect(text, `${id} ${metric.key}`).toContain(metric.label);
        expect(text, `${id} ${metric.key}`).toContain(formatMetricValue(metric));
      }
    }
  });
});
