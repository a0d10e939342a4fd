/**
 * The Korean campaign's scene, generated from its monthly figures: what a viewer sees must
 * match the records' figures (sorties, losses, cuts, the MiG divisions' tours) month by month,
 * and what is reconstructed must stay where the text puts it (losses in the air-defence zones,
 * MiG losses in MiG Alley, cuts on the triangle, trains by night). Expected figures are read
 * from the data file; geometry is projected here from its places and features.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THEATRES, project } from '../../src/geo/projection.ts';
import { TOKEN_STRENGTH, compileFlightPlan } from '../../src/motion/compile.ts';
import { FALL_SECONDS, MAX_WAYPOINTS, NEVER, aircraftPose, createPose } from '../../src/motion/flight.ts';
import { AA_ZONE_HALF_WIDTH_KM, koreaSceneOf } from '../../src/motion/koreaScene.ts';
import {
  CUT_BRIDGE,
  CUT_LINE,
  VEHICLE_TRUCK,
  activeCutsAt,
  createVehiclePose,
  cutVisibleAt,
  vehiclePose,
} from '../../src/motion/koreaRail.ts';
import { countValue } from '../../src/records/counts.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import type { CampaignFile, Period } from '../../src/records/schema.ts';
import { periodLostAt } from '../../src/timeline/periodFigures.ts';

const text = readFileSync(new URL('../../data/korea-1951-strangle.json', import.meta.url), 'utf8');
function load(): CampaignFile {
  const result = loadCampaignText('korea-1951-strangle.json', text);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.records;
}
const records = load();
const frame = THEATRES['korea-1951'];
const plan = compileFlightPlan(records, frame);
const scene = koreaSceneOf(records)!;
const inst = plan.instances;
const pose = createPose();

type P = { x: number; z: number };
const placeAt = (id: string): P => {
  const p = records.places.find((q) => q.id === id)!;
  const [x, z] = project(frame, p.lat, p.lon);
  return { x, z };
};
const featurePath = (id: string): P[] => {
  const f = records.features.find((q) => q.id === id)!;
  const pts = f.path.map(placeAt);
  return f.closed ? [...pts, pts[0]!] : pts;
};
const zones = records.features.filter((f) => f.kind === 'air-defence-zone').map((f) => featurePath(f.id));
const migAlley = featurePath('mig-alley');
const triangle = featurePath('triangle-railway');

function segmentDistance(a: P, b: P, p: P): number {
  const dx = b.x - a.x;
  const dz = b.z - a.z;
  const len2 = dx * dx + dz * dz;
  const u = len2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.z - a.z) * dz) / len2)) : 0;
  return Math.hypot(p.x - a.x - dx * u, p.z - a.z - dz * u);
}
const lineDistance = (path: P[], p: P) => Math.min(...path.slice(1).map((b, i) => segmentDistance(path[i]!, b, p)));
function inside(polygon: P[], p: P): boolean {
  let c = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.z > p.z !== b.z > p.z && p.x < ((b.x - a.x) * (p.z - a.z)) / (b.z - a.z) + a.x) c = !c;
  }
  return c;
}

const secs = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const dateSecs = (date: string) => secs(`${date}T00:00:00${records.campaign.utcOffset}`);
const metric = (period: Period, key: string) => period.metrics.find((m) => m.key === key);
const anyMetric = (key: string) =>
  records.metrics.find((m) => m.key === key) ?? records.periods.flatMap((p) => p.metrics).find((m) => m.key === key);

/** Where each aircraft takes off from: the first waypoint of its route. */
const origins = {
  un: ['base-kimpo', 'base-suwon', 'base-kunsan', 'base-taegu'].map(placeAt),
  b29: placeAt('wp-b29-entry'),
  carrier: placeAt('region-carrier-area'),
  andong: placeAt('airfield-andong'),
};
function originOf(i: number): 'feaf' | 'carrier' | 'andong' | 'other' {
  const o = inst.route[i]! * MAX_WAYPOINTS * 4;
  const p = { x: plan.routes.data[o]!, z: plan.routes.data[o + 2]! };
  const near = (q: P) => Math.hypot(q.x - p.x, q.z - p.z) < 0.5;
  if (origins.un.some(near) || near(origins.b29)) return 'feaf';
  if (near(origins.carrier)) return 'carrier';
  if (near(origins.andong)) return 'andong';
  return 'other';
}
const instances = Array.from({ length: inst.count }, (_, i) => ({ i, origin: originOf(i), start: plan.startTimes[i]! }));
const inWindow = (from: number, to: number, origin: string) =>
  instances.filter((x) => x.origin === origin && x.start >= from && x.start < to);
