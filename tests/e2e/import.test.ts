/**
 * A visitor's own campaign files, opened by dropping them on the page or with the file picker:
 * a valid file joins the campaign selector and plays, on the theatre its records name; an
 * invalid one lists `file: JSON path: reason` in the problems panel, which takes focus and gives
 * it back; an oversized one is refused at once by its size; markup in a record stays text.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFrames, openApp, planSeconds, screenshot, seekSlider, sortie, waitForReady, type OpenedApp } from './browser';

const data = (name: string) => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8'));
const MARKUP = '<img src=x onerror="window.__xss = true">';

/** One day of Big Week (20 February) as a campaign of its own, with markup in its title and a place name. */
function bigWeekDay(title: string) {
  const file = data('big-week-1944.json');
  file.campaign.id = 'my-big-week-day';
  file.campaign.title = title;
  file.periods = [file.periods[1]];
  file.places[0].name = `${file.places[0].name} ${MARKUP}`;
  return file;
}

interface DroppedFile {
  name: string;
  text?: string;
  /** A file of this many bytes (spaces), made in the page rather than sent to it. */
  bytes?: number;
}

/** Drags `files` onto the page and drops them, as the browser does for files from the desktop. */
async function drop(page: Page, files: DroppedFile[]): Promise<void> {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list)
      transfer.items.add(
        new File([f.bytes !== undefined ? new Uint8Array(f.bytes).fill(0x20) : (f.text ?? '')], f.name, {
          type: 'application/json',
        }),
      );
    const target = document.querySelector('.scene') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

/** Waits until the app shows the campaign `id`, ready. */
async function showing(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const s = (window as unknown as { __sortie?: { campaignId: string | null; ready: boolean } }).__sortie;
      return s?.ready === true && s.campaignId === want;
    },
    id,
    { timeout: 120_000, polling: 250 },
  );
}

/** The campaign clock moves on: the campaign plays. */
async function plays(page: Page): Promise<void> {
  const before = (await sortie(page))!.time;
  await nextFrames(page, 3);
  await expect.poll(async () => (await sortie(page))!.time, { timeout: 30_000 }).toBeGreaterThan(before);
}

/** Presses Play if the clock is paused (the button shows the clock's state once a frame has drawn it). */
async function playIfPaused(page: Page): Promise<void> {
  await nextFrames(page, 2);
  const button = page.locator('.scrubber__play');
  if ((await button.getAttribute('data-playing')) === 'false') await button.click();
}

const campaignOptions = (page: Page) =>
  page.locator('select[aria-label=Campaign] option').evaluateAll((options) => options.map((o) => o.textContent));

