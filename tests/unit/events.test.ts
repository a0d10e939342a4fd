import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import { buildTimeline, nextEvent, previousEvent } from '../../src/timeline/events.ts';
import { bigWeekPlan } from './fixtures.ts';

const { records, plan } = bigWeekPlan();
const seconds = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const timeline = buildTimeline(records, plan, seconds(records.periods[0]!.start), seconds(records.periods.at(-1)!.end));

describe('the campaign timeline', () => {
  it('has one span per mission flown, from its first take-off to its last landing', () => {
    const flown = records.periods.flatMap((p) => p.missions);
    expect(timeline.missions.map((m) => m.id).sort()).toEqual(flown.map((m) => m.id).sort());
    for (const m of timeline.missions) {
      const forces = plan.forces.filter((f) => f.missionId === m.id);
      expect(m.from).toBe(Math.min(...forces.map((f) => f.takeoff)));
      expect(m.to).toBe(Math.max(...forces.map((f) => f.landed)));
    }
  });

  it('logs every loss once, in bursts per force', () => {
    const logged = timeline.events.filter((e) => e.kind === 'loss').reduce((s, e) => s + Number(e.text.split(' ')[0]), 0);
    expect(logged).toBe(plan.lossTimes.length);
  });

  it('puts each bomber force over its target when the plan has its lead there', () => {
    const leipzig = plan.forces.find((f) => f.forceId === 'm226-f1-leipzig')!;
    const event = timeline.events.find((e) => e.kind === 'target' && e.text.startsWith('1st force'))!;
    expect(event.t).toBe(leipzig.overTarget);
    expect(event.text).toMatch(/Leipzig/);
  });

  it('jumps to the next and previous events of a kind', () => {
    const noon = seconds('1944-02-20T12:00:00+01:00');
    const losses = new Set(['loss'] as const);
    const next = nextEvent(timeline, noon, losses)!;
    expect(next.t).toBeGreaterThan(noon);
    expect(timeline.events.some((e) => e.kind === 'loss' && e.t > noon && e.t < next.t)).toBe(false);
    const back = previousEvent(timeline, next.t, losses)!;
    expect(back.t).toBeLessThan(next.t);
    expect(nextEvent(timeline, timeline.end)).toBeNull();
  });

  it('divides each mission into assembly, rendezvous, target and withdrawal, in order and without gaps', () => {
    const chapters = timeline.chapters.filter((c) => c.missionId === 'usaaf-226');
    expect(chapters.map((c) => c.name)).toEqual(['Assembly', 'Rendezvous', 'Target', 'Withdrawal']);
    for (let i = 1; i < chapters.length; i++) expect(chapters[i]!.from).toBe(chapters[i - 1]!.to);
    const mission = timeline.missions.find((m) => m.id === 'usaaf-226')!;
    expect(chapters[0]!.from).toBe(mission.from);
    expect(chapters.at(-1)!.to).toBe(mission.to);
  });

  it('divides the months of the Korean campaign into weeks', () => {
    const loaded = loadCampaignText('korea.json', readFileSync('data/korea-1951-strangle.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const kplan = compileFlightPlan(loaded.records, THEATRES['korea-1951']);
    const k = buildTimeline(loaded.records, kplan, 0, 1e9);
    const september = k.chapters.filter((c) => c.periodId === '1951-09');
    expect(september.map((c) => c.name)).toEqual(['Week 1', 'Week 2', 'Week 3', 'Week 4', 'Week 5']);
    expect(september.at(-1)!.to - september[0]!.from).toBe(30 * 86400);
  });
});