const periodSpan = (p: Period) => [secs(p.start), secs(p.end)] as const;

/** Where a lost aircraft comes down: the CPU twin of the shader, at true size. */
function crashPoint(i: number): P {
  aircraftPose(plan.routes, inst, i, inst.events[i * 4]! + FALL_SECONDS - 0.01, 1, pose);
  return { x: pose.x, z: pose.z };
}

const trianglePeriods = records.periods.filter((p) => metric(p, 'triangle-sorties'));

describe('the Korean scene: Far East Air Force sorties', () => {
  it('has months with recorded sorties against the triangle to test', () => {
    expect(trianglePeriods.map((p) => p.id)).toEqual(['1951-09', '1951-10', '1951-11', '1951-12']);
  });

  it.each(trianglePeriods.map((p) => [p.id, p] as const))(
    'draws every recorded sortie against the triangle in %s as one aircraft taking off in the month',
    (_, period) => {
      const [from, to] = periodSpan(period);
      const drawn = inWindow(from, to, 'feaf');
      expect(drawn.length).toBe(countValue(metric(period, 'triangle-sorties')!.value));
      // ... and each of them over the triangle: its route passes within a few km of the line.
      for (const { i } of drawn.filter((_, k) => k % 97 === 0)) {
        const o = inst.route[i]! * MAX_WAYPOINTS * 4;
        let nearest = Infinity;
        for (let k = 0; k < MAX_WAYPOINTS; k++)
          nearest = Math.min(
            nearest,
            lineDistance(triangle, { x: plan.routes.data[o + k * 4]!, z: plan.routes.data[o + k * 4 + 2]! }),
          );
        expect(nearest).toBeLessThan(0.5);
      }
    },
  );

  it("flies the operation's average where the text gives no monthly figure, from 18 August for ten months", () => {
    const perDay = countValue(anyMetric('feaf-strangle-sorties-per-day')!.value);
    const months = countValue(anyMetric('strangle-duration-months')!.value);
    expect(perDay).toBeGreaterThan(0);
    const opStart = dateSecs('1951-08-18');
    const opEnd = dateSecs(`1952-${String(8 + months - 12).padStart(2, '0')}-18`);
    let checked = 0;
    for (const period of records.periods.filter((p) => !metric(p, 'triangle-sorties'))) {
      const [start, end] = periodSpan(period);
      const from = Math.max(start, opStart);
      const to = Math.min(end, opEnd);
      const days = Math.max(0, Math.round((to - from) / 86400));
      expect(inWindow(start, end, 'feaf').length, period.id).toBe(perDay * days);
      if (days > 0) checked++;
    }
    expect(checked).toBe(records.periods.length - trianglePeriods.length);
    // Nothing flies before 18 August.
    expect(inWindow(secs(records.periods[0]!.start), opStart, 'feaf').length).toBe(0);
  });

  it('flies fighter-bombers by day and B-26 intruders by night', () => {
    const hourOf = (t: number) => ((((t + plan.epochMs / 1000 + 9 * 3600) % 86400) + 86400) % 86400) / 3600;
    const nov = records.periods.find((p) => p.id === '1951-11')!;
    const drawn = inWindow(...periodSpan(nov), 'feaf');
    const fighterBombers = drawn.filter(({ i }) =>
      plan.batches.some((b) => b.silhouette === 'single' && i >= b.start && i < b.start + b.count),
    );
    const twins = drawn.filter(({ i }) =>
      plan.batches.some((b) => b.silhouette === 'twin' && i >= b.start && i < b.start + b.count),
    );
    expect(fighterBombers.length).toBeGreaterThan(drawn.length / 2);
    expect(twins.length).toBeGreaterThan(0);
    for (const { start } of fighterBombers) {
      expect(hourOf(start)).toBeGreaterThan(6);
      expect(hourOf(start)).toBeLessThan(16);
    }
    for (const { start } of twins) expect(hourOf(start) > 17 || hourOf(start) < 4).toBe(true);
  });

  it('draws carrier aircraft only as a token, never counted as a figure', () => {
    for (const period of records.periods.filter((p) => inWindow(...periodSpan(p), 'feaf').length > 0))
      expect(inWindow(...periodSpan(period), 'carrier').length, period.id).toBe(TOKEN_STRENGTH);
    const naval = plan.forces.filter((f) => f.forceId.includes('naval'));
    expect(naval.length).toBeGreaterThan(0);
    for (const f of naval) {
      expect(f.origin).toBe('flow');
      expect(f.strengthStated).toBe(false);
      expect(f.lossTimes.length).toBe(0);
    }
  });
});

