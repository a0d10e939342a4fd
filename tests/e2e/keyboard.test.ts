/**
 * The app by keyboard alone, for a viewer who asks for reduced motion (one page load for both,
 * SwiftShader being slow): Tab reaches every control in the order the screen shows them, each
 * with a visible focus ring; Enter and Space work the buttons; Escape closes what they opened.
 * And with `prefers-reduced-motion: reduce` the clock waits to be started, the stylesheets move
 * nothing, figures do not flash, and the camera neither glides after a drag nor flies back on
 * "Reset view".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFrames, openApp, sortie, waitForReady, type OpenedApp } from './browser';

/** The controls Tab must reach, in this order (others may come between them): a selector, and the exact text where it needs one. */
const EXPECTED: { label: string; selector: string; text?: string }[] = [
  { label: 'campaign select', selector: '.topbar select[aria-label="Campaign"]' },
  { label: 'relief slider', selector: '.relief-control input[type=range]' },
  { label: 'Charts', selector: '.topbar button', text: 'Charts' },
  { label: 'Table', selector: '.topbar button', text: 'Table' },
  { label: 'Reset view', selector: '.topbar button', text: 'Reset view' },
  // The top bar's second row.
  { label: 'period buttons', selector: '.topbar__periods button' },
  { label: 'language buttons', selector: '.language-switch button' },
  { label: 'figures row toggles', selector: '.figures__row-toggle' },
  { label: 'Play', selector: '.scrubber__play' },
  { label: 'step buttons', selector: '.scrubber__step' },
  { label: 'Time slider', selector: 'input[aria-label=Time]' },
  { label: 'previous event', selector: '.scrubber__jump > button:first-child' },
  { label: 'jump select', selector: '.scrubber__jump select' },
  { label: 'next event', selector: '.scrubber__jump > button:last-child' },
  { label: 'Loop', selector: '.scrubber__loop' },
  { label: 'typed time', selector: '.scrubber__readout' },
  { label: 'speed select', selector: '.scrubber__speed select' },
];

interface Stop {
  /** Index into the marked expected controls, or null for another control. */
  expected: number | null;
  what: string;
  /** The focus ring: outline or box-shadow of the element, or of the box that draws it (the time slider's track). */
  ring: string | null;
}

/** Where the focus is now, and how it is drawn. */
function focusStop(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const ringOf = (e: Element) => {
      const s = getComputedStyle(e);
      const outline =
        s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `outline ${s.outlineWidth} ${s.outlineColor}` : null;
      return outline ?? (s.boxShadow !== 'none' ? `box-shadow ${s.boxShadow}` : null);
    };
    // The time slider is transparent over the timeline drawing; its track draws the ring (:has(:focus-visible)).
    const drawer = el.matches('input[aria-label=Time]') ? el.closest('.timeline__track') : el;
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return {
      expected: el.dataset.kbd === undefined ? null : Number(el.dataset.kbd),
      what: `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${name}"`,
      ring: drawer ? ringOf(drawer) : null,
    };
  });
}

