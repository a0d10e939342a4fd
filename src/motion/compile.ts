/**
 * Compile validated records into flat typed arrays, once per campaign: a route table and
 * per-aircraft attributes for the GPU, and sorted event times for the overlays. Everything
 * reconstructed here (clock times between anchors, formation slots, which aircraft are lost
 * and when) is schematic and deterministic: the same records always give the same scene.
 */
import { project, type TheatreFrame } from '../geo/projection.ts';
import { countValue } from '../records/counts.ts';
import type { CampaignFile, Force, Mission, Period, Place } from '../records/schema.ts';
import { formationStyle, typeProfile, SILHOUETTES, type FormationStyle, type Silhouette } from './aircraftTypes.ts';
import { FALL_SECONDS, MAX_WAYPOINTS, NEVER, type InstanceAttributes, type RouteTable } from './flight.ts';
import { compileAttackers } from './attackers.ts';
import { compileFlows } from './flows.ts';
import { mulberry32, hashString } from './random.ts';

/**
 * Aircraft drawn for a force whose strength no source states (the Fifteenth Air Force's raids
 * in the Big Week text): a token formation, labelled as such, never counted as a figure.
 */
export const TOKEN_STRENGTH = 12;

/** Combat boxes of about 18 aircraft, three boxes to a combat wing. */
const BOX_SIZE = 18;
const BOX_GAP_S = 40;
const WING_GAP_S = 75;

export interface ForcePlan {
  /** 'record': a force of the records. 'flow': aircraft generated from period metrics (schematic). */
  origin: 'record' | 'flow';
  forceId: string;
  missionId: string;
  periodId: string;
  silhouette: Silhouette;
  style: FormationStyle;
  /** Aircraft drawn: dispatched, or effective + aborted where dispatched is not stated. */
  aircraft: number;
  /** False when no source gives the force's strength and a token formation is drawn. */
  strengthStated: boolean;
  /** Instance range in the plan (instances are grouped by silhouette). */
  firstInstance: number;
  /** Seconds after the epoch: first take-off, lead over the first target, last landing. */
  takeoff: number;
  overTarget: number;
  landed: number;
  /** Sorted loss times (s) of this force's aircraft, joint losses shared out included. */
  lossTimes: Float64Array;
  /** Losses shared out from figures stated for several forces together (schematic). */
  jointLosses: number;
  /** Waypoints of the lead route, for drawing and for labels. */
  routeIndex: number;
  /** One past the force's last route: its routes are [routeIndex, routeEnd). */
  routeEnd: number;
  /** An escort's first meeting with the bombers it covers (s), where it has one. */
  rendezvous?: number;
}

export interface FlightPlan {
  /** Unix ms of t = 0; shader times are seconds after it, small enough for float32. */
  epochMs: number;
  routes: RouteTable;
  instances: InstanceAttributes;
  /** Per-instance take-off and out-of-sight times (s), for counting airborne aircraft. */
  startTimes: Float64Array;
  endTimes: Float64Array;
  /**
   * Contiguous instance ranges, one per period and silhouette: one instanced mesh each, drawn
   * only while the clock is inside [from, to], so the cost of a frame follows the aircraft that
   * can be in the air, not the size of the campaign.
   */
  batches: AircraftBatch[];
  forces: ForcePlan[];
  /** All loss times (s), sorted. */
  lossTimes: Float64Array;
  /** Sorted start and end times of the records' aircraft, for counting aircraft airborne by binary search. */
  sortedStarts: Float64Array;
  sortedEnds: Float64Array;
  /** The same for the opposing aircraft drawn (schematic), and their sorted loss times. */
  opponents: { count: number; sortedStarts: Float64Array; sortedEnds: Float64Array; lossTimes: Float64Array };
}

export interface AircraftBatch {
  periodId: string;
  silhouette: Silhouette;
  start: number;
  count: number;
  /** First take-off and last time any of its aircraft is in sight (s after the epoch). */
  from: number;
  to: number;
}

export interface Waypoint {
  x: number;
  y: number;
  z: number;
  t: number;
}