describe('the Korean scene: losses to anti-aircraft fire', () => {
  it.each(records.periods.map((p) => [p.id, p] as const))(
    'in %s: exactly the recorded fighter-bombers fall, in the month and inside an air-defence zone',
    (_, period) => {
      const [from, to] = periodSpan(period);
      const drawn = inWindow(from, to, 'feaf');
      const lost = drawn.filter(({ i }) => inst.events[i * 4]! < NEVER);
      const damaged = drawn.filter(({ i }) => inst.events[i * 4 + 2] === 1);
      expect(lost.length).toBe(countValue(metric(period, 'usaf-fb-lost-to-aaa')?.value));
      expect(damaged.length).toBe(countValue(metric(period, 'usaf-fb-damaged-by-aaa')?.value));
      for (const { i } of lost) {
        const t = inst.events[i * 4]!;
        expect(t).toBeGreaterThanOrEqual(from);
        expect(t + FALL_SECONDS).toBeLessThan(to);
        const down = crashPoint(i);
        expect(Math.min(...zones.map((z) => lineDistance(z, down)))).toBeLessThanOrEqual(AA_ZONE_HALF_WIDTH_KM);
      }
      // The figure on screen counts them as they fall, with the MiG losses of the month.
      const migLost = inWindow(from, to, 'andong').filter(({ i }) => inst.events[i * 4]! < NEVER).length;
      expect(periodLostAt(plan, period.id, to)).toBe(lost.length + migLost);
      expect(periodLostAt(plan, period.id, from)).toBe(0);
    },
  );

  it('has air-defence zones to fall in, and a September with losses to test', () => {
    expect(zones.length).toBe(countValue(anyMetric('va-air-defence-zones')!.value));
    expect(
      countValue(
        metric(
          records.periods.find((p) => p.id === '1951-09')!,
          'usaf-fb-lost-to-aaa',
        )?.value,
      ),
    ).toBeGreaterThan(0);
  });
});

describe('the Korean scene: MiG-15s of the Volunteer Air Force', () => {
  it.each(['4div', '3div'])(
    "flies the %s's recorded sorties over its recorded days, and loses exactly its losses in MiG Alley",
    (division) => {
      const sorties = anyMetric(`vaf-${division}-sorties`)!;
      const lostFigure = countValue(anyMetric(`vaf-${division}-lost`)!.value);
      const from = dateSecs(sorties.start!);
      const to = dateSecs(sorties.end!) + 86400;
      const drawn = inWindow(from, to, 'andong');
      expect(drawn.length).toBe(countValue(sorties.value));
      const lost = drawn.filter(({ i }) => inst.events[i * 4]! < NEVER);
      expect(lost.length).toBe(lostFigure);
      for (const { i } of lost) expect(inside(migAlley, crashPoint(i))).toBe(true);
    },
  );

  it('draws no MiG outside the two tours the text gives', () => {
    const tours = ['4div', '3div'].map((d) => anyMetric(`vaf-${d}-sorties`)!);
    const inTour = (t: number) => tours.some((m) => t >= dateSecs(m.start!) && t < dateSecs(m.end!) + 86400);
    expect(instances.filter((x) => x.origin === 'andong' && !inTour(x.start)).length).toBe(0);
  });
});

