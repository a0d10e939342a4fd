import { describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan, type FlightPlan, type ForcePlan } from '../../src/motion/compile.ts';
import { NEVER, trackAt } from '../../src/motion/flight.ts';
import { loadCampaignJson } from '../../src/records/load.ts';
import type { Force } from '../../src/records/schema.ts';
import {
  corridorBuffers,
  forceRibbons,
  ribbonBuffers,
  ribbonCountAt,
  routeLines,
  routeWaypoints,
  splitRoutes,
  type ForceRibbon,
} from '../../src/scene/ribbonGeometry.ts';
import { bigWeekPlan, minimalCampaign } from './fixtures.ts';

const { records, plan } = bigWeekPlan();
const forcePlan = (id: string) => plan.forces.find((f) => f.forceId === id)!;
const ribbonsOf = (id: string) => forceRibbons(plan, (fp) => fp.forceId === id);

/** Straight from the instances: aircraft of the force on `route` not lost before they reach route time t. */
function airborneOnRoute(p: FlightPlan, fp: ForcePlan, routes: (r: number) => boolean, t: number): number {
  let n = 0;
  for (let i = fp.firstInstance; i < fp.firstInstance + fp.aircraft; i++) {
    if (!routes(p.instances.route[i]!)) continue;
    const loss = p.instances.events[i * 4]!;
    if (loss >= NEVER || loss - p.instances.delay[i]! > t) n++;
  }
  return n;
}

describe('force ribbons', () => {
  it('are as wide as the aircraft not lost before each point, all along a force of one route', () => {
    const fp = forcePlan('m226-f1-leipzig');
    expect(fp.routeEnd - fp.routeIndex).toBe(1);
    const [ribbon, ...others] = ribbonsOf(fp.forceId);
    expect(others).toEqual([]);
    expect(ribbon!.main).toBe(true);
    const first = ribbon!.samples[0]!.t;
    const last = ribbon!.samples[ribbon!.samples.length - 1]!.t;
    for (let k = 0; k <= 400; k++) {
      const t = first + ((last - first) * k) / 400;
      expect(ribbonCountAt(ribbon!, t), `t = ${t}`).toBe(airborneOnRoute(plan, fp, () => true, t));
    }
    expect(ribbon!.samples[0]!.count).toBe(fp.aircraft);
    expect(ribbon!.samples[ribbon!.samples.length - 1]!.count).toBe(fp.aircraft - fp.lossTimes.length);
  });

  it('narrows by one at each loss, where the lead was when it happened', () => {
    for (const id of ['m226-f1-leipzig', 'm226-f3-brunswick', 'raf-0219-main-leipzig']) {
      const fp = forcePlan(id);
      const ribbons = ribbonsOf(id);
      const losses = ribbons.flatMap((r) => r.losses.map((l) => ({ r, l })));
      expect(losses.length, id).toBe(fp.lossTimes.length);
      expect(losses.map(({ l }) => l.at).sort((a, b) => a - b)).toEqual(Array.from(fp.lossTimes));
      for (const { r, l } of losses) {
        expect(ribbonCountAt(r, l.t - 0.01) - ribbonCountAt(r, l.t), id).toBeGreaterThanOrEqual(1);
        const lead = trackAt(plan.routes, r.route, l.t, { state: 0, x: 0, y: 0, z: 0, fx: 0, fz: 0 });
        expect(lead.state).toBe(0);
        expect(l.x).toBeCloseTo(lead.x, 2);
        expect(l.z).toBeCloseTo(lead.z, 2);
      }
      // Never wider further along: aircraft only leave a ribbon.
      for (const r of ribbons)
        for (let i = 1; i < r.samples.length; i++) expect(r.samples[i]!.count).toBeLessThanOrEqual(r.samples[i - 1]!.count);
    }
  });

  it('steps down exactly at a loss, with samples every 10 km or closer in between', () => {
    const [ribbon] = ribbonsOf('raf-0219-main-leipzig');
    const s = ribbon!.samples;
    for (let i = 1; i < s.length; i++) {
      const d = Math.hypot(s[i]!.x - s[i - 1]!.x, s[i]!.z - s[i - 1]!.z);
      expect(d).toBeLessThanOrEqual(10 + 1e-6);
      // Between two samples the count changes only where they stand at the same place.
      if (s[i]!.count !== s[i - 1]!.count) expect(d).toBeLessThan(1e-6);
    }
  });

  it('split where aircraft leave the lead route: the abort branch carries them home', () => {
    // "about 100 B-26s abort": they turn back from the lead route, 35 fly on.
    const fp = forcePlan('ix-0220-b26');
    const ribbons = ribbonsOf(fp.forceId);
    const lead = ribbons.find((r) => r.main)!;
    const branches = ribbons.filter((r) => !r.main);
    expect(branches.length).toBeGreaterThan(0);
    expect(lead.samples[0]!.count).toBe(fp.aircraft);
    const turned = branches.reduce((n, b) => n + b.aircraft, 0);
    expect(turned).toBe(airborneOnRoute(plan, fp, (r) => r !== fp.routeIndex, Infinity));
    expect(lead.samples[lead.samples.length - 1]!.count).toBe(fp.aircraft - turned - fp.lossTimes.length);
    for (const b of branches) {
      // A branch starts where it leaves the lead route, at the lead route's time there.
      const start = b.samples[0]!;
      expect(
        lead.samples.some((s) => Math.abs(s.x - start.x) < 1e-3 && Math.abs(s.z - start.z) < 1e-3 && Math.abs(s.t - start.t) < 1),
      ).toBe(true);
      expect(ribbonCountAt(lead, start.t - 1) - ribbonCountAt(lead, start.t + 1)).toBeGreaterThanOrEqual(b.aircraft);
    }
  });

  it('draw a force of unstated strength at a fixed width, not narrowing from its token number', () => {
    const fp = forcePlan('xv-0225-b17-regensburg');
    expect(fp.strengthStated).toBe(false);
    const ribbons = ribbonsOf(fp.forceId);
    expect(ribbons.length).toBeGreaterThan(0);
    expect(ribbons.every((r) => !r.strengthStated)).toBe(true);
    const b = ribbonBuffers(ribbons, () => [1, 1, 1, 1], 823);
    expect(new Set(b.ribbon.filter((_, i) => i % 4 === 1))).toEqual(new Set([-1]));
    // Its losses are stated, and marked where they happened.
    expect(ribbons.reduce((n, r) => n + r.losses.length, 0)).toBe(fp.lossTimes.length);
  });

  it('builds one triangle list for a whole period, widths normalised to the largest force', () => {
    const periodId = records.periods[0]!.id;
    const ribbons = forceRibbons(plan, (fp) => fp.periodId === periodId);
    expect(new Set(ribbons.map((r) => r.forceId))).toEqual(
      new Set(plan.forces.filter((f) => f.periodId === periodId && f.aircraft > 0).map((f) => f.forceId)),
    );
    const full = Math.max(...plan.forces.map((f) => f.aircraft));
    const b = ribbonBuffers(ribbons, () => [1, 1, 1, 1], full);
    const samples = ribbons.reduce((n, r) => n + r.samples.length, 0);
    const marks = ribbons.reduce((n, r) => n + r.losses.length, 0);
    expect(b.position.length / 3).toBe(samples * 2 + marks * 4);
    expect(b.index.length).toBe((samples - ribbons.length) * 6 + marks * 6);
    expect(Math.max(...b.index)).toBe(samples * 2 + marks * 4 - 1);
    // aRibbon.y is the share of the largest force still flying.
    const first = ribbons[0]!.samples[0]!;
    expect(b.ribbon[1]).toBeCloseTo(first.count / full, 6);
    const widths = b.ribbon.filter((_, i) => i % 4 === 1);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...widths)).toBeLessThanOrEqual(1);
  });

  it('follow each route between waypoints as the aircraft do', () => {
    const [ribbon] = ribbonsOf('m226-f2-tutow') as [ForceRibbon];
    const track = { state: 0 as const, x: 0, y: 0, z: 0, fx: 0, fz: 0 };
    for (const s of ribbon.samples.filter((_, i) => i % 7 === 0)) {
      const p = trackAt(plan.routes, ribbon.route, s.t, track);
      expect(s.x).toBeCloseTo(p.x, 2);
      expect(s.y).toBeCloseTo(p.y, 3);
      expect(s.z).toBeCloseTo(p.z, 2);
    }
  });
});