export interface PendingInstance {
  period: number;
  silhouette: Silhouette;
  route: number;
  delay: number;
  slot: [number, number, number];
  spread: [number, number, number];
  lossTime: number;
  damageTime: number;
  damageLevel: number;
  seed: number;
  end: number;
  colour: [number, number, number];
  /** Escorts' S-turns about their track: amplitude in km (0: none). */
  weave?: number;
  /**
   * An aircraft of the side the records' forces fought (German fighters, MiGs): drawn, never
   * counted in the records' figures of aircraft airborne or lost.
   */
  opponent?: boolean;
}

export function compileFlightPlan(file: CampaignFile, frame: TheatreFrame): FlightPlan {
  const { campaign } = file;
  const epochMs = Date.parse(`${campaign.start}T00:00:00${campaign.utcOffset}`);
  const places = new Map(file.places.map((p) => [p.id, p]));
  const routes: Waypoint[][] = [];
  const pending: PendingInstance[] = [];
  const forces: (ForcePlan & { pendingFrom: number })[] = [];
  /** Lead times at each place of each force's route, so escorts can meet the bombers there. */
  const leadTimes = new Map<string, Map<string, number[]>>();
  const combats: ForceCombat[] = [];

  file.periods.forEach((period, periodIndex) => {
    for (const mission of period.missions) {
      const jointShares = shareJointLosses(mission);
      // Bombers first: their times are the escorts' rendezvous.
      const ordered = [...mission.forces].sort((a, b) => Number(a.role === 'escort') - Number(b.role === 'escort'));
      for (const force of ordered)
        forces.push(compileForce(force, mission, period, periodIndex, jointShares.get(force.id) ?? { lost: 0, damaged: 0 }));
    }
  });

  const builder: FlowBuilder = {
    frame,
    epochMs,
    addRoute,
    layTimes,
    addInstance: (p) => pending.push(p),
    instanceCount: () => pending.length,
    addForce: (f) => forces.push(f),
  };
  compileAttackers(file, builder, combats);
  compileFlows(file, builder);

  // Group instances by period, then silhouette, so each instanced mesh draws a contiguous range.
  const silhouetteOrder = (i: number) => SILHOUETTES.indexOf(pending[i]!.silhouette);
  const order = pending
    .map((_, i) => i)
    .sort((a, b) => pending[a]!.period - pending[b]!.period || silhouetteOrder(a) - silhouetteOrder(b) || a - b);
  const newIndex = new Int32Array(pending.length);
  order.forEach((old, i) => (newIndex[old] = i));
  const n = pending.length;
  const inst: InstanceAttributes = {
    count: n,
    route: new Float32Array(n),
    delay: new Float32Array(n),
    slot: new Float32Array(n * 3),
    spread: new Float32Array(n * 3),
    events: new Float32Array(n * 4),
    colour: new Float32Array(n * 3),
    style: new Float32Array(n * 2),
  };
  const startTimes = new Float64Array(n);
  const endTimes = new Float64Array(n);
  const batches: AircraftBatch[] = [];
  order.forEach((old, i) => {
    const p = pending[old]!;
    inst.route[i] = p.route;
    inst.delay[i] = p.delay;
    inst.slot.set(p.slot, i * 3);
    inst.spread.set(p.spread, i * 3);
    inst.events.set([p.lossTime, p.damageTime, p.damageLevel, p.seed], i * 4);
    inst.colour.set(p.colour, i * 3);
    inst.style[i * 2] = p.weave ?? 0;
    inst.style[i * 2 + 1] = p.opponent ? 1 : 0;
    startTimes[i] = routes[p.route]![0]!.t + p.delay;
    endTimes[i] = p.end;
    let batch = batches[batches.length - 1];
    const periodId = file.periods[p.period]!.id;
    if (!batch || batch.periodId !== periodId || batch.silhouette !== p.silhouette) {
      batch = { periodId, silhouette: p.silhouette, start: i, count: 0, from: Infinity, to: -Infinity };
      batches.push(batch);
    }
    batch.count++;
    batch.from = Math.min(batch.from, startTimes[i]!);
    batch.to = Math.max(batch.to, endTimes[i]!);
  });

  const routeData = new Float32Array(routes.length * MAX_WAYPOINTS * 4);
  routes.forEach((wps, r) => {
    for (let k = 0; k < MAX_WAYPOINTS; k++) {
      const w = wps[Math.min(k, wps.length - 1)]!;
      routeData.set([w.x, w.y, w.z, w.t], (r * MAX_WAYPOINTS + k) * 4);
    }
  });

  const lossTimes = Float64Array.from(forces.flatMap((f) => Array.from(f.lossTimes))).sort();
  const ours = (i: number) => inst.style[i * 2 + 1] === 0;
  const pick = (times: Float64Array, keep: (i: number) => boolean) => times.filter((_, i) => keep(i)).sort();
  const theirs = (i: number) => !ours(i);
  const lossesOf = (keep: (i: number) => boolean) =>
    Float64Array.from(Array.from(inst.events.filter((_, k) => k % 4 === 0)).filter((l, i) => keep(i) && l < NEVER)).sort();
  return {
    epochMs,
    routes: { count: routes.length, data: routeData },
    instances: inst,
    startTimes,
    endTimes,
    batches,
    forces: forces.map(({ pendingFrom, ...f }) => ({ ...f, firstInstance: newIndex[pendingFrom] ?? 0 })),
    lossTimes,
    sortedStarts: pick(startTimes, ours),
    sortedEnds: pick(endTimes, ours),
    opponents: {
      count: startTimes.filter((_, i) => theirs(i)).length,
      sortedStarts: pick(startTimes, theirs),
      sortedEnds: pick(endTimes, theirs),
      lossTimes: lossesOf(theirs),
    },
  };

  function compileForce(
    force: Force,
    mission: Mission,
    period: Period,
    periodIndex: number,
    joint: { lost: number; damaged: number },
  ) {
    const profile = typeProfile(force.aircraft, force.role);
    const style = formationStyle(force.role, mission.kind, profile.silhouette);
    const speed = profile.cruiseKmh / 3600;
    const random = mulberry32(hashString(force.id));
    const strengthStated = statedStrength(force) !== undefined;
    const aircraft = statedStrength(force) ?? TOKEN_STRENGTH;

    // Lead route with clock times laid between the record's anchors.
    const routePlaces = force.route.map((id) => places.get(id)!);
    const mainWps = placesToWaypoints(routePlaces, profile.altitudeKm);
    const targetIds = new Set(force.targets.flatMap((t) => (t.place ? [t.place] : [])));
    let firstTarget = force.route.findIndex((id) => targetIds.has(id));
    let lastTarget = force.route.length - 1 - [...force.route].reverse().findIndex((id) => targetIds.has(id));
    if (firstTarget < 0) {
      // No target on the route (a recalled force): the farthest point stands in for it.
      firstTarget = farthestIndex(mainWps);
      lastTarget = firstTarget;
    }
    const anchors = new Map<number, number>();
    const secs = (iso: string | undefined) => (iso === undefined ? undefined : (Date.parse(iso) - epochMs) / 1000);
    const t = force.timing;
    if (t.takeoff) anchors.set(0, secs(t.takeoff)!);
    if (t.overTarget) anchors.set(firstTarget, secs(t.overTarget)!);
    if (t.overTargetEnd) anchors.set(lastTarget, secs(t.overTargetEnd)!);
    if (t.landing) anchors.set(mainWps.length - 1, secs(t.landing)!);
    const meeting = force.role === 'escort' ? rendezvous(force, mainWps, anchors, speed) : undefined;
    layTimes(mainWps, anchors, speed);
    const mainRoute = addRoute(mainWps);
    const times = new Map<string, number[]>();
    force.route.forEach((id, i) => times.set(id, [...(times.get(id) ?? []), mainWps[i]!.t]));
    leadTimes.set(force.id, times);

    // Which aircraft fly where: aborting aircraft turn back first in the stream's tail,
    // aircraft bombing targets off the lead route peel off in whole boxes.
    const turnBackAll = force.outcome === 'recalled' || force.outcome === 'abandoned';
    const aborted = turnBackAll ? aircraft : Math.min(aircraft, countValue(force.aborted));
    const assignments = new Int32Array(aircraft).fill(mainRoute);
    let cursor = 0;
    for (const target of force.targets) {
      const k = countValue(target.aircraft);
      if (!target.place || force.route.includes(target.place) || k === 0) continue;
      const deviation = deviateRoute(mainWps, firstTarget, places.get(target.place)!, profile.altitudeKm, speed);
      assignments.fill(deviation, cursor, Math.min(aircraft - aborted, cursor + k));
      cursor += k;
    }
    if (aborted > 0) {
      const turnBack = force.turnBack ? places.get(force.turnBack) : undefined;
      const abortRoute = turnBackRoute(mainWps, firstTarget, turnBack, profile.altitudeKm, speed);
      assignments.fill(abortRoute, aircraft - aborted);
    }

    // Losses and damage: exact counts from the record, on aircraft chosen deterministically,
    // at schematic times weighted to the approach and the target area.
    const lost = Math.min(aircraft, countValue(force.losses?.lost) + joint.lost);
    const dbr = countValue(force.losses?.damagedBeyondRepair);
    const damaged = countValue(force.losses?.damaged) + joint.damaged;
    const pickOrder = shuffled(aircraft, random);
    const lossAt = new Float64Array(aircraft).fill(NEVER);
    const damageLevel = new Uint8Array(aircraft);
    const damageAt = new Float64Array(aircraft).fill(NEVER);
    const combat = combatWindow(mainWps, firstTarget);
    for (let k = 0; k < aircraft; k++) {
      const i = pickOrder[k]!;
      if (k < lost) lossAt[i] = combat(lossFraction(k, lost, random));
      else if (k < lost + dbr + damaged) {
        damageLevel[i] = k < lost + dbr ? 2 : 1;
        damageAt[i] = combat(random());
      }
    }

    const colour = hexToRgb(profile.colour);
    const pendingFrom = pending.length;
    const lossTimes: number[] = [];
    const lostDelays: number[] = [];
    const lostRoutes: Waypoint[][] = [];
    let span = 0;
    const weave = force.role === 'escort' && style === 'fighterFlights' ? ESCORT_WEAVE_KM : 0;
    let landed = 0;
    for (let i = 0; i < aircraft; i++) {
      const { delay, slot, spread } = placeInFormation(style, i, aircraft, random);
      const route = assignments[i]!;
      const wps = routes[route]!;
      // Rounded as the GPU will hold it, so CPU end times agree with what is drawn.
      const lossTime = lossAt[i] === NEVER ? NEVER : Math.fround(lossAt[i]! + delay);
      const end = Math.min(wps[wps.length - 1]!.t + delay, lossTime + FALL_SECONDS);
      if (lossTime !== NEVER) {
        lossTimes.push(lossTime);
        lostDelays.push(delay);
        lostRoutes.push(wps);
      }
      span = Math.max(span, delay);
      landed = Math.max(landed, end);
      pending.push({
        period: periodIndex,
        silhouette: profile.silhouette,
        route,
        delay,
        slot,
        spread,
        lossTime,
        damageTime: damageAt[i] === NEVER ? NEVER : damageAt[i]! + delay,
        damageLevel: damageLevel[i]!,
        seed: random(),
        end,
        colour,
        weave,
      });
    }
    combats.push({
      force,
      mission,
      periodIndex,
      lead: mainWps,
      firstTarget,
      altitudeKm: profile.altitudeKm,
      lossLeadTimes: lossTimes.map((l, k) => l - lostDelays[k]!),
      lostDelays,
      lostRoutes,
      streamSeconds: span,
      window: [combat(0), combat(1)],
    });
    return {
      origin: 'record' as const,
      forceId: force.id,
      missionId: mission.id,
      periodId: period.id,
      silhouette: profile.silhouette,
      style,
      aircraft,
      strengthStated,
      firstInstance: 0,
      pendingFrom,
      takeoff: mainWps[0]!.t,
      overTarget: mainWps[firstTarget]!.t,
      landed: aircraft > 0 ? landed : mainWps[mainWps.length - 1]!.t,
      lossTimes: Float64Array.from(lossTimes).sort(),
      jointLosses: joint.lost,
      routeIndex: mainRoute,
      routeEnd: routes.length,
      rendezvous: meeting,
    };
  }

  /**
   * An escort meets the bombers it covers where their routes share a place, at the time their
   * lead passes it, and flies with them until the routes part: the relay of the records' legs.
   */
  function rendezvous(force: Force, wps: Waypoint[], anchors: Map<number, number>, speed: number): number | undefined {
    let first: number | undefined;
    const dist = [0];
    for (let i = 1; i < wps.length; i++) dist.push(dist[i - 1]! + planar(wps[i - 1]!, wps[i]!));
    let lastIndex = 0;
    let last = anchors.get(0) ?? -Infinity;
    for (let i = 1; i < force.route.length - 1; i++) {
      const fixed = anchors.get(i);
      if (fixed !== undefined) {
        [lastIndex, last] = [i, fixed];
        continue;
      }
      // Escorts fly faster than the bombers, so they can catch them up, but not beyond their top
      // speed; and they do not loiter: a meeting much later than they would arrive is not theirs.
      const leg = dist[i]! - dist[lastIndex]!;
      const earliest = last + leg / (speed * 1.25);
      const latest = last + leg / speed + RENDEZVOUS_WAIT_S;
      const candidates = (force.escorting ?? []).flatMap((id) => leadTimes.get(id)?.get(force.route[i]!) ?? []);
      const t = candidates.filter((c) => c >= earliest && c <= latest).sort((a, b) => a - b)[0];
      if (t === undefined) continue;
      anchors.set(i, t);
      first ??= t;
      [lastIndex, last] = [i, t];
    }
    return first;
  }

  function addRoute(wps: Waypoint[]): number {
    routes.push(wps.slice(0, MAX_WAYPOINTS));
    return routes.length - 1;
  }

  function placesToWaypoints(list: Place[], altitudeKm: number): Waypoint[] {
    return list.map((p, i) => {
      const [x, z] = project(frame, p.lat, p.lon);
      const onGround = i === 0 || i === list.length - 1;
      return { x, y: onGround ? 0 : altitudeKm, z, t: 0 };
    });
  }

  /** The lead route up to the first target, then `target`, then the lead route home. */
  function deviateRoute(main: Waypoint[], firstTarget: number, target: Place, altitudeKm: number, speed: number): number {
    const [x, z] = project(frame, target.lat, target.lon);
    const wps = [
      ...main.slice(0, firstTarget).map((w) => ({ ...w })),
      { x, y: altitudeKm, z, t: 0 },
      ...main.slice(firstTarget + 1).map((w) => ({ ...w })),
    ];
    return addRoute(anchoredPrefix(main, wps, firstTarget, speed));
  }

  /** The lead route out to the turn-back place (or two thirds of the way to the target), then home. */
  function turnBackRoute(
    main: Waypoint[],
    firstTarget: number,
    turnBack: Place | undefined,
    altitudeKm: number,
    speed: number,
  ): number {
    const home = main[main.length - 1]!;
    let point: Waypoint;
    let prefix: number;
    if (turnBack) {
      const [x, z] = project(frame, turnBack.lat, turnBack.lon);
      point = { x, y: altitudeKm, z, t: 0 };
      // Follow the lead route while it brings the force closer to the turn-back place.
      prefix = 1;
      while (prefix < firstTarget && planar(main[prefix]!, point) < planar(main[prefix - 1]!, point)) prefix++;
    } else {
      prefix = Math.max(1, firstTarget);
      const a = main[prefix - 1]!;
      const b = main[prefix]!;
      point = { x: a.x + (b.x - a.x) * 0.67, y: b.y, z: a.z + (b.z - a.z) * 0.67, t: 0 };
    }
    const wps = [...main.slice(0, prefix).map((w) => ({ ...w })), point, { ...home }];
    return addRoute(anchoredPrefix(main, wps, prefix, speed));
  }
}

