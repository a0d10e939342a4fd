import { describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { TOKEN_STRENGTH, apportion, compileFlightPlan } from '../../src/motion/compile.ts';
import { FALL_SECONDS, NEVER, aircraftPose, createPose } from '../../src/motion/flight.ts';
import { countValue } from '../../src/records/counts.ts';
import type { Force } from '../../src/records/schema.ts';
import { loadCampaignJson } from '../../src/records/load.ts';
import { createFigureModel } from '../../src/timeline/periodFigures.ts';
import { bigWeekPlan, minimalCampaign } from './fixtures.ts';

const { records, plan } = bigWeekPlan();
const allForces = records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces));
const forceRecord = (id: string) => allForces.find((f) => f.id === id)!;
const isOpponent = (i: number) => plan.instances.style[i * 2 + 1] === 1;
const recordInstances = Array.from({ length: plan.instances.count }, (_, i) => i).filter((i) => !isOpponent(i));
// A force of unstated strength flies as a token formation.
const drawn = (f: Force) =>
  f.dispatched !== undefined
    ? countValue(f.dispatched)
    : f.effective !== undefined || f.aborted !== undefined
      ? countValue(f.effective) + countValue(f.aborted)
      : TOKEN_STRENGTH;

describe('compiling the Big Week records', () => {
  it('draws every aircraft the records dispatched, force by force', () => {
    for (const fp of plan.forces) expect(fp.aircraft, fp.forceId).toBe(drawn(forceRecord(fp.forceId)));
    expect(recordInstances.length).toBe(allForces.reduce((sum, f) => sum + drawn(f), 0));
  });

  it('loses exactly the recorded number of aircraft, joint figures included', () => {
    const jointLost = records.periods
      .flatMap((p) => p.missions.flatMap((m) => m.jointFigures))
      .reduce((s, j) => s + countValue(j.losses?.lost), 0);
    const forceLost = allForces.reduce((s, f) => s + countValue(f.losses?.lost), 0);
    let lostInstances = 0;
    for (const i of recordInstances) if (plan.instances.events[i * 4]! < NEVER) lostInstances++;
    expect(lostInstances).toBe(forceLost + jointLost);
    expect(plan.lossTimes.length).toBe(forceLost + jointLost);
    const leipzig = plan.forces.find((f) => f.forceId === 'm226-f1-leipzig')!;
    expect(leipzig.lossTimes.length).toBe(countValue(forceRecord('m226-f1-leipzig').losses?.lost));
  });

  it('loses each aircraft while it is in the air', () => {
    for (let i = 0; i < plan.instances.count; i++) {
      const lossTime = plan.instances.events[i * 4]!;
      if (lossTime >= NEVER) continue;
      expect(lossTime).toBeGreaterThan(plan.startTimes[i]!);
      const pose = aircraftPose(plan.routes, plan.instances, i, lossTime - 1, 1, createPose());
      expect(pose.visible).toBe(true);
      expect(plan.endTimes[i]).toBeCloseTo(lossTime + FALL_SECONDS, 3);
    }
  });

  it('puts the recorded clock anchors where the record says', () => {
    const leaflets = plan.forces.find((f) => f.forceId === 'm227-leaflet-b17')!;
    const stated = forceRecord('m227-leaflet-b17').timing.overTarget!;
    expect(plan.epochMs + leaflets.overTarget * 1000).toBe(Date.parse(stated));
  });

  it('sends the recorded number of aircraft to each target off the lead route', () => {
    const fp = plan.forces.find((f) => f.forceId === 'm226-f1-leipzig')!;
    const force = forceRecord(fp.forceId);
    const counts = new Map<number, number>();
    for (let i = 0; i < plan.instances.count; i++) {
      const r = plan.instances.route[i]!;
      if (r >= fp.routeIndex && r < fp.routeEnd) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const offRoute = force.targets.filter((t) => t.place && !force.route.includes(t.place) && countValue(t.aircraft) > 0);
    expect([...counts.values()].slice(1).sort()).toEqual(offRoute.map((t) => countValue(t.aircraft)).sort());
  });

  it('is deterministic: the same records give the same scene', () => {
    const again = compileFlightPlan(records, THEATRES['europe-1944']);
    expect(again.instances.events).toEqual(plan.instances.events);
    expect(again.routes.data).toEqual(plan.routes.data);
  });

  it('shares figures stated jointly by largest remainder, keeping the total', () => {
    expect(apportion(79, [823, 24, 7])).toEqual([76, 2, 1]);
    expect(apportion(4, [94, 668, 73])).toEqual([1, 3, 0]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('a force whose strength no source states', () => {
  it('is drawn as a token formation that adds nothing to the figures', () => {
    const json = minimalCampaign();
    const force = json.periods[0]!.missions[0]!.forces[0]! as Record<string, unknown>;
    delete force.dispatched;
    force.targets = [{ place: 'target', kind: 'primary' }];
    force.losses = { lost: 2 };
    const result = loadCampaignJson('token.json', json);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const tokenPlan = compileFlightPlan(result.records, THEATRES['europe-1944']);
    expect(tokenPlan.forces[0]).toMatchObject({ aircraft: TOKEN_STRENGTH, strengthStated: false });
    expect(tokenPlan.lossTimes.length).toBe(2);
    const model = createFigureModel(result.records, tokenPlan);
    expect(model.rows[0]!.final.dispatched).toBe(0);
    expect(model.rows[0]!.final.lost).toBe(2);
  });
});
