/**
 * What is under a point of the screen: aircraft, crash markers and places, found with the CPU
 * twin of the flight shader (three.js ray-casting cannot see positions the shader computes).
 * Pure functions over the flight plan and a view-projection matrix, so that they are tested in
 * Node. The model is built once per campaign; a hover evaluates each airborne force's lead and
 * a few sampled aircraft, a click every aircraft in the air once. Nothing here runs per frame.
 */
import type { FlightPlan } from '../motion/compile.ts';
import { FALL_SECONDS, MAX_WAYPOINTS, NEVER, aircraftPose, trackAt, type AircraftPose } from '../motion/flight.ts';
import type { CameraView } from '../app/urlState.ts';
import { countAtOrBefore } from '../timeline/sorted.ts';

/** Height of a crash marker's centre and its radius, in aircraft-size units (as diagnostics' twin.marker). */
export const MARKER_CENTRE = 0.015;
/**
 * Aircraft picked within this many CSS px of the pointer, whatever their drawn size. A hover
 * projects only samples, about one per combat box, so it reaches further: a box drawn on screen
 * is some tens of px across at any zoom (formation slots grow with the aircraft drawn).
 */
export const PICK_RADIUS_PX = { mouse: 12, touch: 24, hover: 24 } as const;
/** Flow sorties (Korea) projected per force on hover: those in the air, up to this many. */
const FLOW_SAMPLES = 24;

export interface PickModel {
  plan: FlightPlan;
  /** Index into plan.forces of each instance; -1 for aircraft drawn that are not of a force (opponents). */
  forceOf: Int32Array;
  /** Per force: what a hover projects: the lead and an even spread, about one per combat box. */
  samples: Int32Array[];
  /** Per flow force: its instances by take-off time and its longest sortie, to find those in the air. */
  byStart: ({ order: Int32Array; starts: Float64Array; longest: number } | null)[];
  /** Per force: its lost instances in order of loss (the n of a `loss:<force>:<n>` selection). */
  losses: Int32Array[];
  /** Every lost instance that comes down on its route, and the time it reaches the ground. */
  lost: Int32Array;
  lostDown: Float64Array;
  forceIndex: Map<string, number>;
}

export function createPickModel(plan: FlightPlan): PickModel {
  const n = plan.instances.count;
  const ev = plan.instances.events;
  const forceOf = new Int32Array(n).fill(-1);
  plan.forces.forEach((f, k) => forceOf.fill(k, f.firstInstance, Math.min(n, f.firstInstance + f.aircraft)));
  const samples = plan.forces.map((f) => {
    const count = f.aircraft;
    if (count <= 0) return new Int32Array(0);
    const wanted = Math.min(count, 8 + Math.floor(count / 18));
    const stride = count / wanted;
    const out = new Int32Array(wanted);
    for (let k = 0; k < wanted; k++) out[k] = f.firstInstance + Math.floor(k * stride);
    return out;
  });
  const byStart = plan.forces.map((f) => {
    if (f.origin !== 'flow') return null;
    const order = Int32Array.from({ length: f.aircraft }, (_, k) => f.firstInstance + k).sort(
      (a, b) => plan.startTimes[a]! - plan.startTimes[b]!,
    );
    let longest = 0;
    for (const i of order) longest = Math.max(longest, plan.endTimes[i]! - plan.startTimes[i]!);
    return { order, starts: Float64Array.from(order, (i) => plan.startTimes[i]!), longest };
  });
  const losses = plan.forces.map((f) => {
    const list: number[] = [];
    for (let i = f.firstInstance; i < Math.min(n, f.firstInstance + f.aircraft); i++) if (ev[i * 4]! < NEVER) list.push(i);
    return Int32Array.from(list.sort((a, b) => ev[a * 4]! - ev[b * 4]! || a - b));
  });
  const lostList: number[] = [];
  for (let i = 0; i < n; i++) {
    const loss = ev[i * 4]!;
    if (loss < NEVER && trackAt(plan.routes, plan.instances.route[i]!, loss - plan.instances.delay[i]!).state === 0)
      lostList.push(i);
  }
  const down = (i: number) => Math.fround(ev[i * 4]! + FALL_SECONDS);
  lostList.sort((a, b) => down(a) - down(b));
  return {
    plan,
    forceOf,
    samples,
    byStart,
    losses,
    lost: Int32Array.from(lostList),
    lostDown: Float64Array.from(lostList, down),
    forceIndex: new Map(plan.forces.map((f, k) => [f.forceId, k])),
  };
}