/**
 * What a generator of schematic flows (aircraft drawn from period metrics rather than from
 * force records, such as Korea's monthly sorties) may add to the plan being compiled.
 */
export interface FlowBuilder {
  frame: TheatreFrame;
  epochMs: number;
  addRoute(wps: Waypoint[]): number;
  layTimes(wps: Waypoint[], anchors: Map<number, number>, speed: number): void;
  addInstance(p: PendingInstance): void;
  instanceCount(): number;
  /** A group of instances counted like a force; `pendingFrom` is instanceCount() before its first instance. */
  addForce(f: ForcePlan & { pendingFrom: number }): void;
}

/** What the schematic attackers need to know of a force's fight. */
export interface ForceCombat {
  force: Force;
  mission: Mission;
  periodIndex: number;
  /** The lead route, timed. */
  lead: readonly Waypoint[];
  firstTarget: number;
  altitudeKm: number;
  /**
   * For each aircraft lost: when its route's lead passed the place of the loss, the aircraft's
   * delay, and its route (the lead route, a route to another target, or a turn-back).
   */
  lossLeadTimes: number[];
  lostDelays: number[];
  lostRoutes: Waypoint[][];
  /** Seconds from the lead to the tail of the stream. */
  streamSeconds: number;
  /** Approach to withdrawal, lead times: where losses are placed when the sources do not say. */
  window: [number, number];
}

