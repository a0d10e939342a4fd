/**
 * What happens when, for the timeline, its chapters, the next/previous-event buttons and the
 * mission log: take-offs, rendezvous, targets, losses and landings, from the compiled plan.
 * Computed once per campaign; the frame loop only searches the sorted arrays.
 */
import type { FlightPlan, ForcePlan } from '../motion/compile.ts';
import type { CampaignFile, Force, Mission } from '../records/schema.ts';
import { shortPeriodLabel } from './format.ts';
import { countAtOrBefore } from './sorted.ts';

export type EventKind = 'takeoff' | 'rendezvous' | 'target' | 'loss' | 'landed';

export interface TimelineEvent {
  /** Seconds after the plan's epoch. */
  t: number;
  kind: EventKind;
  periodId: string;
  missionId: string;
  /** What happened, without the clock time, in English: "1st force (Leipzig) over Leipzig-Mockau". */
  text: string;
  /** The same as parts, for the mission log to word in the interface language. */
  phrase: EventPhrase;
  /** True when the time is reconstructed, not stated by a source. */
  schematic: boolean;
}

/** A force as an event names it: its label, else its aircraft type in the plural. */
export interface ForceName {
  id: string;
  label?: string;
  aircraft: string;
}

/** What an event says, without words: each kind has one phrase per language. */
export type EventPhrase =
  | { kind: 'takeoff'; mission: { id: string; label: string }; force: ForceName }
  | { kind: 'rendezvous'; force: ForceName }
  | { kind: 'target'; force: ForceName; place: { id: string; name: string } }
  | { kind: 'turnBack'; force: ForceName }
  | { kind: 'loss'; force: ForceName; n: number }
  | { kind: 'landed'; mission: { id: string; label: string } };

export interface Chapter {
  name: 'Assembly' | 'Rendezvous' | 'Target' | 'Withdrawal' | string;
  from: number;
  to: number;
  periodId: string;
  missionId?: string;
  schematic: boolean;
}

export interface MissionSpan {
  id: string;
  label: string;
  periodId: string;
  from: number;
  to: number;
}

export interface CampaignTimeline {
  start: number;
  end: number;
  periods: { id: string; label: string; short: string; from: number; to: number }[];
  missions: MissionSpan[];
  /** Sorted by time. */
  events: TimelineEvent[];
  eventTimes: Float64Array;
  chapters: Chapter[];
}

const DAY_S = 86400;
const WEEK_S = 7 * DAY_S;
/** Losses of one force closer together than this make one log entry. */
const LOSS_GROUP_S = 600;

export function buildTimeline(file: CampaignFile, plan: FlightPlan, start: number, end: number): CampaignTimeline {
  const toSeconds = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
  const places = new Map(file.places.map((p) => [p.id, p.name]));
  const byForce = new Map(plan.forces.filter((f) => f.origin === 'record').map((f) => [f.forceId, f]));
  const events: TimelineEvent[] = [];
  const chapters: Chapter[] = [];
  const missions: MissionSpan[] = [];

  for (const period of file.periods) {
    for (const mission of period.missions) {
      const plans = mission.forces.flatMap((f) => (byForce.has(f.id) ? [[f, byForce.get(f.id)!] as const] : []));
      if (plans.length === 0) continue;
      const add = (t: number, kind: EventKind, phrase: EventPhrase, schematic: boolean) =>
        events.push({ t, kind, periodId: period.id, missionId: mission.id, text: englishText(phrase), phrase, schematic });
      const from = Math.min(...plans.map(([, fp]) => fp.takeoff));
      const to = Math.max(...plans.map(([, fp]) => fp.landed));
      missions.push({ id: mission.id, label: mission.label, periodId: period.id, from, to });
      const timed = (f: Force, key: 'takeoff' | 'overTarget') => f.timing[key] !== undefined && f.timing.source !== undefined;
      const missionName = { id: mission.id, label: mission.label };

      const first = plans.reduce((a, b) => (b[1].takeoff < a[1].takeoff ? b : a));
      add(from, 'takeoff', { kind: 'takeoff', mission: missionName, force: forceName(first[0]) }, !timed(first[0], 'takeoff'));
      for (const [force, fp] of plans) {
        const name = forceName(force);
        if (fp.rendezvous !== undefined) add(fp.rendezvous, 'rendezvous', { kind: 'rendezvous', force: name }, true);
        const target = force.targets.find((t) => t.place)?.place;
        if (force.role !== 'escort' && fp.aircraft > 0)
          add(
            fp.overTarget,
            'target',
            target
              ? { kind: 'target', force: name, place: { id: target, name: places.get(target) ?? target } }
              : { kind: 'turnBack', force: name },
            !timed(force, 'overTarget'),
          );
        lossGroups(fp).forEach(({ t, n }) => add(t, 'loss', { kind: 'loss', force: name, n }, true));
      }
      add(to, 'landed', { kind: 'landed', mission: missionName }, true);
      chapters.push(...missionChapters(mission, plans, period.id));
    }
  }
  // Periods counted in months read by their weeks.
  for (const period of file.periods) {
    const from = toSeconds(period.start);
    const to = toSeconds(period.end);
    if (to - from <= 3 * DAY_S) continue;
    for (let k = 0, a = from; a < to; k++, a += WEEK_S)
      chapters.push({ name: `Week ${k + 1}`, from: a, to: Math.min(to, a + WEEK_S), periodId: period.id, schematic: false });
  }
  events.sort((a, b) => a.t - b.t);
  return {
    start,
    end,
    periods: file.periods.map((p) => ({
      id: p.id,
      label: p.label,
      short: shortPeriodLabel(p.start, p.end, file.campaign.utcOffset),
      from: toSeconds(p.start),
      to: toSeconds(p.end),
    })),
    missions,
    events,
    eventTimes: Float64Array.from(events.map((e) => e.t)),
    chapters,
  };
}

