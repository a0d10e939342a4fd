/**
 * The language buttons as a visitor uses them: German for Big Week, then the Korean campaign in
 * Chinese and in Korean, drawn with the fonts the app ships (screenshots in __output__: look at
 * them for tofu boxes), and back to English where a campaign does not offer a language.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READY_TIMEOUT_MS, openApp, pause, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** Load state of the app's own @font-face of `family` (the browser loads one only when text needs it). */
const fontStatus = (page: Page, family: string) =>
  page.evaluate(async (name) => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === name).map((f) => f.status);
  }, family);

/**
 * A screenshot from the left edge: the topbar is wider than the window, and clicking a button
 * at its end scrolls #root sideways (overflow: hidden still scrolls into view); scroll back first.
 */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => {
    const root = document.getElementById('root');
    if (root) root.scrollLeft = 0;
  });
  await screenshot(page, name);
}

describe('the interface in German, Chinese and Korean', () => {
  let app: OpenedApp;
  let page: Page;
  beforeAll(async () => {
    app = await openApp('/?campaign=big-week-1944');
    page = app.page;
    await waitForReady(page);
    await pause(page);
  });
  afterAll(async () => app?.close());

  it('offers English and German for Big Week, each by its own name', async () => {
    const group = page.getByRole('group', { name: 'Language' });
    expect(await group.getByRole('button').allTextContents()).toEqual(['English', 'Deutsch']);
    expect(await group.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await htmlLang(page)).toBe('en');
  });

  it('switches to German: html lang, headings, buttons and the period in German', async () => {
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => htmlLang(page)).toBe('de');
    await expect.poll(() => page.getByRole('heading', { name: 'Bisher an diesem Tag' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Diagramme' }).isVisible()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Zeit' }).count()).toBe(1);
    expect(await page.locator('.period-card__date').textContent()).toBe('Sonntag, 20. Februar 1944');
    expect(
      await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await shoot(page, 'languages-de-big-week');
  });

  it('keeps German for Korea and offers Chinese and Korean there', async () => {
    await page.getByRole('combobox', { name: 'Kampagne' }).selectOption('korea-1951-strangle.json');
    await page.waitForFunction(
      () => (window as unknown as { __sortie: { campaignId: string } }).__sortie.campaignId === 'korea-1951-strangle',
    );
    await waitForReady(page);
    await pause(page);
    expect(await htmlLang(page)).toBe('de');
    expect(await page.locator('.period-card__date').textContent()).toBe('August 1951');
    const group = page.getByRole('group', { name: 'Sprache' });
    expect(await group.getByRole('button').allTextContents()).toEqual(['English', 'Deutsch', '中文', '한국어']);
  });

  it('switches to Chinese, drawn with the shipped Noto Sans SC subset', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => htmlLang(page)).toBe('zh');
    await expect.poll(() => page.locator('.period-card__date').textContent()).toBe('1951年8月');
    expect(await page.getByRole('heading', { name: '当月的数字' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '图表' }).isVisible()).toBe(true);
    await expect.poll(() => fontStatus(page, 'Sortie Noto Sans SC')).toEqual(['loaded']);
    await shoot(page, 'languages-zh-korea');
  });

  it('switches to Korean, drawn with the shipped Noto Sans KR subset', async () => {
    await page.getByRole('button', { name: '한국어' }).click();
    await expect.poll(() => htmlLang(page)).toBe('ko');
    await expect.poll(() => page.locator('.period-card__date').textContent()).toBe('1951년 8월');
    expect(await page.getByRole('heading', { name: '수치로 본 그달' }).isVisible()).toBe(true);
    await expect.poll(() => fontStatus(page, 'Sortie Noto Sans KR')).toEqual(['loaded']);
    await shoot(page, 'languages-ko-korea');
  });

  it('returns to English for a campaign that does not offer the language', async () => {
    await page.getByRole('combobox', { name: '작전' }).selectOption('big-week-1944.json');
    await expect.poll(() => htmlLang(page), { timeout: READY_TIMEOUT_MS }).toBe('en');
    await expect
      .poll(() => page.locator('.period-card__date').allTextContents(), { timeout: READY_TIMEOUT_MS })
      .toEqual(['Sunday 20 February 1944']);
    expect(await page.getByRole('group', { name: 'Language' }).getByRole('button').allTextContents()).toEqual([
      'English',
      'Deutsch',
    ]);
    await page.waitForFunction(
      () => (window as unknown as { __sortie: { campaignId: string } }).__sortie.campaignId === 'big-week-1944',
      undefined,
      { timeout: READY_TIMEOUT_MS },
    );
    const state = (await sortie(page))!;
    expect(state.errors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