/** The longest an escort waits about a rendezvous for bombers that are late. */
const RENDEZVOUS_WAIT_S = 900;

/** Amplitude of the escorts' S-turns: they fly faster than the bombers they keep pace with. */
const ESCORT_WEAVE_KM = 2.5;

/** Waypoints before `prefix` keep the lead route's times; the rest are flown at the lead's pace. */
function anchoredPrefix(main: Waypoint[], wps: Waypoint[], prefix: number, cruise: number): Waypoint[] {
  const anchors = new Map<number, number>();
  for (let i = 0; i < prefix; i++) anchors.set(i, main[i]!.t);
  layTimes(wps, anchors, leadPace(main, prefix, cruise));
  return wps;
}

function leadPace(main: Waypoint[], upTo: number, fallback: number): number {
  const i = Math.min(upTo, main.length - 1);
  let d = 0;
  for (let k = 1; k <= i; k++) d += planar(main[k - 1]!, main[k]!);
  const dt = main[i]!.t - main[0]!.t;
  return dt > 0 && d > 0 ? d / dt : fallback;
}

/**
 * Clock times along a route: exact at the anchors, proportional to distance between them,
 * and at `speed` (km/s) before the first and after the last.
 */
export function layTimes(wps: Waypoint[], anchors: Map<number, number>, speed: number): void {
  const cum = [0];
  for (let i = 1; i < wps.length; i++) cum.push(cum[i - 1]! + planar(wps[i - 1]!, wps[i]!));
  const keys = [...anchors.keys()].sort((a, b) => a - b);
  if (keys.length === 0) {
    keys.push(0);
    anchors.set(0, 0);
  }
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  wps.forEach((w, i) => {
    if (i <= first) w.t = anchors.get(first)! - (cum[first]! - cum[i]!) / speed;
    else if (i >= last) w.t = anchors.get(last)! + (cum[i]! - cum[last]!) / speed;
    else {
      const b = keys.find((k) => k >= i)!;
      const a = keys[keys.indexOf(b) - 1]!;
      const span = cum[b]! - cum[a]!;
      const f = span > 0 ? (cum[i]! - cum[a]!) / span : (i - a) / (b - a);
      w.t = anchors.get(a)! + (anchors.get(b)! - anchors.get(a)!) * f;
    }
  });
}