function forceName(force: Force): ForceName {
  return force.label === undefined
    ? { id: force.id, aircraft: force.aircraft }
    : { id: force.id, label: force.label, aircraft: force.aircraft };
}

/** The English of a phrase; the mission log words it in the interface language (common.json, log.*). */
export function englishText(p: EventPhrase): string {
  const force = (f: ForceName) => f.label ?? `${f.aircraft}s`;
  switch (p.kind) {
    case 'takeoff':
      return `${p.mission.label}: first take-off (${force(p.force)})`;
    case 'rendezvous':
      return `${force(p.force)} meet the bombers`;
    case 'target':
      return `${force(p.force)} over ${p.place.name}`;
    case 'turnBack':
      return `${force(p.force)} at the turn-back point`;
    case 'loss':
      return `${p.n} ${p.force.aircraft} of ${force(p.force)} lost`;
    case 'landed':
      return `${p.mission.label}: last aircraft down`;
  }
}

/** A force's losses in groups: one per burst, at the time of its first loss. */
function lossGroups(fp: ForcePlan): { t: number; n: number }[] {
  const groups: { t: number; n: number }[] = [];
  for (const t of fp.lossTimes) {
    const last = groups[groups.length - 1];
    if (last && t - last.t < LOSS_GROUP_S) last.n++;
    else groups.push({ t, n: 1 });
  }
  return groups;
}

/**
 * A mission's chapters: assembly from the first take-off, rendezvous from the escorts' first
 * meeting (or a third of the way to the target when none flew), the target from the first
 * force over it to the last, withdrawal until the last landing. Times mostly reconstructed.
 */
function missionChapters(mission: Mission, plans: readonly (readonly [Force, ForcePlan])[], periodId: string): Chapter[] {
  const bombers = plans.filter(([f, fp]) => f.role !== 'escort' && fp.aircraft > 0).map(([, fp]) => fp);
  const all = plans.map(([, fp]) => fp);
  const from = Math.min(...all.map((fp) => fp.takeoff));
  const to = Math.max(...all.map((fp) => fp.landed));
  const targets = (bombers.length ? bombers : all).map((fp) => fp.overTarget);
  const targetFrom = Math.min(...targets);
  // The target chapter runs until the last force has bombed, and a few minutes beyond.
  const targetTo = Math.min(to, Math.max(...targets) + 600);
  const meetings = all.flatMap((fp) => (fp.rendezvous !== undefined && fp.rendezvous < targetFrom ? [fp.rendezvous] : []));
  const rendezvous = meetings.length ? Math.min(...meetings) : from + (targetFrom - from) / 3;
  const spans: [Chapter['name'], number, number][] = [
    ['Assembly', from, rendezvous],
    ['Rendezvous', rendezvous, targetFrom],
    ['Target', targetFrom, targetTo],
    ['Withdrawal', targetTo, to],
  ];
  return spans
    .filter(([, a, b]) => b > a)
    .map(([name, a, b]) => ({ name, from: a, to: b, periodId, missionId: mission.id, schematic: true }));
}

/** The first event after `t` (strictly), or null. */
export function nextEvent(timeline: CampaignTimeline, t: number, kinds?: ReadonlySet<EventKind>): TimelineEvent | null {
  for (let i = countAtOrBefore(timeline.eventTimes, t + 0.5); i < timeline.events.length; i++) {
    const e = timeline.events[i]!;
    if (!kinds || kinds.has(e.kind)) return e;
  }
  return null;
}

/** The last event before `t` (strictly, by more than a second), or null. */
export function previousEvent(timeline: CampaignTimeline, t: number, kinds?: ReadonlySet<EventKind>): TimelineEvent | null {
  for (let i = countAtOrBefore(timeline.eventTimes, t - 1) - 1; i >= 0; i--) {
    const e = timeline.events[i]!;
    if (!kinds || kinds.has(e.kind)) return e;
  }
  return null;
}