describe('the Korean scene: cuts in the railway', () => {
  const cuts = scene.cuts;
  const cutIndex = Array.from({ length: cuts.count }, (_, i) => i);

  it.each(trianglePeriods.map((p) => [p.id, p] as const))(
    'in %s: the recorded cuts and bridge hits appear on the triangle, in the month',
    (_, period) => {
      const [from, to] = periodSpan(period);
      const mine = cutIndex.filter((i) => cuts.times[i * 2]! >= from && cuts.times[i * 2]! < to);
      const lines = mine.filter((i) => cuts.kind[i] === CUT_LINE);
      const bridges = mine.filter((i) => cuts.kind[i] === CUT_BRIDGE);
      expect(lines.length).toBe(countValue(metric(period, 'triangle-line-station-damage')!.value));
      expect(bridges.length).toBe(countValue(metric(period, 'triangle-bridge-damage')!.value));
      for (const i of mine) {
        expect(lineDistance(triangle, { x: cuts.position[i * 2]!, z: cuts.position[i * 2 + 1]! })).toBeLessThan(2);
        expect(cuts.times[i * 2 + 1]!).toBeGreaterThan(cuts.times[i * 2]!);
      }
    },
  );

  it('cuts nothing in months without a count', () => {
    for (const period of records.periods.filter((p) => !metric(p, 'triangle-line-station-damage'))) {
      const [from, to] = periodSpan(period);
      expect(cutIndex.filter((i) => cuts.times[i * 2]! >= from && cuts.times[i * 2]! < to).length, period.id).toBe(0);
    }
  });

  it('opens each cut when a sortie bombs there', () => {
    for (const c of cutIndex.filter((_, k) => k % 211 === 0)) {
      const t = cuts.times[c * 2]!;
      const at = { x: cuts.position[c * 2]!, z: cuts.position[c * 2 + 1]! };
      let nearest = Infinity;
      for (const { i } of instances) {
        if (plan.startTimes[i]! > t || plan.endTimes[i]! < t) continue;
        aircraftPose(plan.routes, inst, i, t, 1, pose);
        if (pose.visible) nearest = Math.min(nearest, Math.hypot(pose.x - at.x, pose.z - at.z));
      }
      expect(nearest, `cut ${c}`).toBeLessThan(3);
    }
  });

  it('shows a cut from the bombing until its repair, bridges longer than lines', () => {
    const t = secs('1951-11-15T22:00:00+09:00');
    const open = cutIndex.filter((i) => cuts.times[i * 2]! <= t && t < cuts.times[i * 2 + 1]!);
    expect(activeCutsAt(cuts, t)).toBe(open.length);
    expect(open.length).toBeGreaterThan(0);
    for (const i of cutIndex.filter((_, k) => k % 50 === 0)) {
      expect(cutVisibleAt(cuts, i, cuts.times[i * 2]!)).toBe(true);
      expect(cutVisibleAt(cuts, i, cuts.times[i * 2 + 1]!)).toBe(false);
      expect(cutVisibleAt(cuts, i, cuts.times[i * 2]! - 1)).toBe(false);
    }
    const median = (kind: number) => {
      const d = cutIndex.filter((i) => cuts.kind[i] === kind).map((i) => cuts.times[i * 2 + 1]! - cuts.times[i * 2]!);
      return d.sort((a, b) => a - b)[Math.floor(d.length / 2)]!;
    };
    expect(median(CUT_BRIDGE)).toBeGreaterThan(median(CUT_LINE));
    // A month later, everything cut in November has been repaired.
    expect(activeCutsAt(cuts, secs('1952-02-01T00:00:00+09:00'))).toBe(0);
  });
});