describe('by keyboard, with reduced motion', () => {
  let app: OpenedApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('/', async (p) => {
      await p.emulateMedia({ reducedMotion: 'reduce' });
      // Counts Web Animations started by the app (the figures' flash is one).
      await p.addInitScript(() => {
        const w = window as unknown as { __animations: number };
        w.__animations = 0;
        const animate = Element.prototype.animate;
        Element.prototype.animate = function (...args: Parameters<typeof animate>) {
          w.__animations++;
          return animate.apply(this, args);
        };
      });
    });
    page = app.page;
    await waitForReady(page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('does not start the clock, and the stylesheets move nothing', async () => {
    const before = (await sortie(page))!.time;
    await page.waitForTimeout(1500);
    await nextFrames(page, 2);
    expect((await sortie(page))!.time).toBe(before);
    expect(await page.locator('.scrubber__play').getAttribute('aria-label')).toBe('Play');
    const motion = await page.evaluate(() => {
      // An element with a transition and an animation of its own, and every element of the page.
      const probe = document.createElement('div');
      probe.style.transition = 'opacity 2s ease 1s';
      probe.style.animation = 'spin 3s infinite';
      document.body.append(probe);
      const seconds = (v: string) => Math.max(...v.split(',').map((s) => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1)));
      let longest = 0;
      for (const el of [probe, ...document.querySelectorAll('*')]) {
        const s = getComputedStyle(el);
        longest = Math.max(longest, seconds(s.transitionDuration), seconds(s.animationDuration), seconds(s.transitionDelay));
      }
      const probed = getComputedStyle(probe).animationIterationCount;
      probe.remove();
      return { longest, probed };
    });
    expect(motion.longest).toBeLessThan(0.001);
    expect(motion.probed).toBe('1');
  });

  it('reaches every control with Tab, in screen order, each with a visible focus ring', async () => {
    const marked = await page.evaluate((expected) => {
      let i = 0;
      const labels: string[] = [];
      for (const { label, selector, text } of expected) {
        const found = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter(
          (el) => text === undefined || el.textContent?.trim() === text,
        );
        for (const el of found) {
          el.dataset.kbd = String(i++);
          labels.push(`${label}: ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30)}`);
        }
        if (found.length === 0) labels.push(`${label}: MISSING`);
      }
      (document.activeElement as HTMLElement | null)?.blur();
      return labels;
    }, EXPECTED);
    expect(marked.filter((l) => l.endsWith('MISSING'))).toEqual([]);

    const stops: Stop[] = [];
    for (let k = 0; k < 150; k++) {
      await page.keyboard.press('Tab');
      const stop = await focusStop(page);
      if (!stop) break;
      if (stops.length > 0 && stop.what === stops[0]!.what && stop.expected === stops[0]!.expected) break;
      stops.push(stop);
    }
    const reached = stops.flatMap((s) => (s.expected === null ? [] : [s.expected]));
    // Every expected control, once each, in order.
    expect(reached, stops.map((s) => s.what).join('\n')).toEqual(marked.map((_, i) => i));
    const unringed = stops.filter((s) => s.ring === null).map((s) => s.what);
    expect(unringed).toEqual([]);
  });

  it('works the buttons with Enter and Space; Escape closes what they opened and gives the focus back', async () => {
    // The table: Enter opens it with the focus on its first view; Escape closes it.
    const table = page.locator('.topbar button', { hasText: /^Table$/ });
    await table.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('tab', { name: 'Missions' }).getAttribute('aria-selected')).toBe('true');
    // Tab stays inside the modal table.
    for (let k = 0; k < 5; k++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    expect(await table.evaluate((el) => el === document.activeElement)).toBe(true);

    // The charts: Space opens them, Escape closes them.
    const charts = page.locator('.topbar button', { hasText: /^Charts$/ });
    await charts.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => charts.getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
    // The charts themselves, not the placeholder shown while their chunk loads.
    await page.getByRole('button', { name: 'Close the charts' }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.charts').count(), { timeout: 30_000 }).toBe(0);
    expect(await charts.getAttribute('aria-pressed')).toBe('false');

    // A figures row opens to its sources with Enter and closes with Space.
    const row = page.locator('.figures__row-toggle').first();
    await row.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('aria-expanded'), { timeout: 30_000 }).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => row.getAttribute('aria-expanded'), { timeout: 30_000 }).toBe('false');

    // A period button moves the day.
    const second = page.locator('.topbar__periods button').nth(1);
    await second.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => second.getAttribute('aria-current'), { timeout: 30_000 }).toBe('true');

    // The relief slider steps with the arrows.
    const relief = page.locator('.relief-control input[type=range]');
    const height = Number(await relief.inputValue());
    await relief.focus();
    await page.keyboard.press('ArrowRight');
    expect(Number(await relief.inputValue())).toBe(height + 1);
    await page.keyboard.press('ArrowLeft');
  });

  it('plays at the viewer’s command without flashing the figures', async () => {
    const play = page.locator('.scrubber__play');
    await play.focus();
    const before = (await sortie(page))!;
    await page.keyboard.press('Space');
    // The frame loop relabels the button; a SwiftShader frame can take a while.
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: 30_000 }).toBe('Pause');
    // Play until a figure of the day changes.
    const figures = () =>
      page.evaluate(() => Array.from(document.querySelectorAll('[data-figure]'), (e) => e.textContent).join('|'));
    const shown = await figures();
    await expect.poll(figures, { timeout: 60_000 }).not.toBe(shown);
    expect((await sortie(page))!.time).toBeGreaterThan(before.time);
    await page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: 30_000 }).toBe('Play');
    expect(await page.evaluate(() => (window as unknown as { __animations: number }).__animations)).toBe(0);
  });

  it('moves the camera only as the viewer moves it: no glide after a drag, and "Reset view" cuts back', async () => {
    const camera = async () => (await sortie(page))!.camera;
    const start = await camera();
    // Pan the map by dragging across the middle of the scene, between the panels.
    await page.mouse.move(560, 300);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) await page.mouse.move(560 + k * 20, 300 + k * 8);
    await page.mouse.up();
    await nextFrames(page, 2);
    const dropped = await camera();
    expect(dropped).not.toEqual(start);
    // With inertia the camera would drift on for many frames; reduced motion stops it where it was let go.
    await nextFrames(page, 4);
    expect(await camera()).toEqual(dropped);

    await page.locator('.topbar button', { hasText: /^Reset view$/ }).click();
    await nextFrames(page, 1);
    const reset = await camera();
    for (const k of ['x', 'y', 'z', 'tx', 'ty', 'tz'] as const) expect(reset[k], k).toBeCloseTo(start[k], 3);
    await nextFrames(page, 4);
    expect(await camera()).toEqual(reset);
  });
});