/** A time on the lead route from a fraction: 0 = half-way in, 0.7 = over the target, 1 = well into the withdrawal. */
function combatWindow(wps: Waypoint[], firstTarget: number): (u: number) => number {
  const tTarget = wps[firstTarget]!.t;
  const tStart = wps[0]!.t + (tTarget - wps[0]!.t) * 0.5;
  const tEnd = tTarget + (wps[wps.length - 1]!.t - tTarget) * 0.3;
  return (u) => (u < 0.7 ? tStart + (tTarget - tStart) * (u / 0.7) : tTarget + (tEnd - tTarget) * ((u - 0.7) / 0.3));
}

/** Losses spread over the combat window, jittered so they do not fall on a grid. */
function lossFraction(k: number, n: number, random: () => number): number {
  return Math.min(0.999, (k + 0.2 + 0.6 * random()) / n);
}

function placeInFormation(style: FormationStyle, i: number, n: number, random: () => number) {
  const slot: [number, number, number] = [0, 0, 0];
  const spread: [number, number, number] = [0, 0, 0];
  let delay = 0;
  switch (style) {
    case 'combatBox': {
      const box = Math.floor(i / BOX_SIZE);
      delay = box * BOX_GAP_S + Math.floor(box / 3) * WING_GAP_S;
      const inBox = i % BOX_SIZE;
      const squadron = Math.floor(inBox / 6); // lead, high, low
      const pos = inBox % 6;
      const squadronOffset = [
        [0, 0, 0],
        [0.11, 0.045, 0.05],
        [-0.11, -0.045, 0.1],
      ][squadron]!;
      const vee = [
        [0, 0, 0],
        [0.035, 0.004, 0.025],
        [-0.035, 0.004, 0.025],
        [0, -0.008, 0.05],
        [0.035, -0.004, 0.075],
        [-0.035, -0.004, 0.075],
      ][pos]!;
      slot[0] = squadronOffset[0]! + vee[0]!;
      slot[1] = squadronOffset[1]! + vee[1]!;
      slot[2] = squadronOffset[2]! + vee[2]!;
      break;
    }
    case 'nightStream': {
      // Each crew navigates alone: a stream some twenty minutes long, kilometres wide.
      const length = Math.min(1500, 3 * n);
      delay = (i / Math.max(1, n)) * length + random() * 30;
      spread[0] = (random() - 0.5) * 14;
      spread[1] = (random() - 0.5) * 1.2;
      break;
    }
    case 'fighterFlights': {
      // Flights of four spread wide about the track and stepped up above the bombers.
      const flight = Math.floor(i / 4);
      delay = (flight * 37) % Math.max(60, Math.min(1800, n * 3));
      const finger = [
        [0, 0, 0],
        [0.03, 0, 0.02],
        [-0.03, 0, 0.02],
        [0.06, 0, 0.04],
      ][i % 4]!;
      slot[0] = finger[0]!;
      slot[2] = finger[2]!;
      const r = mulberry32(flight * 7919 + 13);
      spread[0] = (r() - 0.5) * 30;
      spread[1] = 0.5 + r();
      break;
    }
    case 'smallFormation': {
      delay = Math.floor(i / 6) * 60;
      const pos = i % 6;
      slot[0] = (pos % 2 === 0 ? 1 : -1) * Math.ceil(pos / 2) * 0.035;
      slot[2] = Math.ceil(pos / 2) * 0.03;
      break;
    }
  }
  return { delay, slot, spread };
}

