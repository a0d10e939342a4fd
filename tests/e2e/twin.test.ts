/**
 * The flight shader and its CPU twin, compared for real in Chromium (WebGL2 through SwiftShader).
 *
 * 1. Transform feedback: the app's own vertex shaders (aircraft and crash markers), fed the route
 *    table and every per-instance attribute exactly as the renderer binds them, run on the GPU for
 *    every aircraft of Big Week at instants of cruise, turns, falls, landings and take-offs; each
 *    position, and whether anything is drawn at all, must equal `__sortie.twin` (motion/flight.ts
 *    in the page) to within 20 m.
 * 2. Pixels: the real renderer, with a camera close to a bomber lost on 20 February: where the
 *    twin, projected with the renderer's camera and uniforms, puts the falling aircraft, the frame
 *    has changed from a minute before and nothing around it has; where it puts the crash marker,
 *    the marker's red is drawn once it is down and not before.
 *
 * Both fail when the twin and the shader part ways: making aircraftPose alone fall in 100 s
 * instead of FALL_SECONDS fails the first by 7 km, and the second finds nothing drawn where the
 * twin puts the bomber. (FALL_SECONDS itself is shared: the shader is generated from it.) Where a
 * lead time lies within float32 rounding of a waypoint's time the GPU may take the next leg and
 * the twin (float64) this one; those few are counted apart ("knifeEdge") and must stay rare.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { FALL_SECONDS, NEVER, aircraftPose, aircraftScaleForDistance, createPose } from '../../src/motion/flight.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import type { TwinMarker, TwinProbe } from '../../src/app/diagnostics.ts';
import {
  canvasImage,
  installShaderHarness,
  openApp,
  seekSlider,
  waitForReady,
  type CanvasImage,
  type OpenedApp,
} from './browser';

/** What the tests reach in the page. */
interface PageWindow {
  __sortie: { twin: TwinProbe; terrain: { complete: boolean }; periodId: string | null };
  __shaderHarness: { instances: number; run(shader: 'flight' | 'crash', time: number): Float32Array };
}

