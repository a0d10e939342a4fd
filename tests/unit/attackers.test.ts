import { describe, expect, it } from 'vitest';
import { MAX_WAYPOINTS, NEVER, aircraftPose, createPose } from '../../src/motion/flight.ts';
import { countValue } from '../../src/records/counts.ts';
import { airborneAt } from '../../src/timeline/periodFigures.ts';
import { bigWeekPlan } from './fixtures.ts';

const { records, plan } = bigWeekPlan();
const inst = plan.instances;
const all = Array.from({ length: inst.count }, (_, i) => i);
const opponents = all.filter((i) => inst.style[i * 2 + 1] === 1);
const seconds = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const within = (t: number, period: { start: string; end: string }) => t >= seconds(period.start) && t < seconds(period.end);
const batchPeriodOf = (i: number) => plan.batches.find((b) => i >= b.start && i < b.start + b.count)!.periodId;

describe('German fighters where the bombers were lost and where the crews claimed', () => {
  it('shoots down exactly the German aircraft the sources record lost each day, and none on days they give none', () => {
    for (const period of records.periods) {
      const recorded = period.metrics.find((m) => m.side === 'axis' && m.key === 'luftwaffe-aircraft-lost');
      const fallen = opponents.filter((i) => batchPeriodOf(i) === period.id && inst.events[i * 4]! < NEVER);
      expect(fallen.length, period.id).toBe(recorded ? countValue(recorded.value) : 0);
      for (const i of fallen) expect(within(inst.events[i * 4]!, period), period.id).toBe(true);
    }
    expect(plan.opponents.lossTimes.length).toBe(74 + 30);
  });

  it('draws at least as many attackers on a day as the crews claimed destroyed', () => {
    for (const period of records.periods) {
      const claimed = period.missions.reduce(
        (sum, m) =>
          sum +
          m.forces.reduce((s, f) => s + countValue(f.claims?.destroyed), 0) +
          m.jointFigures.reduce((s, j) => s + countValue(j.claims?.destroyed), 0),
        0,
      );
      const drawn = opponents.filter((i) => batchPeriodOf(i) === period.id).length;
      expect(drawn, period.id).toBeGreaterThanOrEqual(claimed);
    }
  });

  it('puts an attacker beside each lost bomber of the 20 February day raid when it goes down', () => {
    const day = plan.forces.filter((f) => f.missionId === 'usaaf-226' && f.lossTimes.length > 0);
    const pose = createPose();
    const other = createPose();
    let checked = 0;
    for (const fp of day) {
      for (let i = fp.firstInstance; i < fp.firstInstance + fp.aircraft; i++) {
        const lossTime = inst.events[i * 4]!;
        if (lossTime >= NEVER) continue;
        aircraftPose(plan.routes, inst, i, lossTime, 1, pose);
        let nearest = Infinity;
        for (const j of opponents) {
          aircraftPose(plan.routes, inst, j, lossTime, 1, other);
          if (other.visible) nearest = Math.min(nearest, Math.hypot(other.x - pose.x, other.z - pose.z));
        }
        expect(nearest, `${fp.forceId} #${i}`).toBeLessThan(25);
        checked++;
      }
    }
    expect(checked).toBe(day.reduce((s, f) => s + f.lossTimes.length, 0));
  });

  it('never counts them among the aircraft airborne or lost in the records', () => {
    const ours = all.filter((i) => inst.style[i * 2 + 1] === 0);
    for (const iso of ['1944-02-20T12:30:00+01:00', '1944-02-22T13:00:00+01:00', '1944-02-25T12:00:00+01:00']) {
      const t = seconds(iso);
      const inAir = ours.filter((i) => plan.startTimes[i]! <= t && plan.endTimes[i]! > t).length;
      expect(airborneAt(plan, t), iso).toBe(inAir);
    }
    const recordLosses = plan.forces.reduce((s, f) => s + f.lossTimes.length, 0);
    expect(plan.lossTimes.length).toBe(recordLosses);
  });
});

describe('escorts meet the bombers they cover', () => {
  it('pass a shared place of the route at the moment the bombers lead passes it', () => {
    const placeTime = (routeIndex: number, k: number) => plan.routes.data[(routeIndex * MAX_WAYPOINTS + k) * 4 + 3]!;
    const forces = records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces));
    const escorts = forces.filter((f) => f.role === 'escort' && (f.escorting ?? []).length > 0 && f.id.startsWith('m228'));
    expect(escorts.length).toBe(3);
    for (const escort of escorts) {
      const ep = plan.forces.find((f) => f.forceId === escort.id)!;
      const meetings = escort.route.flatMap((place, k) =>
        escort.escorting!.flatMap((id) => {
          const bomber = forces.find((f) => f.id === id)!;
          const bp = plan.forces.find((f) => f.forceId === id)!;
          return bomber.route.flatMap((p, j) =>
            p === place && Math.abs(placeTime(ep.routeIndex, k) - placeTime(bp.routeIndex, j)) < 1 ? [place] : [],
          );
        }),
      );
      expect(meetings.length, escort.id).toBeGreaterThan(0);
    }
  });
});