describe('opening your own campaign files', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp('/');
    await waitForReady(app.page);
  });

  afterAll(async () => {
    if (app) {
      await screenshot(app.page, 'import').catch(() => undefined);
      await app.close();
    }
  });

  it('outlines the page while files are held over it', async () => {
    const { page } = app;
    const drag = (type: string) =>
      page.evaluate((t) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['{}'], 'held.json', { type: 'application/json' }));
        document.body.dispatchEvent(new DragEvent(t, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, type);
    await drag('dragenter');
    await page.locator('.drop-zone').waitFor();
    expect(await page.locator('.drop-zone').innerText()).toContain('Drop campaign files to open them');
    await screenshot(page, 'import-dragging');
    await drag('dragleave');
    await expect.poll(() => page.locator('.drop-zone').count()).toBe(0);
  });

  it('refuses an oversized file at once, by its size, and keeps playing', async () => {
    const { page } = app;
    const t = Date.now();
    await drop(page, [{ name: 'huge.json', bytes: 6 * 1024 * 1024 }]);
    const panel = page.getByRole('alert', { name: 'Campaign files with problems' });
    await expect
      .poll(() => panel.innerText(), { timeout: 10_000 })
      .toContain('huge.json: (root): file is 6 MB (6,291,456 bytes); the limit is 5 MB (5,242,880 bytes)');
    const elapsed = Date.now() - t;
    expect(elapsed).toBeLessThan(5000);
    expect((await sortie(page))!.campaignId).toBe('big-week-1944');
    await plays(page);
    // Dismissed, the file is gone from the panel, and the panel with it.
    await page.getByRole('button', { name: 'Dismiss huge.json' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    console.log(`oversized file refused in ${elapsed} ms`);
  });

  it('lists an invalid file as file: JSON path: reason, path marked, and manages focus', async () => {
    const { page } = app;
    const broken = data('big-week-1944.json');
    const leipzig = broken.periods[0].missions[1].forces[0];
    leipzig.losses.lost = 420;
    leipzig.route[1] = 'nowhere';
    broken.places[0][MARKUP] = 1;
    await drop(page, [{ name: 'broken.json', text: JSON.stringify(broken) }]);
    const panel = page.getByRole('alert', { name: 'Campaign files with problems' });
    await panel.waitFor({ timeout: 60_000 });
    const text = await panel.innerText();
    expect(text).toContain('broken.json: places[0]: unknown field "<img src=x onerror="window.__xss = true">"');
    await screenshot(page, 'import-problems');

    // Schema problems stop the file before the cross-checks; fix them and the cross-checks speak.
    delete broken.places[0][MARKUP];
    await drop(page, [{ name: 'broken.json', text: JSON.stringify(broken) }]);
    await expect
      .poll(() => panel.innerText())
      .toContain(`broken.json: periods[0].missions[1].forces[0].losses.lost: 420 exceeds dispatched ${leipzig.dispatched}`);
    expect(await panel.innerText()).toContain('broken.json: periods[0].missions[1].forces[0].route[1]: unknown place "nowhere"');
    expect(await panel.locator('mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['periods[0].missions[1].forces[0].losses.lost', 'periods[0].missions[1].forces[0].route[1]']),
    );
    // Re-opening the same name replaced the first version: one file listed.
    expect(await panel.getByRole('heading', { level: 3 }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss)).toBeUndefined();

    // The panel took focus; Escape closes it and focus goes to the button that reopens it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await page.keyboard.press('Escape');
    const toggle = page.getByRole('button', { name: /could not be loaded/ });
    await toggle.waitFor();
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await sortie(page))!.campaignId).toBe('big-week-1944');
    expect(app.pageErrors).toEqual([]);
  });

  it('adds a dropped valid file to the campaigns and plays it; its markup stays text', async () => {
    const { page } = app;
    const title = `Big Week, one day ${MARKUP}`;
    await drop(page, [{ name: 'mine.json', text: JSON.stringify(bigWeekDay(title)) }]);
    // The status line says so (for a few seconds), before the scene has drawn the campaign.
    await expect
      .poll(() => page.locator('.import-status').innerText(), { timeout: 60_000, interval: 100 })
      .toBe(`Opened mine.json: ${title}`);
    await showing(page, 'my-big-week-day');
    await plays(page);
    expect(await campaignOptions(page)).toContain(title);
    const place = bigWeekDay(title).places[0].name as string;
    // Markup in records is shown as text wherever it appears, and never becomes an element.
    expect(await page.evaluate((p) => document.body.innerText.includes(p) || document.body.textContent!.includes(p), place)).toBe(
      true,
    );
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss)).toBeUndefined();

    // The same name again replaces it. The address keeps the moment on screen, so the corrected
    // version opens there, paused, as a shared link does.
    await drop(page, [{ name: 'mine.json', text: JSON.stringify(bigWeekDay('Big Week, one day, corrected')) }]);
    await expect.poll(() => campaignOptions(page), { timeout: 60_000 }).toContain('Big Week, one day, corrected');
    expect(await campaignOptions(page)).not.toContain(title);
    await showing(page, 'my-big-week-day');
    // Back to the start of its day (the first version may have played to its end), and on.
    await seekSlider(page, await planSeconds(page, bigWeekDay(title).periods[0].start));
    await playIfPaused(page);
    await plays(page);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a file from the picker, on the theatre its records name', async () => {
    const { page } = app;
    const korea = data('korea-1951-strangle.json');
    korea.campaign.id = 'my-korea';
    korea.campaign.title = 'My Korea';
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open a campaign file…' }).click(),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name: 'my-korea.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(korea)) });
    await showing(page, 'my-korea');
    await plays(page);
    const imported = (await sortie(page))!;

    // The bundled Korean campaign, the same records under another name, frames the same view of the same map.
    await page.selectOption('select[aria-label=Campaign]', 'korea-1951-strangle.json');
    await showing(page, 'korea-1951-strangle');
    const bundled = (await sortie(page))!;
    for (const k of ['tx', 'tz'] as const) expect(imported.camera[k]).toBeCloseTo(bundled.camera[k], 0);
    await screenshot(page, 'import-korea');
    expect(app.pageErrors).toEqual([]);
  });
});
