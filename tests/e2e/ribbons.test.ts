/**
 * Force ribbons in the browser: looking from afar at a stretch of the 2nd Bomb Division's route
 * to Tutow (20 February 1944) that no other force flies near, the ribbon is there once the
 * force has flown it and not before; zoomed in on the same place it has given way to the
 * aircraft. The stretch is chosen from the compiled plan, so the test follows the records.
 */
import { decode } from 'fast-png';
import type { Page } from 'playwright-core';
import { PerspectiveCamera, Vector3 } from 'three';
import { afterAll, describe, expect, it } from 'vitest';
import { forceRibbons, routeLines, type RibbonSample } from '../../src/scene/ribbonGeometry.ts';
import { DEFAULT_VERTICAL_EXAGGERATION } from '../../src/motion/flight.ts';
import { bigWeekPlan } from '../unit/fixtures.ts';
import { openApp, screenshot, sortie, waitForReady, type OpenedApp } from './browser';

const { records, plan } = bigWeekPlan();
const FORCE = 'm226-f2-tutow';
const period = plan.forces.find((f) => f.forceId === FORCE)!.periodId;
const secs = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const BEFORE = secs('1944-02-20T08:00:00+01:00');
const AFTER = secs('1944-02-20T13:00:00+01:00');

/**
 * A point of the force's ribbon flown an hour or more before AFTER, as far as can be from every other
 * force's route (at least 60 km) and from the force's own losses, and the next sample after it.
 */
function quietPoint(): [RibbonSample, RibbonSample] {
  const forces = new Map(records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces)).map((f) => [f.id, f]));
  const others = routeLines(plan, forces, new Set(plan.forces.filter((f) => f.periodId === period).map((f) => f.forceId))).filter(
    (l) => !l.key.startsWith(`${FORCE}-`),
  );
  const distance = (s: RibbonSample) =>
    Math.min(
      ...others.flatMap((l) =>
        l.points.slice(1).map((b, i) => {
          const a = l.points[i]!;
          const [dx, dz] = [b[0] - a[0], b[2] - a[2]];
          const u = Math.max(0, Math.min(1, ((s.x - a[0]) * dx + (s.z - a[2]) * dz) / (dx * dx + dz * dz || 1)));
          return Math.hypot(s.x - a[0] - u * dx, s.z - a[2] - u * dz);
        }),
      ),
    );
  const [ribbon] = forceRibbons(plan, (fp) => fp.forceId === FORCE);
  const samples = ribbon!.samples;
  const nearLoss = (s: RibbonSample) => ribbon!.losses.some((l) => Math.hypot(l.x - s.x, l.z - s.z) < 40);
  const candidates = samples.filter(
    (s, i) => i + 1 < samples.length && s.y > 1 && s.t < AFTER - 3600 && s.t > BEFORE && !nearLoss(s),
  );
  const best = candidates.reduce((a, b) => (distance(b) > distance(a) ? b : a));
  expect(distance(best)).toBeGreaterThan(60);
  const next = samples.slice(samples.indexOf(best) + 1).find((s) => Math.hypot(s.x - best.x, s.z - best.z) > 1)!;
  return [best, next];
}

/** The camera looking straight at `p` (at its drawn altitude) from `distance` km, south and above. */
function viewAt(p: RibbonSample, distance: number): number[] {
  const y = p.y * DEFAULT_VERTICAL_EXAGGERATION;
  return [p.x, y + distance * 0.85, p.z + distance * 0.53, p.x, y, p.z];
}

/** Where on screen, 30 px from the centre, a patch sits off the ribbon: across it, not along it. */
function offRibbon(view: number[], a: RibbonSample, b: RibbonSample): { x: number; y: number } {
  const camera = new PerspectiveCamera(40, VIEW.width / VIEW.height, 1, 30000);
  camera.position.set(view[0]!, view[1]!, view[2]!);
  camera.lookAt(view[3]!, view[4]!, view[5]!);
  camera.updateMatrixWorld();
  const screen = (p: RibbonSample) => {
    const v = new Vector3(p.x, p.y * DEFAULT_VERTICAL_EXAGGERATION, p.z).project(camera);
    return [v.x * VIEW.width * 0.5, -v.y * VIEW.height * 0.5];
  };
  const [ax, ay] = screen(a);
  const [bx, by] = screen(b);
  const len = Math.hypot(bx! - ax!, by! - ay!) || 1;
  return { x: VIEW.width / 2 + (-(by! - ay!) / len) * 30, y: VIEW.height / 2 + ((bx! - ax!) / len) * 30 };
}

const VIEW = { width: 1280, height: 720 };

async function seek(page: Page, seconds: number) {
  await page.locator('input[aria-label=Time]').fill(String(Math.round(seconds / 60) * 60));
  const before = (await sortie(page))!.frame;
  await page.waitForFunction((f) => (window as unknown as { __sortie: { frame: number } }).__sortie.frame > f + 3, before);
}

/** Mean RGB of a 5×5 patch about (x, y). */
async function patch(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const clip = { x: Math.round(x) - 2, y: Math.round(y) - 2, width: 5, height: 5 };
  const png = decode(await page.screenshot({ clip, type: 'png' }));
  const c = png.channels;
  const sum = [0, 0, 0];
  for (let i = 0; i < png.width * png.height; i++) for (let k = 0; k < 3; k++) sum[k]! += png.data[i * c + k]!;
  return sum.map((v) => v / (png.width * png.height)) as [number, number, number];
}

/**
 * How much lighter the ribbon's place is than a place just off it, at one instant: the sun moves
 * between the instants compared, and lights both alike.
 */
async function contrast(page: Page, off: { x: number; y: number }): Promise<number> {
  const on = await patch(page, VIEW.width / 2, VIEW.height / 2);
  const beside = await patch(page, off.x, off.y);
  return on.reduce((s, v, i) => s + v - beside[i]!, 0);
}

describe('force ribbons', () => {
  const [point, next] = quietPoint();
  let app: OpenedApp | undefined;

  afterAll(async () => {
    await app?.close();
  });

  async function open(view: number[]) {
    await app?.close();
    app = await openApp(`/?view=${view.map((v) => v.toFixed(2)).join(',')}`);
    await waitForReady(app.page);
    const pause = app.page.getByRole('button', { name: 'Pause' });
    if (await pause.count()) await pause.click();
    // The panels are HTML over the canvas; the centre is clear of them.
    return app.page;
  }

  it('from afar, draws a force where it has flown and not before', async () => {
    const view = viewAt(point, 900);
    const off = offRibbon(view, point, next);
    const page = await open(view);
    await seek(page, BEFORE);
    const before = await contrast(page, off);
    await seek(page, AFTER);
    const after = await contrast(page, off);
    await screenshot(page, 'ribbons-far');
    expect(app!.consoleErrors).toEqual([]);
    expect(app!.pageErrors).toEqual([]);
    // A light ribbon over the map, where before there was only the faint corridor.
    expect(after - before, JSON.stringify({ before, after, off })).toBeGreaterThan(45);
  });

  it('zoomed in, leaves the place to the aircraft', async () => {
    const view = viewAt(point, 60);
    const off = offRibbon(view, point, next);
    const page = await open(view);
    await seek(page, BEFORE);
    const before = await contrast(page, off);
    await seek(page, AFTER);
    const after = await contrast(page, off);
    await screenshot(page, 'ribbons-near');
    expect(app!.consoleErrors).toEqual([]);
    expect(Math.abs(after - before), JSON.stringify({ before, after, off })).toBeLessThan(15);
  });
});
