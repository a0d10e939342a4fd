import { describe, expect, it } from 'vitest';
import { countValue } from '../../src/records/counts.ts';
import { airborneAt, createFigureModel, createFiguresNow, figuresAt } from '../../src/timeline/periodFigures.ts';
import { periodTotals } from '../shared/recordTotals.ts';
import { bigWeekPlan } from './fixtures.ts';

const { records, plan } = bigWeekPlan();
const model = createFigureModel(records, plan);
const period = records.periods[0]!;
const seconds = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;

describe('figures as a function of time', () => {
  it('start at zero before anything has flown', () => {
    const now = figuresAt(model, seconds(period.start), createFiguresNow(model));
    expect(now.periods.get(period.id)).toMatchObject({ dispatched: 0, lost: 0, damaged: 0, kia: 0 });
  });

  it('reach the records’ totals by the end of the day', () => {
    const now = figuresAt(model, seconds(period.end), createFiguresNow(model));
    expect(now.periods.get(period.id)).toMatchObject(periodTotals(period));
  });

  it('never decrease as the clock runs', () => {
    const out = createFiguresNow(model);
    let previous = -1;
    for (let t = seconds(period.start); t <= seconds(period.end); t += 600) {
      const lost = figuresAt(model, t, out).periods.get(period.id)!.lost;
      expect(lost).toBeGreaterThanOrEqual(previous);
      previous = lost;
    }
  });

  it('count the night raid’s losses before the day raid takes off', () => {
    const dawn = figuresAt(model, seconds('1944-02-20T08:00:00+01:00'), createFiguresNow(model));
    const raf = model.rows.findIndex((r) => r.missionId.startsWith('raf-'));
    expect(dawn.rows[raf]!.lost).toBe(
      countValue(period.missions.find((m) => m.id.startsWith('raf-'))!.jointFigures[0]!.losses?.lost),
    );
    expect(dawn.periods.get(period.id)!.lost).toBe(dawn.rows[raf]!.lost);
  });

  it('report damage and claims only once a force has landed', () => {
    const m226 = model.rows.findIndex((r) => r.missionId === 'usaaf-226' && r.group === 'bombers');
    const overTarget = figuresAt(model, seconds('1944-02-20T13:30:00+01:00'), createFiguresNow(model)).rows[m226]!;
    expect(overTarget.damaged).toBe(0);
    expect(overTarget.claimsDestroyed).toBe(0);
    expect(overTarget.lost).toBeGreaterThan(0);
  });

  it('count nobody in the air before the first take-off and after the last landing', () => {
    expect(airborneAt(plan, seconds(period.start))).toBe(0);
    const lastLanding = Math.max(...plan.endTimes);
    expect(airborneAt(plan, lastLanding)).toBe(0);
    expect(airborneAt(plan, lastLanding - 60)).toBeGreaterThan(0);
    expect(airborneAt(plan, seconds('1944-02-20T12:00:00+01:00'))).toBeGreaterThan(1000);
  });
});
