/**
 * Presentation mode end to end: the attract loop plays a tour with a caption and "Touch to
 * explore"; a tap hands the app to the visitor (large touch targets, "Back to the tour"); after
 * the idle timeout a countdown returns to the next tour with everything the visitor changed put
 * back; a touch during the countdown cancels it; the kiosk guards hold.
 *
 * The idle timeout is shortened with the test hooks (`idle`, `countdown`: src/kiosk/config.ts),
 * but kept long enough for the visitor's steps on a loaded machine under SwiftShader.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchBrowser, screenshot, sortie, VIEWPORT, waitForReady } from './browser';

const IDLE_S = 30;
const COUNTDOWN_S = 8;

const kioskMode = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('.kiosk')?.dataset.mode ?? null);
const waitForMode = (page: Page, mode: string, timeout = 60_000) =>
  page.waitForFunction((m) => document.querySelector<HTMLElement>('.kiosk')?.dataset.mode === m, mode, { timeout, polling: 100 });

describe('kiosk: attract loop, a visitor, idle reset', () => {
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, hasTouch: true });
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text().slice(0, 300));
    });
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await page.goto(new URL(`?mode=kiosk&idle=${IDLE_S}&countdown=${COUNTDOWN_S}`, baseURL()).href, { waitUntil: 'load' });
    await waitForReady(page);
    await waitForMode(page, 'attract');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('plays a tour: caption, moving camera and clock, the app panels out of the way', async () => {
    const caption = page.locator('.kiosk-caption');
    await caption.waitFor({ state: 'visible' });
    expect(await page.locator('.kiosk-caption__title').textContent()).toBe('A battle for the air');
    expect((await page.locator('.kiosk-caption__text').textContent())!.length).toBeGreaterThan(40);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.topbar')!).visibility)).toBe('hidden');

    const before = (await sortie(page))!;
    await page.waitForFunction(
      ([t, x]) => {
        const s = (window as unknown as { __sortie: { time: number; camera: { x: number } } }).__sortie;
        return s.time > t && s.camera.x !== x;
      },
      [before.time, before.camera.x] as const,
      { timeout: 60_000, polling: 200 },
    );
    expect((await sortie(page))!.campaignId).toBe('big-week-1944');
    await screenshot(page, 'kiosk-attract');
  });

  it('says "Touch to explore", in the other languages too', async () => {
    const cta = page.getByRole('button', { name: 'Touch to explore' });
    expect(await cta.isVisible()).toBe(true);
    const box = (await cta.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(80);
    expect(await page.locator('.kiosk-cta__others').textContent()).toContain('Zum Erkunden berühren');
  });

  let tour: string | undefined;

  it('a tap hands over: the app with large touch targets and "Back to the tour"', async () => {
    tour = await page.evaluate(() => document.querySelector<HTMLElement>('.kiosk')!.dataset.tour);
    await page.touchscreen.tap(VIEWPORT.width * 0.6, VIEWPORT.height * 0.35);
    await waitForMode(page, 'visitor', 10_000);
    // The visitor changes what they can, straight away (each touch restarts the idle timeout): a day, the charts, the language.
    await page.locator('.topbar__periods button').nth(4).click();
    await page.getByRole('button', { name: 'Charts' }).click();
    await page.locator('.kiosk-dock').getByRole('button', { name: 'Deutsch' }).click();
    await page.locator('.charts').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => document.documentElement.lang === 'de', undefined, { timeout: 30_000 });
    expect((await sortie(page))!.periodId).toBe('1944-02-24');
    // The waking tap picked nothing on the map.
    expect(await page.locator('.explore-details').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Zurück zur Führung' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.topbar')!).visibility)).toBe('visible');

    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('button, select, input:not([type=range]), summary, a[href]'))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && (r.width < 47.5 || r.height < 47.5);
        })
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`,
        ),
    );
    expect(small).toEqual([]);
    await screenshot(page, 'kiosk-visitor');
  });

  it('after the idle timeout, a countdown returns to the next tour with everything reset', async () => {
    await waitForMode(page, 'countdown', (IDLE_S + 30) * 1000);
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toMatch(/Die Führung beginnt wieder in \d/);
    // The overlay fades in: shot once it has (its own animation, not the dial's).
    await page.evaluate(() => Promise.all(document.querySelector('.kiosk-countdown')!.getAnimations().map((a) => a.finished)));
    await screenshot(page, 'kiosk-countdown');

    await waitForMode(page, 'attract', (COUNTDOWN_S + 30) * 1000);
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('.kiosk')!.dataset.tour)).not.toBe(tour);
    await page.waitForFunction(
      () =>
        (window as unknown as { __sortie: { campaignId: string; ready: boolean } }).__sortie.campaignId === 'korea-1951-strangle',
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 30_000 });
    expect(await page.locator('.charts').count()).toBe(0);
    expect(await page.locator('.kiosk-caption__title').textContent()).toBe('An air blockade');
    // The clock is the tour's: its first chapter starts on 18 August 1951.
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __sortie: { time: number; periodId: string } }).__sortie;
        return s.periodId === '1951-08' && s.time >= Date.parse('1951-08-18T00:00:00+09:00');
      },
      undefined,
      { timeout: 60_000 },
    );
  });

  it('a touch during the countdown cancels it; "Back to the tour" returns to the tour', async () => {
    await page.touchscreen.tap(VIEWPORT.width * 0.5, VIEWPORT.height * 0.3);
    await waitForMode(page, 'visitor', 10_000);
    await waitForMode(page, 'countdown', (IDLE_S + 30) * 1000);
    await page.touchscreen.tap(VIEWPORT.width * 0.5, VIEWPORT.height * 0.2);
    await waitForMode(page, 'visitor', 10_000);
    await page.waitForTimeout((COUNTDOWN_S + 1) * 1000);
    expect(await kioskMode(page)).toBe('visitor');
    await page.getByRole('button', { name: 'Back to the tour' }).click();
    await waitForMode(page, 'attract', 10_000);
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('.kiosk')!.dataset.tour)).toBe('korea-strangle');
  });

  it('guards: no context menu, no page zoom, no way off the page, no selection', async () => {
    const result = await page.evaluate(() => {
      const cancelled = (e: Event) => !document.body.dispatchEvent(e);
      const link = document.createElement('a');
      link.href = 'https://example.org/';
      link.textContent = 'elsewhere';
      document.querySelector('.kiosk')!.appendChild(link);
      const click = new MouseEvent('click', { bubbles: true, cancelable: true });
      const leftByLink = !link.dispatchEvent(click);
      link.remove();
      return {
        contextMenu: cancelled(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
        ctrlWheel: cancelled(new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 })),
        zoomKey: cancelled(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ctrlKey: true, key: '+' })),
        drop: cancelled(new DragEvent('drop', { bubbles: true, cancelable: true })),
        linkBlocked: leftByLink,
        windowOpen: window.open('https://example.org/'),
        userSelect: getComputedStyle(document.body).userSelect,
        viewport: document.querySelector<HTMLMetaElement>('meta[name=viewport]')!.content,
      };
    });
    expect(result).toEqual({
      contextMenu: true,
      ctrlWheel: true,
      zoomKey: true,
      drop: true,
      linkBlocked: true,
      windowOpen: null,
      userSelect: 'none',
      viewport: 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no',
    });
    expect(new URL(page.url()).origin).toBe(new URL(baseURL()).origin);
  });

  it('ran without errors', async () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect((await sortie(page))!.errors).toEqual([]);
  });
});
