/**
 * Explore mode in a real browser, on Big Week's 20 February at 12:30:
 *  - a link with `t` opens paused at that instant;
 *  - clicking where the CPU twin puts an aircraft opens its force's details, with the record's
 *    figures and the quote they come from; hovering shows its name;
 *  - Follow keeps the force's lead at the centre of the view across a seek; a drag ends it;
 *  - the arrow keys pan the map while it has focus, and leave the clock alone;
 *  - the mission picker finds a mission by its target and sets the clock to its first take-off;
 *  - the address holds the moment: reloading it gives the same time, campaign, selection and
 *    camera, and Back returns to the previous selection;
 *  - Save image downloads a PNG of the canvas plus a caption band with text in it.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { decode } from 'fast-png';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwinProbe } from '../../src/app/diagnostics.ts';
import { parseUrl } from '../../src/app/urlState.ts';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import { createPickModel, followInstance } from '../../src/scene/picking.ts';
import { nextFrames, openApp, planSeconds, screenshot, seekSlider, sortie, waitForReady, type OpenedApp } from './browser';

interface PageWindow {
  __sortie: { twin: TwinProbe; camera: { x: number; y: number; z: number; tx: number; ty: number; tz: number } };
}

const loaded = loadCampaignText(
  'big-week-1944.json',
  readFileSync(new URL('../../data/big-week-1944.json', import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const records = loaded.records;
/** Compiled here only to know which aircraft Follow keeps in view; every check reads the page. */
const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
const model = createPickModel(plan);
const forces = new Map(records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces.map((f) => [f.id, { f, m }] as const))));

const START = '1944-02-20T12:30:00+01:00';
/** Height of the exported image's caption band at a pixel ratio of 1 (ExportImage's CAPTION_BAND_PX). */
const CAPTION_BAND_PX = 64;

/**
 * An aircraft of the records in the open middle of the map (clear of the side panels), with no
 * aircraft of another force within 24 px: a click there can only mean its force.
 */
async function clickableAircraft(page: Page): Promise<{ instance: number; force: string; x: number; y: number }> {
  const found = await page.evaluate(() => {
    const twin = (window as unknown as PageWindow).__sortie.twin;
    const frame = twin.frame()!;
    const shown: { instance: number; force: string; x: number; y: number }[] = [];
    for (let i = 0; i < frame.instances; i++) {
      const info = twin.instance(i)!;
      if (!info.force) continue;
      const p = twin.pose(i);
      if (p?.visible && !p.falling && p.screen?.inView)
        shown.push({ instance: i, force: info.force, x: p.screen.x, y: p.screen.y });
    }
    const open = shown.filter((s) => s.x > 400 && s.x < frame.width - 560 && s.y > 120 && s.y < frame.height - 280);
    return (
      open.find((s) => shown.every((o) => o.force === s.force || Math.hypot(o.x - s.x, o.y - s.y) > 24)) ??
      // Fall back to the widest open view: ask for the whole frame's middle.
      shown.find((s) => s.x > 380 && s.x < frame.width - 540) ??
      null
    );
  });
  if (!found) throw new Error('no aircraft in the open middle of the view');
  return found;
}

async function canvasBox(page: Page) {
  return (await page.locator('.scene canvas').boundingBox())!;
}

/** The followed lead's screen position and the look-at point, as the page last drew them. */
async function leadOnScreen(page: Page, instance: number) {
  return page.evaluate((i) => {
    const s = (window as unknown as PageWindow).__sortie;
    const p = s.twin.pose(i)!;
    const f = s.twin.frame()!;
    return {
      x: p.screen!.x,
      y: p.screen!.y,
      width: f.width,
      height: f.height,
      pose: [p.x, p.y, p.z],
      target: [s.camera.tx, s.camera.ty, s.camera.tz],
    };
  }, instance);
}

/** Waits until the address holds the camera shown now (replaced at most every 2 s) and returns it. */
async function settledUrl(page: Page): Promise<string> {
  let last = '';
  for (let k = 0; k < 40; k++) {
    const now = await page.evaluate(() => {
      const c = (window as unknown as PageWindow).__sortie.camera;
      return { href: location.href, camera: [c.x, c.y, c.z, c.tx, c.ty, c.tz] };
    });
    const view = parseUrl(new URL(now.href).search).view;
    const matches = view && [...view.camera, ...view.target].every((v, i) => Math.abs(v - now.camera[i]!) < 0.006);
    if (matches && now.href === last) return now.href;
    last = matches ? now.href : '';
    await page.waitForTimeout(700);
  }
  throw new Error(`the address did not settle on the camera: ${last}`);
}