export interface ScreenPoint {
  /** CSS px from the canvas's top-left corner. */
  x: number;
  y: number;
  /** Distance in front of the camera (clip w); not positive behind it. */
  depth: number;
  inView: boolean;
}

export function createScreenPoint(): ScreenPoint {
  return { x: 0, y: 0, depth: 0, inView: false };
}

/** A scene point on the canvas, with `m` the camera's projection × view matrix (column-major, as three.js stores it). */
export function projectPoint(
  m: ArrayLike<number>,
  x: number,
  y: number,
  z: number,
  width: number,
  height: number,
  out: ScreenPoint,
): ScreenPoint {
  const cx = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!;
  const cy = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!;
  const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
  out.depth = w;
  if (w <= 1e-9) {
    out.inView = false;
    return out;
  }
  const nx = cx / w;
  const ny = cy / w;
  out.x = ((nx + 1) / 2) * width;
  out.y = ((1 - ny) / 2) * height;
  out.inView = Math.abs(nx) <= 1 && Math.abs(ny) <= 1;
  return out;
}

/** The evaluation a pick runs at: the frame's time and uniforms, the camera, the pointer. */
export interface PickQuery {
  time: number;
  /** uScale and uVertical of the frame. */
  scale: number;
  vertical: number;
  viewProjection: ArrayLike<number>;
  width: number;
  height: number;
  x: number;
  y: number;
  radius: number;
}

export interface Hit {
  kind: 'aircraft' | 'marker' | 'place';
  /** Instance (aircraft, marker) or index into the places given. */
  index: number;
  /** CSS px from the pointer. */
  distance: number;
}

/** Scratch objects: picks run one at a time, on the main thread. */
const pose: AircraftPose = { visible: false, falling: false, x: 0, y: 0, z: 0, fx: 0, fz: -1 };
const screen = createScreenPoint();

function consider(q: PickQuery, x: number, y: number, z: number, best: Hit | null, kind: Hit['kind'], index: number): Hit | null {
  projectPoint(q.viewProjection, x, y, z, q.width, q.height, screen);
  if (!screen.inView) return best;
  const d = Math.hypot(screen.x - q.x, screen.y - q.y);
  if (d > q.radius || (best && best.distance <= d)) return best;
  return { kind, index, distance: d };
}

function considerAircraft(model: PickModel, q: PickQuery, i: number, best: Hit | null): Hit | null {
  if (model.forceOf[i]! < 0) return best;
  aircraftPose(model.plan.routes, model.plan.instances, i, Math.fround(q.time), q.scale, pose, q.vertical);
  if (!pose.visible) return best;
  return consider(q, pose.x, pose.y, pose.z, best, 'aircraft', i);
}

/**
 * The instances a hover projects at time t: for each force in the air, its lead and samples;
 * for a flow force (sorties spread over a month), up to FLOW_SAMPLES of those airborne now.
 * Writes into `out` and returns how many.
 */
