/**
 * The figures on screen as a pure function of time. Losses accrue at the instant the scene
 * shows each aircraft leave its stream; damage, claims and casualties were known only when the
 * crews were debriefed, so they accrue when the force has landed. Dispatched counts a force from
 * its first take-off. Evaluation is a few binary searches per force: cheap enough every frame.
 */
import type { FlightPlan } from '../motion/compile.ts';
import { FALL_SECONDS, NEVER, trackAt } from '../motion/flight.ts';
import { countValue } from '../records/counts.ts';
import type { CampaignFile, Claims, Force, Losses, Casualties } from '../records/schema.ts';
import { countAtOrBefore } from './sorted.ts';

export const FIGURE_KEYS = [
  'dispatched',
  'effective',
  'lost',
  'damagedBeyondRepair',
  'damaged',
  'claimsDestroyed',
  'claimsProbable',
  'claimsDamaged',
  'kia',
  'wia',
  'mia',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export type RowGroup = 'bombers' | 'fighters';

export interface FigureRow {
  missionId: string;
  periodId: string;
  group: RowGroup;
  label: string;
  /** The full figures the record gives, for "of N" displays. */
  final: Figures;
  /** Sorted loss times (s) of every aircraft of the row. */
  lossTimes: Float64Array;
}

interface Accrual {
  row: number;
  at: number;
  values: Partial<Figures>;
}

export interface FigureModel {
  rows: FigureRow[];
  accruals: Accrual[];
  plan: FlightPlan;
}

export interface FiguresNow {
  rows: Figures[];
  /** Totals per period id. */
  periods: Map<string, Figures>;
}

export const emptyFigures = (): Figures => Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;

const groupOf = (f: Force): RowGroup => (f.role === 'escort' || f.role === 'fighter-bomber' ? 'fighters' : 'bombers');

function recordFigures(claims?: Claims, losses?: Losses, casualties?: Casualties): Partial<Figures> {
  return {
    damagedBeyondRepair: countValue(losses?.damagedBeyondRepair),
    damaged: countValue(losses?.damaged),
    claimsDestroyed: countValue(claims?.destroyed),
    claimsProbable: countValue(claims?.probable),
    claimsDamaged: countValue(claims?.damaged),
    kia: countValue(casualties?.kia),
    wia: countValue(casualties?.wia),
    mia: countValue(casualties?.mia),
  };
}

/**
 * Aircraft credited to the force's primary targets: the sum the record gives target by target,
 * or the force's stated effective strength where it gives no breakdown; counted over the target.
 */
export function effectiveOf(force: Force): number {
  const primaries = force.targets.filter((t) => t.kind === 'primary' && t.aircraft !== undefined);
  if (primaries.length > 0) return primaries.reduce((s, t) => s + countValue(t.aircraft), 0);
  return countValue(force.effective);
}

export function createFigureModel(file: CampaignFile, plan: FlightPlan): FigureModel {
  const rows: FigureRow[] = [];
  const accruals: Accrual[] = [];
  const forcePlans = new Map(plan.forces.map((f) => [f.forceId, f]));
  for (const period of file.periods)
    for (const mission of period.missions) {
      const rowOf = new Map<RowGroup, number>();
      const rowFor = (group: RowGroup) => {
        let r = rowOf.get(group);
        if (r === undefined) {
          r = rows.length;
          rowOf.set(group, r);
          const hasBoth = new Set(mission.forces.map(groupOf)).size > 1;
          rows.push({
            missionId: mission.id,
            periodId: period.id,
            group,
            label: hasBoth ? `${mission.label}: ${group === 'bombers' ? 'bombers' : 'escorts'}` : mission.label,
            final: emptyFigures(),
            lossTimes: new Float64Array(0),
          });
        }
        return r;
      };
      const rowLosses = new Map<number, number[]>();
      for (const force of mission.forces) {
        const fp = forcePlans.get(force.id)!;
        const r = rowFor(groupOf(force));
        rowLosses.set(r, [...(rowLosses.get(r) ?? []), ...fp.lossTimes]);
        // A token formation drawn for a force of unstated strength adds nothing to the figures.
        accruals.push({ row: r, at: fp.takeoff, values: { dispatched: fp.strengthStated ? fp.aircraft : 0 } });
        accruals.push({ row: r, at: fp.landed, values: recordFigures(force.claims, force.losses, force.casualties) });
        accruals.push({ row: r, at: fp.overTarget, values: { effective: effectiveOf(force) } });
      }
      for (const joint of mission.jointFigures) {
        const members = joint.forces.map((id) => mission.forces.find((f) => f.id === id)!);
        const r = rowFor(groupOf(members[0]!));
        const landed = Math.max(...members.map((f) => forcePlans.get(f.id)!.landed));
        accruals.push({ row: r, at: landed, values: recordFigures(joint.claims, joint.losses, joint.casualties) });
      }
      for (const [r, times] of rowLosses) rows[r]!.lossTimes = Float64Array.from(times).sort();
    }
  for (const a of accruals) addInto(rows[a.row]!.final, a.values);
  for (const row of rows) row.final.lost = row.lossTimes.length;
  return { rows, accruals, plan };
}

export function createFiguresNow(model: FigureModel): FiguresNow {
  const periods = new Map<string, Figures>();
  for (const row of model.rows) if (!periods.has(row.periodId)) periods.set(row.periodId, emptyFigures());
  return { rows: model.rows.map(emptyFigures), periods };
}

/** Fills `out` with the figures at `time` (s after the plan epoch). Allocates nothing. */
export function figuresAt(model: FigureModel, time: number, out: FiguresNow): FiguresNow {
  for (const f of out.rows) clear(f);
  for (const f of out.periods.values()) clear(f);
  for (const a of model.accruals) if (a.at <= time) addInto(out.rows[a.row]!, a.values);
  model.rows.forEach((row, r) => {
    const f = out.rows[r]!;
    f.lost = countAtOrBefore(row.lossTimes, time);
    addInto(out.periods.get(row.periodId)!, f);
  });
  return out;
}

/** Aircraft in the air (falling ones included) at `time`. */
export function airborneAt(plan: FlightPlan, time: number): number {
  return countAtOrBefore(plan.sortedStarts, time) - countAtOrBefore(plan.sortedEnds, time);
}

/** Aircraft of a period's forces lost by `time`: what its crash markers and falling aircraft show. */
export function periodLostAt(plan: FlightPlan, periodId: string | null, time: number): number {
  let lost = 0;
  for (const f of plan.forces) if (f.periodId === periodId) lost += countAtOrBefore(f.lossTimes, time);
  return lost;
}

function clear(f: Figures) {
  for (const k of FIGURE_KEYS) f[k] = 0;
}

function addInto(into: Figures, values: Partial<Figures>) {
  for (const k of FIGURE_KEYS) {
    const v = values[k];
    if (v) into[k] += v;
  }
}

/**
 * What the scene shows of each period's own forces, as sorted event times taken once from the
 * per-instance attributes the GPU draws with (float32, as the shaders compare them).
 */
export interface SceneCountModel {
  periods: Map<string, SceneCountTimes>;
}

interface SceneCountTimes {
  /** Loss times of the lost aircraft whose loss happens on their route (the ones drawn falling). */
  lossTimes: Float64Array;
  /** When each of those reaches the ground and its crash marker appears: lossTime + FALL_SECONDS in float32. */
  downTimes: Float64Array;
  /** Damage times by level: damaged (1), damaged beyond repair (2). */
  damageTimes: Float64Array;
  beyondRepairTimes: Float64Array;
}

export interface SceneCounts {
  /** Falling now: lost, not yet on the ground. */
  falling: number;
  /** Crash markers on the ground. */
  crashMarkers: number;
  /** Damaged so far, by level, counted at the moment of damage (the overlay counts at debriefing). */
  damaged: number;
  damagedBeyondRepair: number;
}

export function createSceneCountModel(plan: FlightPlan): SceneCountModel {
  const inst = plan.instances;
  const ev = inst.events;
  const lists = new Map<string, { loss: number[]; down: number[]; damage: number[]; dbr: number[] }>();
  for (const f of plan.forces) {
    let l = lists.get(f.periodId);
    if (!l) lists.set(f.periodId, (l = { loss: [], down: [], damage: [], dbr: [] }));
    for (let i = f.firstInstance; i < Math.min(inst.count, f.firstInstance + f.aircraft); i++) {
      const lossTime = ev[i * 4]!;
      // crashVertexShader draws no marker for a loss off the route; flightVertexShader no fall.
      if (lossTime < NEVER && trackAt(plan.routes, inst.route[i]!, lossTime - inst.delay[i]!).state === 0) {
        l.loss.push(lossTime);
        l.down.push(Math.fround(lossTime + FALL_SECONDS));
      }
      if (ev[i * 4 + 1]! < NEVER && ev[i * 4 + 2]! > 0.5) (ev[i * 4 + 2]! > 1.5 ? l.dbr : l.damage).push(ev[i * 4 + 1]!);
    }
  }
  const sorted = (a: number[]) => Float64Array.from(a).sort();
  return {
    periods: new Map(
      [...lists].map(([id, l]) => [
        id,
        { lossTimes: sorted(l.loss), downTimes: sorted(l.down), damageTimes: sorted(l.damage), beyondRepairTimes: sorted(l.dbr) },
      ]),
    ),
  };
}

/** The scene's counts for a period's forces at `time` (s after the plan epoch): one binary search per array. */
export function sceneCountsAt(
  model: SceneCountModel,
  periodId: string | null,
  time: number,
  out: SceneCounts = { falling: 0, crashMarkers: 0, damaged: 0, damagedBeyondRepair: 0 },
): SceneCounts {
  const p = periodId === null ? undefined : model.periods.get(periodId);
  // The shaders compare float32 uTime with float32 event times.
  const t = Math.fround(time);
  const down = p ? countAtOrBefore(p.downTimes, t) : 0;
  out.falling = p ? countAtOrBefore(p.lossTimes, t) - down : 0;
  out.crashMarkers = down;
  out.damaged = p ? countAtOrBefore(p.damageTimes, t) : 0;
  out.damagedBeyondRepair = p ? countAtOrBefore(p.beyondRepairTimes, t) : 0;
  return out;
}