describe('explore mode: pick, follow, share', () => {
  let app: OpenedApp;
  let page: Page;
  let picked: { instance: number; force: string; x: number; y: number };

  beforeAll(async () => {
    app = await openApp(`/?campaign=big-week-1944&t=${encodeURIComponent(START)}`, (p) =>
      p.emulateMedia({ reducedMotion: 'reduce' }),
    );
    page = app.page;
    await waitForReady(page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens paused at the time the link names', async () => {
    const t = await planSeconds(page, START);
    const frame = await page.evaluate(() => (window as unknown as PageWindow).__sortie.twin.frame()!);
    expect(frame.time).toBe(Math.fround(t));
    await page.waitForTimeout(600);
    expect((await sortie(page))!.time).toBe(Date.parse(START));
  });

  it("clicking where the twin puts an aircraft opens its force, with the record's figures and sources", async () => {
    // Wait for the explore chunk (loaded after the first frame) to listen to the canvas.
    await page.waitForFunction(() => document.querySelector('.explore-tooltip') !== null);
    picked = await clickableAircraft(page);
    const box = await canvasBox(page);
    await page.waitForTimeout(500);
    await page.mouse.click(box.x + picked.x, box.y + picked.y);
    const panel = page.locator('.explore-details');
    await panel.waitFor({ timeout: 20_000 });
    const { f, m } = forces.get(picked.force)!;
    await expect.poll(() => panel.locator('h2').textContent()).toBe(f.label ?? f.aircraft);
    const text = await panel.innerText();
    expect(text).toContain(m.label);
    if (typeof f.dispatched === 'number')
      expect(text).toMatch(new RegExp(`Dispatched\\s+${f.dispatched.toLocaleString('en-GB')}`));
    if (typeof f.losses?.lost === 'number') expect(text).toMatch(new RegExp(`Lost\\s+${f.losses.lost}`));
    // Each schematic aspect of the record is listed as reconstructed.
    expect(await panel.locator('.explore-details__schematic li').count()).toBeGreaterThanOrEqual(f.schematic.length);
    // The route, place by place, and the passage the figures come from.
    const route = await panel.locator('.explore-details__route li').allTextContents();
    expect(route.length).toBe(f.route.length);
    expect(route[0]).toBe(records.places.find((p) => p.id === f.route[0])!.name);
    await panel.getByText("The force's record").click();
    await expect.poll(() => panel.locator('.source-note__quote').first().textContent()).toBe(`“${f.source.quote}”`);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`force:${picked.force}`);
    await screenshot(page, 'explore-details');
  });

  it('hovering over an aircraft names its force', async () => {
    const box = await canvasBox(page);
    // A hover projects each force's lead and samples (about one per box): point at one of those.
    const samples = Array.from(model.samples[model.forceIndex.get(picked.force)!]!);
    const s = await page.evaluate((list) => {
      const twin = (window as unknown as PageWindow).__sortie.twin;
      const f = twin.frame()!;
      return list
        .map((i) => twin.pose(i)!)
        .filter((p) => p.visible && p.screen?.inView && p.screen.x > 380 && p.screen.x < f.width - 540 && p.screen.y > 100)
        .map((p) => p.screen!)[0];
    }, samples);
    expect(s).toBeDefined();
    await page.mouse.move(box.x + s!.x - 30, box.y + s!.y - 30);
    await page.mouse.move(box.x + s!.x, box.y + s!.y, { steps: 3 });
    const tip = page.locator('.explore-tooltip');
    await expect.poll(() => tip.isVisible(), { timeout: 10_000 }).toBe(true);
    const { f } = forces.get(picked.force)!;
    expect(await tip.innerText()).toContain(f.label ?? f.aircraft);
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
  });

  it('Follow keeps the lead at the centre across a seek; a drag hands the camera back', async () => {
    const lead = followInstance(model, model.forceIndex.get(picked.force)!, await planSeconds(page, START));
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('follow'), { timeout: 10_000 }).toBe('1');
    await nextFrames(page, 3);
    let on = await leadOnScreen(page, lead);
    expect(Math.abs(on.x - on.width / 2)).toBeLessThan(2);
    expect(Math.abs(on.y - on.height / 2)).toBeLessThan(2);
    const before = on.pose;

    await seekSlider(page, (await planSeconds(page, START)) + 12 * 60);
    await nextFrames(page, 2);
    on = await leadOnScreen(page, lead);
    // Twelve minutes on, the formation has flown tens of kilometres and the camera with it.
    expect(Math.hypot(on.pose[0]! - before[0]!, on.pose[2]! - before[2]!)).toBeGreaterThan(20);
    expect(Math.abs(on.x - on.width / 2)).toBeLessThan(2);
    expect(Math.abs(on.y - on.height / 2)).toBeLessThan(2);
    on.target.forEach((v, i) => expect(v).toBeCloseTo(on.pose[i]!, 1));
    await screenshot(page, 'explore-follow');

    const box = await canvasBox(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => page.getByRole('button', { name: 'Follow', exact: true }).isVisible()).toBe(true);
  });

  it('arrow keys pan the map while it has focus, and do not step the clock', async () => {
    const before = (await sortie(page))!;
    await page.locator('.scene [role=application]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(400);
    await nextFrames(page, 2);
    const after = (await sortie(page))!;
    expect(after.time).toBe(before.time);
    expect(Math.hypot(after.camera.tx - before.camera.tx, after.camera.tz - before.camera.tz)).toBeGreaterThan(1);
  });

  it('the address restores the moment: same time, campaign, selection and camera', async () => {
    const href = await settledUrl(page);
    const url = new URL(href);
    expect(url.searchParams.get('campaign')).toBe('big-week-1944');
    expect(url.searchParams.get('sel')).toBe(`force:${picked.force}`);
    const shown = (await sortie(page))!;
    const other = await openApp(url.pathname + url.search, (p) => p.emulateMedia({ reducedMotion: 'reduce' }));
    try {
      const state = await waitForReady(other.page);
      await nextFrames(other.page, 2);
      const again = (await sortie(other.page))!;
      expect(state.campaignId).toBe('big-week-1944');
      expect(again.time).toBe(shown.time);
      for (const k of ['x', 'y', 'z', 'tx', 'ty', 'tz'] as const)
        expect(Math.abs(again.camera[k] - shown.camera[k])).toBeLessThan(0.006);
      const panel = other.page.locator('.explore-details h2');
      const { f } = forces.get(picked.force)!;
      await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toBe(f.label ?? f.aircraft);
      expect(other.pageErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('Back returns to the previous selection', async () => {
    const panel = page.locator('.explore-details');
    const target = panel.locator('.explore-link').first();
    const placeName = await target.textContent();
    await target.click();
    await expect.poll(() => panel.locator('h2').textContent()).toBe(placeName);
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toMatch(/^place:/);
    await page.goBack();
    const { f } = forces.get(picked.force)!;
    await expect.poll(() => panel.locator('h2').textContent(), { timeout: 10_000 }).toBe(f.label ?? f.aircraft);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`force:${picked.force}`);
  });

  it('the mission picker finds a mission by its target and sets the clock to its first take-off', async () => {
    await page.getByRole('button', { name: 'Missions' }).click();
    const filter = page.getByRole('searchbox', { name: 'Filter by target' });
    await expect.poll(() => filter.evaluate((el) => el === document.activeElement)).toBe(true);
    await filter.fill('Brunswick');
    const rows = page.locator('.explore-picker__mission');
    const labels = await rows.locator('.explore-picker__label').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThan(10);
    await screenshot(page, 'explore-picker');
    // Into the list with the keyboard, and choose the first.
    await filter.press('ArrowDown');
    const mission = records.periods.flatMap((p) => p.missions).find((m) => m.label === labels[0])!;
    const first = Math.min(...plan.forces.filter((f) => f.missionId === mission.id).map((f) => f.takeoff));
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => (window as unknown as PageWindow).__sortie.twin.frame()!.time === t, Math.fround(first));
    await page.waitForTimeout(600);
    expect((await sortie(page))!.time).toBe(plan.epochMs + first * 1000);
    expect(await page.locator('.explore-picker').count()).toBe(0);
  });

  it('Save image downloads a PNG of the view with a caption band', async () => {
    const size = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('.scene canvas')!;
      return { width: c.width, height: c.height };
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save image' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^big-week-1944-1944-02-\d\d-\d{4}\.png$/);
    const bytes = await readFile((await download.path())!);
    await mkdir(new URL('./__output__/', import.meta.url), { recursive: true });
    await writeFile(new URL('./__output__/explore-export.png', import.meta.url), bytes);
    const png = decode(bytes);
    expect(png.width).toBe(size.width);
    expect(png.height).toBe(size.height + CAPTION_BAND_PX);
    // The band is a dark fill with text on it: count the pixels that are not the fill.
    const channels = png.channels;
    let text = 0;
    let scene = 0;
    for (let y = size.height + 4; y < png.height; y++)
      for (let x = 0; x < png.width; x++) {
        const o = (y * png.width + x) * channels;
        if (Math.abs(png.data[o]! - 0x10) + Math.abs(png.data[o + 1]! - 0x17) + Math.abs(png.data[o + 2]! - 0x1f) > 60) text++;
      }
    for (let k = 0; k < 400; k++) {
      const o = ((Math.floor((k * 7919) % size.height) * png.width + Math.floor((k * 104729) % png.width)) * channels) | 0;
      if (png.data[o]! + png.data[o + 1]! + png.data[o + 2]! > 30) scene++;
    }
    expect(text).toBeGreaterThan(500);
    // The scene above the band is drawn, not a blank buffer.
    expect(scene).toBeGreaterThan(100);
    expect(app.pageErrors).toEqual([]);
  });
});