describe('the Korean scene: trains and trucks', () => {
  const traffic = scene.traffic;
  const vehicles = Array.from({ length: traffic.count }, (_, i) => i);
  const vp = createVehiclePose();
  const localHour = (t: number) => ((((t + plan.epochMs / 1000 + 9 * 3600) % 86400) + 86400) % 86400) / 3600;

  it('runs wagons at the rate of the fourth-quarter plan, every month', () => {
    const perDay =
      countValue(anyMetric('q4-wagons-ceiling')!.value) / (countValue(anyMetric('q4-compression-window')!.value) * (365.25 / 12));
    for (const month of scene.months) {
      const period = records.periods.find((p) => p.id === month.periodId)!;
      const [from, to] = periodSpan(period);
      expect(month.wagons, period.id).toBe(Math.round(perDay * Math.round((to - from) / 86400)));
    }
  });

  it('moves only by night, along the railway', () => {
    for (const i of vehicles.filter((_, k) => k % 101 === 0)) {
      const startHour = localHour(traffic.run[i * 4]!);
      const endHour = localHour(traffic.stops[i * 4 + 2]! - 1);
      expect(startHour > 16 || startHour < 6, `vehicle ${i} starts at ${startHour}`).toBe(true);
      expect(endHour > 16 || endHour < 8, `vehicle ${i} ends at ${endHour}`).toBe(true);
      const mid = (traffic.run[i * 4]! + traffic.stops[i * 4 + 2]!) / 2;
      vehiclePose(traffic, i, mid, 1, vp);
      expect(vp.visible).toBe(true);
      const off = traffic.info[i * 4 + 2] === VEHICLE_TRUCK ? 2 : 0.01;
      expect(Math.min(...scene.network.railways.map((r) => lineDistance(r.points, vp)))).toBeLessThan(off + 0.01);
    }
  });

  it('waits at an open cut until it is repaired', () => {
    const stopped = vehicles.filter((i) => traffic.stops[i * 4]! < traffic.stops[i * 4 + 1]! && traffic.run[i * 4 + 3] === 0);
    expect(stopped.length).toBeGreaterThan(0);
    for (const i of stopped.slice(0, 40)) {
      const stop = traffic.stops[i * 4]!;
      const wait = Math.min(traffic.stops[i * 4 + 1]!, traffic.stops[i * 4 + 2]!) - stop;
      vehiclePose(traffic, i, stop + wait * 0.75, 1, vp);
      const later = vp.s;
      const t = stop + wait * 0.25;
      vehiclePose(traffic, i, t, 1, vp);
      expect(vp.visible).toBe(true);
      expect(later).toBeCloseTo(vp.s, 2);
      const nearestOpen = Array.from({ length: scene.cuts.count }, (_, c) => c)
        .filter((c) => cutVisibleAt(scene.cuts, c, t))
        .reduce(
          (best, c) => Math.min(best, Math.hypot(scene.cuts.position[c * 2]! - vp.x, scene.cuts.position[c * 2 + 1]! - vp.z)),
          Infinity,
        );
      expect(nearestOpen).toBeLessThan(2);
    }
  });
});

describe('the Korean scene as a whole', () => {
  it('is the same on every compile', () => {
    const again = compileFlightPlan(load(), frame);
    expect(again.instances.count).toBe(inst.count);
    expect(Buffer.from(again.instances.delay.buffer).equals(Buffer.from(inst.delay.buffer))).toBe(true);
    expect(Buffer.from(again.instances.events.buffer).equals(Buffer.from(inst.events.buffer))).toBe(true);
    expect(Buffer.from(again.routes.data.buffer).equals(Buffer.from(plan.routes.data.buffer))).toBe(true);
  });

  it('fits the route texture', () => {
    // WebGL 2 guarantees textures 2048 texels high; the routes are rows of it.
    expect(plan.routes.count).toBeLessThanOrEqual(2048);
  });

  it('tells the viewer what is recorded and what is schematic, every month', () => {
    for (const period of records.periods) {
      const note = scene.notes.get(period.id);
      expect(note, period.id).toBeDefined();
      expect(note!.summary).toMatch(/schematic/);
    }
    const sep = scene.notes.get('1951-09')!.details.join(' ');
    expect(sep).toContain('3,027');
    expect(sep).toContain('no naval count');
  });
});