describe('route corridors', () => {
  function campaign(schematic: Force['schematic']) {
    const json = minimalCampaign();
    json.periods[0]!.missions[0]!.forces[0]!.schematic = schematic;
    const result = loadCampaignJson('test.json', json);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const file = result.records;
    const forces = new Map(file.periods.flatMap((p) => p.missions.flatMap((m) => m.forces)).map((f) => [f.id, f]));
    return { plan: compileFlightPlan(file, THEATRES[file.campaign.theatre]), forces };
  }

  it('draws a schematic route as a corridor and a sourced one as a line', () => {
    const schematic = campaign(['route', 'timing']);
    const sourced = campaign(['timing']);
    const a = splitRoutes(routeLines(schematic.plan, schematic.forces, new Set(['f1'])));
    const b = splitRoutes(routeLines(sourced.plan, sourced.forces, new Set(['f1'])));
    expect(a.corridors.length).toBe(1);
    expect(a.lines).toEqual([]);
    expect(b.corridors).toEqual([]);
    expect(b.lines.length).toBe(1);

    // The corridor: a band two vertices wide along every point of the route, either side of it.
    const path = a.corridors[0]!;
    expect(path.points.length).toBe(routeWaypoints(schematic.plan, schematic.plan.forces[0]!.routeIndex).length);
    const buffers = corridorBuffers([path], () => [1, 1, 1]);
    expect(buffers.position.length / 3).toBe(path.points.length * 2);
    expect(buffers.index.length).toBe((path.points.length - 1) * 6);
    for (let v = 0; v < buffers.position.length / 3; v++) {
      expect(Math.abs(buffers.corridor[v * 3 + 1]!)).toBe(1);
      expect(Math.hypot(buffers.offset[v * 2]!, buffers.offset[v * 2 + 1]!)).toBeGreaterThanOrEqual(0.999);
    }
    // Distances along the corridor (for its dashed edges) grow from 0.
    expect(buffers.corridor[0]).toBe(0);
    expect(buffers.corridor[buffers.corridor.length - 3]).toBeGreaterThan(500);
  });

  it('draws the stretch a branch shares with its lead route once', () => {
    const b26 = forcePlan('ix-0220-b26');
    const forces = new Map(records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces)).map((f) => [f.id, f]));
    const lines = routeLines(plan, forces, new Set([b26.forceId]));
    const main = lines.find((l) => l.main)!;
    const branch = lines.find((l) => !l.main)!;
    expect(main.points.length).toBe(routeWaypoints(plan, b26.routeIndex).length);
    // The branch starts at the last point it shares with the lead route.
    const start = branch.points[0]!;
    expect(main.points.some((p) => p.every((v, i) => Math.abs(v - start[i]!) < 1e-3))).toBe(true);
    expect(branch.points.length).toBeLessThan(routeWaypoints(plan, b26.routeIndex + 1).length);
  });
});