const loaded = loadCampaignText(
  'big-week-1944.json',
  readFileSync(new URL('../../data/big-week-1944.json', import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const records = loaded.records;
/** Compiled here only to choose the close view before the page opens; every check uses the page. */
const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
const at = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const minuteAfter = (t: number) => Math.ceil(t / 60) * 60;

/** Positions of GPU and twin agree to 20 m: float32 on one side, float64 on the other. */
const TOLERANCE_KM = 0.02;

/**
 * A day bomber of 20 February lost around midday, the instant (a whole minute, as the slider
 * sets it) a minute or so into its fall, and a camera 120 km away looking down on its fall.
 */
function closeView() {
  const distance = 120;
  const scale = aircraftScaleForDistance(distance);
  const inst = plan.instances;
  for (const force of plan.forces) {
    if (force.periodId !== '1944-02-20' || force.style !== 'combatBox') continue;
    for (let i = force.firstInstance; i < force.firstInstance + force.aircraft; i++) {
      const loss = inst.events[i * 4]!;
      if (loss >= NEVER || loss < at('1944-02-20T12:00:00+01:00') || loss > at('1944-02-20T14:30:00+01:00')) continue;
      const t1 = minuteAfter(loss + 60);
      if (t1 - loss > 95) continue;
      const p = aircraftPose(plan.routes, inst, i, t1, scale, createPose());
      const g = aircraftPose(plan.routes, inst, i, loss + FALL_SECONDS, scale, createPose());
      const tx = (p.x + g.x) / 2;
      const tz = (p.z + g.z) / 2;
      const e = (55 * Math.PI) / 180;
      const view = [tx, distance * Math.sin(e), tz + distance * Math.cos(e), tx, 0, tz].map((v) => v.toFixed(3)).join(',');
      return { instance: i, view };
    }
  }
  throw new Error('no bomber lost around midday on 20 February');
}

describe('the flight shader and its CPU twin', () => {
  let app: OpenedApp;
  const chosen = closeView();

  beforeAll(async () => {
    app = await openApp(`/?campaign=big-week-1944&view=${chosen.view}`, (page) => page.emulateMedia({ reducedMotion: 'reduce' }));
    await waitForReady(app.page);
    await installShaderHarness(app.page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('place every aircraft and crash marker alike, on the GPU and in the twin (transform feedback)', async () => {
    const page = app.page;
    const times = await page.evaluate(
      ({ fixed, fall }) => {
        const twin = (window as unknown as PageWindow).__sortie.twin;
        const n = twin.frame()!.instances;
        const infos = Array.from({ length: n }, (_, i) => twin.instance(i)!);
        const inputs = twin.inputs()!;
        const wp = (route: number, k: number) =>
          inputs.routes.data.subarray((route * inputs.maxWaypoints + k) * 4, (route * inputs.maxWaypoints + k) * 4 + 4);
        const times: { time: number; why: string }[] = fixed.map((time) => ({ time, why: 'a fixed clock time' }));
        const every = <T>(list: T[], count: number) =>
          list.filter((_, k) => k % Math.max(1, Math.floor(list.length / count)) === 0).slice(0, count);
        const lost = infos.filter((f) => f.lossTime !== null && f.force !== null);
        for (const f of every(lost, 6))
          for (const age of [1, 55, fall - 0.5, fall + 0.5])
            times.push({ time: f.lossTime! + age, why: `${age} s after a loss` });
        const flown = infos.filter((f) => f.lossTime === null && f.force !== null);
        for (const f of every(flown, 3)) {
          times.push({ time: f.end - 20, why: 'just before a landing' }, { time: f.end + 20, why: 'just after a landing' });
          times.push({ time: f.start - 20, why: 'just before a take-off' }, { time: f.start + 20, why: 'just after a take-off' });
        }
        // Turns: an interior waypoint where the heading changes by more than 30 degrees.
        let turns = 0;
        for (const f of every(flown, 200)) {
          for (let k = 1; k < inputs.maxWaypoints - 1 && turns < 3; k++) {
            const [a, b, c] = [wp(f.route, k - 1), wp(f.route, k), wp(f.route, k + 1)];
            const h1 = Math.atan2(b[2]! - a[2]!, b[0]! - a[0]!);
            const h2 = Math.atan2(c[2]! - b[2]!, c[0]! - b[0]!);
            const turn = Math.abs(((h2 - h1 + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
            if (turn > Math.PI / 6 && c[3]! > b[3]!) {
              times.push(
                { time: b[3]! + f.delay - 15, why: 'entering a turn' },
                { time: b[3]! + f.delay + 15, why: 'leaving a turn' },
              );
              turns++;
              break;
            }
          }
          if (turns >= 3) break;
        }
        return times.map((t) => ({ time: Math.fround(t.time), why: t.why }));
      },
      {
        fixed: [
          '1944-02-20T03:30:00+01:00',
          '1944-02-20T13:00:00+01:00',
          '1944-02-21T13:00:00+01:00',
          '1944-02-22T13:00:00+01:00',
          '1944-02-23T12:00:00+01:00',
          '1944-02-24T13:00:00+01:00',
          '1944-02-25T02:30:00+01:00',
          '1944-02-25T13:00:00+01:00',
        ].map(at),
        fall: FALL_SECONDS,
      },
    );
    expect(times.length).toBeGreaterThanOrEqual(30);

    const report = await page.evaluate(
      ({ times, tolerance, fall }) => {
        const w = window as unknown as PageWindow;
        const twin = w.__sortie.twin;
        const harness = w.__shaderHarness;
        const n = harness.instances;
        const inputs = twin.inputs()!;
        const infos = Array.from({ length: n }, (_, i) => twin.instance(i)!);
        const sentinel = (g: Float32Array, i: number) =>
          g[i * 4] === 2 && g[i * 4 + 1] === 2 && g[i * 4 + 2] === 2 && g[i * 4 + 3] === 1;
        /** Lead time within 30 s of an interior waypoint of the aircraft's route. */
        const nearWaypoint = (route: number, tau: number) => {
          for (let k = 1; k < inputs.maxWaypoints - 1; k++) {
            const wt = inputs.routes.data[(route * inputs.maxWaypoints + k) * 4 + 3]!;
            const next = inputs.routes.data[(route * inputs.maxWaypoints + k + 1) * 4 + 3]!;
            if (next > wt && Math.abs(tau - wt) < 30) return true;
          }
          return false;
        };
        /** Which segment of its route a lead time falls in, as trackAt() searches it. */
        const segment = (route: number, tau: number) => {
          const base = route * inputs.maxWaypoints;
          if (tau < inputs.routes.data[base * 4 + 3]!) return -1;
          for (let k = 1; k < inputs.maxWaypoints; k++) if (tau <= inputs.routes.data[(base + k) * 4 + 3]!) return k;
          return inputs.maxWaypoints;
        };
        /**
         * The GPU subtracts in float32: a lead time within its rounding of a waypoint's time can
         * fall in the next segment there and in this one in the twin (float64), with another heading.
         */
        const knifeEdge = (i: number, tau: number) =>
          segment(infos[i]!.route, tau) !== segment(infos[i]!.route, Math.fround(tau));
        const seen = {
          flying: 0,
          nearWaypoint: 0,
          falling: 0,
          down: 0,
          landed: 0,
          notYet: 0,
          markers: 0,
          boundary: 0,
          knifeEdge: 0,
        };
        const mismatches: string[] = [];
        let maxError = 0;
        const fail = (what: string) => {
          if (mismatches.length < 12) mismatches.push(what);
        };
        for (const { time, why } of times) {
          const gpu = harness.run('flight', time);
          const crash = harness.run('crash', time);
          for (let i = 0; i < n; i++) {
            const cpu = twin.pose(i, time)!;
            const drawn = !sentinel(gpu, i);
            if (drawn !== cpu.visible) {
              // Within float32 rounding of a boundary (take-off, landing, end of a fall): not a disagreement.
              if (twin.pose(i, time - 0.05)!.visible !== twin.pose(i, time + 0.05)!.visible) seen.boundary++;
              else
                fail(
                  `t=${time} (${why}) #${i}: GPU ${drawn ? 'draws' : 'hides'} it, the twin says ${cpu.visible ? 'visible' : 'hidden'}`,
                );
            } else if (drawn) {
              const e = Math.max(
                Math.abs(gpu[i * 4]! - cpu.x),
                Math.abs(gpu[i * 4 + 1]! - cpu.y),
                Math.abs(gpu[i * 4 + 2]! - cpu.z),
              );
              const loss = infos[i]!.lossTime;
              const edge = !(e <= tolerance) && knifeEdge(i, (loss !== null && time >= loss ? loss : time) - infos[i]!.delay);
              if (edge) seen.knifeEdge++;
              else maxError = Math.max(maxError, e);
              if (!(e <= tolerance) && !edge)
                fail(
                  `t=${time} (${why}) #${i}: GPU (${gpu[i * 4]}, ${gpu[i * 4 + 1]}, ${gpu[i * 4 + 2]}) twin (${cpu.x}, ${cpu.y}, ${cpu.z})`,
                );
              if (cpu.falling) seen.falling++;
              else {
                seen.flying++;
                if (nearWaypoint(infos[i]!.route, time - infos[i]!.delay)) seen.nearWaypoint++;
              }
            } else if (infos[i]!.lossTime !== null && time >= infos[i]!.lossTime! + fall) seen.down++;
            else if (time < infos[i]!.start) seen.notYet++;
            else seen.landed++;

            const marker: TwinMarker = twin.marker(i, time)!;
            const pinned = !sentinel(crash, i);
            if (pinned !== marker.shown) {
              if (twin.marker(i, time - 0.05)!.shown !== twin.marker(i, time + 0.05)!.shown) seen.boundary++;
              else
                fail(
                  `t=${time} (${why}) #${i}: GPU ${pinned ? 'pins' : 'hides'} its crash marker, the twin says ${marker.shown ? 'shown' : 'hidden'}`,
                );
            } else if (pinned) {
              seen.markers++;
              const e = Math.max(
                Math.abs(crash[i * 4]! - marker.x),
                Math.abs(crash[i * 4 + 1]!),
                Math.abs(crash[i * 4 + 2]! - marker.z),
              );
              const edge = !(e <= tolerance) && knifeEdge(i, infos[i]!.lossTime! - infos[i]!.delay);
              if (edge) seen.knifeEdge++;
              else maxError = Math.max(maxError, e);
              if (!(e <= tolerance) && !edge)
                fail(
                  `t=${time} (${why}) #${i}: GPU marker (${crash[i * 4]}, ${crash[i * 4 + 2]}) twin (${marker.x}, ${marker.z})`,
                );
            }
          }
        }
        return { instances: n, instants: times.length, seen, maxError, mismatches };
      },
      { times, tolerance: TOLERANCE_KM, fall: FALL_SECONDS },
    );
    console.log(`transform feedback vs twin: ${JSON.stringify(report)}`);
    expect(report.mismatches).toEqual([]);
    expect(report.maxError).toBeLessThanOrEqual(TOLERANCE_KM);
    // Every kind of moment was compared, many times over.
    expect(report.seen.flying).toBeGreaterThan(5000);
    expect(report.seen.nearWaypoint).toBeGreaterThan(100);
    expect(report.seen.falling).toBeGreaterThan(20);
    expect(report.seen.down).toBeGreaterThan(100);
    expect(report.seen.landed).toBeGreaterThan(1000);
    expect(report.seen.notYet).toBeGreaterThan(1000);
    expect(report.seen.markers).toBeGreaterThan(100);
    // Knife edges are rare: a handful of aircraft at a few instants.
    expect(report.seen.boundary).toBeLessThan(10);
    expect(report.seen.knifeEdge).toBeLessThan(60);
  });

  it('draws a falling bomber, then its crash marker, where the twin puts them (pixels)', async () => {
    const page = app.page;
    // The chosen bomber first; then others lost in view, should another aircraft stray near it.
    const candidates = await page.evaluate(
      ({ first, fall }) => {
        const twin = (window as unknown as PageWindow).__sortie.twin;
        const n = twin.frame()!.instances;
        const list = [first];
        for (let i = 0; i < n && list.length < 12; i++) {
          const loss = twin.instance(i)!.lossTime;
          if (i === first || loss === null || twin.instance(i)!.force === null) continue;
          const t1 = Math.ceil((loss + 60) / 60) * 60;
          if (t1 - loss <= 95 && twin.pose(i, t1)!.screen?.inView && twin.marker(i, loss + fall)!.screen?.inView) list.push(i);
        }
        return list;
      },
      { first: chosen.instance, fall: FALL_SECONDS },
    );

    let checked: { instance: number; instants: number[]; scene: SceneDiscs; target: Target } | null = null;
    const rejected: string[] = [];
    for (const instance of candidates) {
      const loss = await page.evaluate((i) => (window as unknown as PageWindow).__sortie.twin.instance(i)!.lossTime!, instance);
      const t1 = minuteAfter(loss + 60);
      const instants = [t1 - 60, t1, t1 + 120];
      const scene = await sceneDiscs(page, instants);
      const target = isolatedFall(scene, instance);
      if (typeof target === 'string') rejected.push(`#${instance}: ${target}`);
      else {
        checked = { instance, instants, scene, target };
        break;
      }
    }
    expect(checked, `no falling aircraft in view stands clear of everything else: ${rejected.join('; ')}`).not.toBeNull();
    const { instants, target, scene } = checked!;

    const images: CanvasImage[] = [];
    for (const t of instants) {
      await seekSlider(page, t);
      await page.waitForFunction(() => (window as unknown as PageWindow).__sortie.terrain.complete, undefined, { polling: 100 });
      images.push(await canvasImage(page));
    }
    const [before, falling, down] = images as [CanvasImage, CanvasImage, CanvasImage];
    await saveCrops(`twin-fall-${checked!.instance}`, images, target);
    const explained = (x: number, y: number) => target.trail.some((d) => Math.hypot(x - d.x, y - d.y) <= d.r + 2);

    // The falling bomber: drawn where the twin puts it, and nothing around it that the twin does not account for.
    const p = target.falling;
    const drawn = countChanged(before, falling, p.x, p.y, 0, p.r + 1);
    const around = countChanged(before, falling, p.x, p.y, p.r + 3, 3 * p.r, explained);
    // The crash marker: red where the twin puts it once the bomber is down, and not a minute into its fall.
    const g = target.marker;
    const redDown = countNear(down, g.x, g.y, g.r + 2, MARKER_RGB);
    const redFalling = countNear(falling, g.x, g.y, g.r + 2, MARKER_RGB);
    console.log(
      `pixels: bomber #${checked!.instance} at ${instants.join(', ')} s, scale ${scene.scale.toFixed(1)}, ` +
        `falling at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}) r ${p.r.toFixed(1)} px: ${drawn} px changed on it, ${around} around it; ` +
        `marker at (${g.x.toFixed(1)}, ${g.y.toFixed(1)}): ${redDown} red px when down, ${redFalling} before` +
        (rejected.length ? `; passed over ${rejected.join('; ')}` : ''),
    );
    expect(drawn).toBeGreaterThanOrEqual(5);
    expect(around).toBeLessThanOrEqual(3);
    expect(redDown).toBeGreaterThanOrEqual(4);
    expect(redFalling).toBe(0);
  });
});

/** The crash marker's colour (crashVertexShader), unlit. */
const MARKER_RGB: [number, number, number] = [219, 41, 26];
/** A pixel has changed when a channel moved by more than this (the sun's drift over minutes stays below it). */
const CHANGED = 24;
/** Trails of smoke stay a while after an aircraft is down: longer than the scene keeps them. */
const TRAIL_LINGER = 600;

interface Disc {
  i: number;
  kind: 'aircraft' | 'falling' | 'trail' | 'marker';
  x: number;
  y: number;
  r: number;
}

interface SceneDiscs {
  width: number;
  height: number;
  scale: number;
  /** Per instant: everything the twin says is drawn there that moves with time, on screen. */
  discs: Disc[][];
  /** Route legs on screen with the half-width of a force ribbon: drawn bands that change with time. */
  legs: { x1: number; y1: number; x2: number; y2: number; w: number }[];
}

interface Target {
  falling: Disc;
  marker: Disc;
  trail: Disc[];
}

/** Everything drawn that changes with time, as the twin in the page places it, at each instant. */
async function sceneDiscs(page: OpenedApp['page'], instants: number[]): Promise<SceneDiscs> {
  return page.evaluate(
    ({ instants, fall, linger }) => {
      const twin = (window as unknown as PageWindow).__sortie.twin;
      const period = (window as unknown as PageWindow).__sortie.periodId;
      const frame = twin.frame()!;
      const inputs = twin.inputs()!;
      const near = (s: { x: number; y: number } | null) =>
        s !== null && s.x > -100 && s.y > -100 && s.x < frame.width + 100 && s.y < frame.height + 100;
      const losses = Array.from({ length: frame.instances }, (_, i) => twin.instance(i)!.lossTime);
      const discs = instants.map((t) => {
        const out: Disc[] = [];
        for (let i = 0; i < frame.instances; i++) {
          const p = twin.pose(i, t)!;
          if (p.visible && near(p.screen))
            out.push({ i, kind: p.falling ? 'falling' : 'aircraft', x: p.screen!.x, y: p.screen!.y, r: p.screen!.radius });
          const loss = losses[i];
          if (loss === null || loss === undefined || t < loss) continue;
          // Its smoke trail: down the fall path from the loss to where it is (or came down).
          if (t - loss <= fall + linger)
            for (let a = 0; a <= Math.min(t - loss, fall); a += 1) {
              const q = twin.pose(i, loss + a)!;
              if (near(q.screen)) out.push({ i, kind: 'trail', x: q.screen!.x, y: q.screen!.y, r: q.screen!.radius });
            }
          const m = twin.marker(i, t)!;
          if (m.shown && near(m.screen)) out.push({ i, kind: 'marker', x: m.screen!.x, y: m.screen!.y, r: m.screen!.radius });
        }
        return out;
      });
      // Force ribbons follow the routes of the period's forces and change as streams pass.
      const periodRoutes = new Set<number>();
      for (let i = 0; i < frame.instances; i++) {
        const info = twin.instance(i)!;
        if (info.periodId === period) periodRoutes.add(info.route);
      }
      const legs: SceneDiscs['legs'] = [];
      const wp = (r: number, k: number) =>
        inputs.routes.data.subarray((r * inputs.maxWaypoints + k) * 4, (r * inputs.maxWaypoints + k) * 4 + 4);
      for (const r of periodRoutes)
        for (let k = 0; k + 1 < inputs.maxWaypoints; k++) {
          const a = wp(r, k);
          const b = wp(r, k + 1);
          if (a[0] === b[0] && a[2] === b[2]) continue;
          const sa = twin.project(a[0]!, a[1]! * frame.vertical, a[2]!, 0.0255 * frame.scale);
          const sb = twin.project(b[0]!, b[1]! * frame.vertical, b[2]!, 0.0255 * frame.scale);
          if (sa && sb) legs.push({ x1: sa.x, y1: sa.y, x2: sb.x, y2: sb.y, w: Math.max(sa.radius, sb.radius) });
        }
      return { width: frame.width, height: frame.height, scale: frame.scale, discs, legs };
    },
    { instants, fall: FALL_SECONDS, linger: TRAIL_LINGER },
  );
}

/**
 * The instance falling at the middle instant and its crash marker at the last, each well clear of
 * anything else that moves, at all three instants: a reason why not, otherwise.
 */
function isolatedFall(scene: SceneDiscs, instance: number): Target | string {
  const [d0, d1, d2] = scene.discs as [Disc[], Disc[], Disc[]];
  const falling = d1.find((d) => d.i === instance && d.kind === 'falling');
  const marker = d2.find((d) => d.i === instance && d.kind === 'marker');
  if (!falling || !marker) return 'not falling, or no marker, in view';
  const inside = (d: Disc, margin: number) =>
    d.x - d.r - margin >= 0 && d.y - d.r - margin >= 0 && d.x + d.r + margin < scene.width && d.y + d.r + margin < scene.height;
  if (!inside(falling, 3 * falling.r) || !inside(marker, 3 * marker.r)) return 'too near the edge';
  const ownTrail = (d: Disc) => d.i === instance && d.kind === 'trail';
  const clear = (c: Disc, reach: number, discs: Disc[], self: (d: Disc) => boolean) =>
    discs.every((d) => self(d) || Math.hypot(d.x - c.x, d.y - c.y) > reach + d.r + 2);
  const clearOfLegs = (c: Disc, reach: number) => scene.legs.every((l) => segmentDistance(c, l) > reach + l.w + 2);
  if (falling.r < 4) return `drawn too small (${falling.r.toFixed(1)} px)`;
  if (!clear(falling, 3 * falling.r, d0, ownTrail) || !clear(falling, 3 * falling.r, d1, (d) => ownTrail(d) || d === falling))
    return 'another aircraft, trail or marker near the falling one';
  if (!clearOfLegs(falling, 3 * falling.r)) return 'a route near the falling one';
  if (!clear(marker, marker.r + 2, d1, ownTrail) || !clear(marker, marker.r + 2, d2, (d) => ownTrail(d) || d === marker))
    return 'something near the crash site';
  if (!clearOfLegs(marker, marker.r + 2)) return 'a route near the crash site';
  return { falling, marker, trail: [...d0, ...d1].filter(ownTrail) };
}

/** The three frames side by side, cropped about the fall and magnified, for a person to look at. */
async function saveCrops(name: string, images: CanvasImage[], target: Target): Promise<void> {
  const zoom = 3;
  const cx = Math.round((target.falling.x + target.marker.x) / 2);
  const cy = Math.round((target.falling.y + target.marker.y) / 2);
  const half = Math.round(
    Math.max(Math.abs(target.falling.x - target.marker.x), Math.abs(target.falling.y - target.marker.y)) / 2 + 40,
  );
  const side = 2 * half;
  const width = side * zoom * images.length;
  const data = new Uint8Array(width * side * zoom * 4);
  images.forEach((img, k) => {
    for (let y = 0; y < side * zoom; y++)
      for (let x = 0; x < side * zoom; x++) {
        const sx = Math.min(img.width - 1, Math.max(0, cx - half + Math.floor(x / zoom)));
        const sy = Math.min(img.height - 1, Math.max(0, cy - half + Math.floor(y / zoom)));
        data.set(
          img.data.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4),
          (y * width + k * side * zoom + x) * 4,
        );
      }
  });
  const dir = new URL('./__output__/', import.meta.url);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL(`${name}.png`, dir), encode({ width, height: side * zoom, data, channels: 4 }));
}

function segmentDistance(p: { x: number; y: number }, l: { x1: number; y1: number; x2: number; y2: number }): number {
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  const len2 = dx * dx + dy * dy;
  const f = len2 > 0 ? Math.min(1, Math.max(0, ((p.x - l.x1) * dx + (p.y - l.y1) * dy) / len2)) : 0;
  return Math.hypot(p.x - (l.x1 + f * dx), p.y - (l.y1 + f * dy));
}

/** Pixels in the ring r0..r1 about (cx, cy) that differ between two frames, outside `skip`. */
function countChanged(
  a: CanvasImage,
  b: CanvasImage,
  cx: number,
  cy: number,
  r0: number,
  r1: number,
  skip: (x: number, y: number) => boolean = () => false,
): number {
  let n = 0;
  for (let y = Math.floor(cy - r1); y <= Math.ceil(cy + r1); y++)
    for (let x = Math.floor(cx - r1); x <= Math.ceil(cx + r1); x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d < r0 || d > r1 || x < 0 || y < 0 || x >= a.width || y >= a.height || skip(x + 0.5, y + 0.5)) continue;
      const o = (y * a.width + x) * 4;
      const diff = Math.max(
        Math.abs(a.data[o]! - b.data[o]!),
        Math.abs(a.data[o + 1]! - b.data[o + 1]!),
        Math.abs(a.data[o + 2]! - b.data[o + 2]!),
      );
      if (diff > CHANGED) n++;
    }
  return n;
}

/** Pixels within r of (cx, cy) close to a colour. */
function countNear(img: CanvasImage, cx: number, cy: number, r: number, rgb: [number, number, number]): number {
  let n = 0;
  for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++)
    for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r || x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const o = (y * img.width + x) * 4;
      if (
        Math.max(Math.abs(img.data[o]! - rgb[0]), Math.abs(img.data[o + 1]! - rgb[1]), Math.abs(img.data[o + 2]! - rgb[2])) <= 40
      )
        n++;
    }
  return n;
}