/**
 * Figures stated only for several forces together (the night's 79 losses, the escorts'
 * 4 damaged) are shared out in proportion to aircraft dispatched, largest remainder first.
 */
function shareJointLosses(mission: Mission): Map<string, { lost: number; damaged: number }> {
  const shares = new Map<string, { lost: number; damaged: number }>();
  const forces = new Map(mission.forces.map((f) => [f.id, f]));
  for (const joint of mission.jointFigures) {
    const members = joint.forces.map((id) => forces.get(id)!).filter(Boolean);
    // Forces of unstated strength share equally.
    const weights = members.map((f) => statedStrength(f) ?? 1);
    for (const key of ['lost', 'damaged'] as const) {
      const parts = apportion(countValue(joint.losses?.[key]), weights);
      members.forEach((f, i) => {
        const s = shares.get(f.id) ?? { lost: 0, damaged: 0 };
        s[key] += parts[i]!;
        shares.set(f.id, s);
      });
    }
  }
  return shares;
}

/** Aircraft a source gives for a force: dispatched, else effective plus aborted. */
export function statedStrength(force: Force): number | undefined {
  if (force.dispatched !== undefined) return countValue(force.dispatched);
  if (force.effective === undefined && force.aborted === undefined) return undefined;
  return countValue(force.effective) + countValue(force.aborted);
}

export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

function shuffled(n: number, random: () => number): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function planar(a: { x: number; z: number }, b: { x: number; z: number }): number {
  return Math.hypot(b.x - a.x, b.z - a.z);
}

function farthestIndex(wps: Waypoint[]): number {
  let best = 0;
  wps.forEach((w, i) => {
    if (planar(w, wps[0]!) > planar(wps[best]!, wps[0]!)) best = i;
  });
  return best;
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}