export function hoverCandidates(model: PickModel, t: number, out: Int32Array): number {
  let count = 0;
  const { plan } = model;
  for (let k = 0; k < plan.forces.length && count < out.length; k++) {
    const f = plan.forces[k]!;
    if (t < f.takeoff || t > f.landed) continue;
    const flow = model.byStart[k];
    if (flow) {
      let taken = 0;
      for (let j = countAtOrBefore(flow.starts, t) - 1; j >= 0 && taken < FLOW_SAMPLES && count < out.length; j--) {
        if (flow.starts[j]! < t - flow.longest) break;
        const i = flow.order[j]!;
        if (plan.endTimes[i]! >= t) {
          out[count++] = i;
          taken++;
        }
      }
    } else for (const i of model.samples[k]!) if (count < out.length) out[count++] = i;
  }
  return count;
}

/** The aircraft nearest the pointer among `candidates` (a hover). */
export function pickAmong(model: PickModel, q: PickQuery, candidates: Int32Array, count: number): Hit | null {
  let best: Hit | null = null;
  for (let k = 0; k < count; k++) best = considerAircraft(model, q, candidates[k]!, best);
  return best;
}

/** The aircraft nearest the pointer among every aircraft in the air (a click: once, not per frame). */
export function pickAnyAircraft(model: PickModel, q: PickQuery): Hit | null {
  let best: Hit | null = null;
  for (const b of model.plan.batches) {
    if (q.time < b.from || q.time > b.to) continue;
    for (let i = b.start; i < b.start + b.count; i++) best = considerAircraft(model, q, i, best);
  }
  return best;
}

/** Where instance i's crash marker stands (x, z), as the crash shader places it: its pose on reaching the ground. */
export function markerPosition(model: PickModel, i: number, scale: number, vertical: number, out: AircraftPose): AircraftPose {
  const down = Math.fround(model.plan.instances.events[i * 4]! + FALL_SECONDS);
  return aircraftPose(model.plan.routes, model.plan.instances, i, down, scale, out, vertical);
}

/** The crash marker nearest the pointer among those on the ground at the query's time. */
export function pickMarker(model: PickModel, q: PickQuery): Hit | null {
  let best: Hit | null = null;
  const end = countAtOrBefore(model.lostDown, Math.fround(q.time));
  for (let k = 0; k < end; k++) {
    const i = model.lost[k]!;
    if (model.forceOf[i]! < 0) continue;
    markerPosition(model, i, q.scale, q.vertical, pose);
    best = consider(q, pose.x, MARKER_CENTRE * q.scale, pose.z, best, 'marker', i);
  }
  return best;
}

/** The place marker nearest the pointer; `points` holds x, y, z per place. */
export function pickPlace(points: Float32Array, q: PickQuery): Hit | null {
  let best: Hit | null = null;
  for (let k = 0; k * 3 < points.length; k++)
    best = consider(q, points[k * 3]!, points[k * 3 + 1]!, points[k * 3 + 2]!, best, 'place', k);
  return best;
}

/**
 * One hit from the three kinds: the nearest, with aircraft preferred over a marker or a place
 * they fly over (a few px of bias), since they are the smaller target.
 */
export function nearestHit(...hits: (Hit | null)[]): Hit | null {
  const bias = (h: Hit) => h.distance + (h.kind === 'aircraft' ? 0 : h.kind === 'marker' ? 2 : 4);
  let best: Hit | null = null;
  for (const h of hits) if (h && (!best || bias(h) < bias(best))) best = h;
  return best;
}

/** The n of a lost instance within its force, or null when it is not a force's loss. */
export function lossOf(model: PickModel, instance: number): { force: number; n: number } | null {
  const force = model.forceOf[instance] ?? -1;
  if (force < 0) return null;
  const n = model.losses[force]!.indexOf(instance);
  return n < 0 ? null : { force, n };
}

export function lossInstance(model: PickModel, force: number, n: number): number | null {
  return model.losses[force]?.[n] ?? null;
}

/**
 * The aircraft the camera follows for a force: the lead of its main route among those never
 * lost, so that following does not fall with a loss or turn back with an abort; for a flow
 * (sorties spread over a month), the one clicked, else one in the air at t.
 */
export function followInstance(model: PickModel, force: number, t: number, clicked: number | null = null): number {
  const { plan } = model;
  const f = plan.forces[force]!;
  const ev = plan.instances.events;
  if (f.origin === 'flow') {
    if (clicked !== null && model.forceOf[clicked] === force) return clicked;
    const flow = model.byStart[force]!;
    for (let j = countAtOrBefore(flow.starts, t) - 1; j >= 0 && flow.starts[j]! >= t - flow.longest; j--)
      if (plan.endTimes[flow.order[j]!]! >= t) return flow.order[j]!;
    return flow.order[Math.max(0, countAtOrBefore(flow.starts, t) - 1)] ?? f.firstInstance;
  }
  for (let i = f.firstInstance; i < f.firstInstance + f.aircraft; i++)
    if (ev[i * 4]! >= NEVER && plan.instances.route[i] === f.routeIndex) return i;
  return f.firstInstance;
}

export interface Bounds {
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}

export function emptyBounds(): Bounds {
  return { minX: Infinity, maxX: -Infinity, minZ: Infinity, maxZ: -Infinity };
}

function addRoute(plan: FlightPlan, route: number, b: Bounds): void {
  const d = plan.routes.data;
  for (let w = 0; w < MAX_WAYPOINTS; w++) {
    const o = (route * MAX_WAYPOINTS + w) * 4;
    b.minX = Math.min(b.minX, d[o]!);
    b.maxX = Math.max(b.maxX, d[o]!);
    b.minZ = Math.min(b.minZ, d[o + 2]!);
    b.maxZ = Math.max(b.maxZ, d[o + 2]!);
  }
}

/** Every route the given forces fly: a record force's lead, its peel-offs and turn-backs; every sortie of a flow. */
export function routeBounds(model: PickModel, forces: number[], b: Bounds = emptyBounds()): Bounds {
  const { plan } = model;
  for (const k of forces) {
    const f = plan.forces[k]!;
    if (f.origin === 'flow') {
      const seen = new Set<number>();
      for (let i = f.firstInstance; i < f.firstInstance + f.aircraft; i++) seen.add(plan.instances.route[i]!);
      for (const r of seen) addRoute(plan, r, b);
    } else for (let r = f.routeIndex; r < f.routeEnd; r++) addRoute(plan, r, b);
  }
  return b;
}

/**
 * A camera that shows `b` whole from the south, tilted like a table map (as the campaign's
 * opening view), for a canvas of `aspect` (width / height) and a vertical field of view `fovDeg`.
 */
export function fitView(b: Bounds, aspect: number, fovDeg = 40): CameraView {
  const cx = (b.minX + b.maxX) / 2;
  const cz = (b.minZ + b.maxZ) / 2;
  const halfTan = Math.tan(((fovDeg / 2) * Math.PI) / 180);
  const width = Math.max(1, b.maxX - b.minX);
  // Seen at this tilt, depth on the map is foreshortened to about 0.86 of its length.
  const depth = Math.max(1, b.maxZ - b.minZ) * 0.86;
  const margin = 1.35;
  const distance = Math.max(30, ((Math.max(width / Math.max(aspect, 0.2), depth) / 2) * margin) / halfTan);
  // Camera offset (0, 0.85, 0.5): the elevation of the opening view, about 60 degrees.
  const len = Math.hypot(0.85, 0.5);
  return {
    camera: [cx, (distance * 0.85) / len, cz + (distance * 0.5) / len],
    target: [cx, 0, cz],
  };
}

const models = new WeakMap<FlightPlan, PickModel>();

/** The pick model of a plan, built on first use and shared by the scene and the panels. */
export function pickModelOf(plan: FlightPlan): PickModel {
  let model = models.get(plan);
  if (!model) {
    model = createPickModel(plan);
    models.set(plan, model);
  }
  return model;
}
