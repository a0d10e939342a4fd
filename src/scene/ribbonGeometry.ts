/**
 * Geometry of the two route marks, built once per plan and period and animated on the GPU:
 *
 * - Force ribbons: each force as one band along its routes, as wide as the aircraft still in
 *   the air when the stream passes each point, so it narrows where losses happen and where
 *   aircraft turn back or peel off. Read zoomed out, where single aircraft do not.
 * - Route corridors: schematic routes (reconstructed, not from the sources) as a translucent
 *   band with dashed edges instead of a crisp line, so that uncertainty stays visible.
 *
 * Pure: typed arrays out, no three.js, so it is tested in Node.
 */
import type { FlightPlan, ForcePlan } from '../motion/compile.ts';
import { MAX_WAYPOINTS, NEVER } from '../motion/flight.ts';
import type { Force } from '../records/schema.ts';
import { roleColours } from './palette.ts';

/** Ribbons are sampled at most this far apart (km), so a narrowing sits where its loss was. */
export const RIBBON_SAMPLE_KM = 10;

export interface RoutePoint {
  x: number;
  y: number;
  z: number;
  t: number;
}

/** One point of a ribbon: on the route at route time t, with `count` aircraft still flying it. */
export interface RibbonSample extends RoutePoint {
  count: number;
  /** Unit side direction on the map plane (right of the track), lengthened at corners (mitre). */
  nx: number;
  nz: number;
}

export interface ForceRibbon {
  forceId: string;
  /** Route row the ribbon follows; its sample times are that route's lead times. */
  route: number;
  /** The force's lead route (false: a branch from where it leaves the lead route). */
  main: boolean;
  /** Aircraft that fly the ribbon's first point. */
  aircraft: number;
  /**
   * False when no source gives the force's strength: its aircraft are a token formation, so its
   * width and narrowing would mean nothing. Drawn hollow, at a fixed width.
   */
  strengthStated: boolean;
  /** Seconds from the route's lead to the last aircraft on it: the length of the stream. */
  streamSeconds: number;
  samples: RibbonSample[];
  /** Where on this ribbon each of its aircraft was lost, in the order of the route. */
  losses: RibbonLoss[];
}

/** A loss on a ribbon: the place on the route, and when it happened (the aircraft trails the lead). */
export interface RibbonLoss extends RibbonSample {
  /** Seconds after the epoch when the aircraft was lost (route time + its delay). */
  at: number;
}

/** The waypoints of route `r`, without the repeats that pad its row of the route table. */
export function routeWaypoints(plan: FlightPlan, r: number): RoutePoint[] {
  const d = plan.routes.data;
  const out: RoutePoint[] = [];
  for (let w = 0; w < MAX_WAYPOINTS; w++) {
    const o = (r * MAX_WAYPOINTS + w) * 4;
    const p = { x: d[o]!, y: d[o + 1]!, z: d[o + 2]!, t: d[o + 3]! };
    const prev = out[out.length - 1];
    if (prev && prev.x === p.x && prev.y === p.y && prev.z === p.z && prev.t === p.t) continue;
    out.push(p);
  }
  return out;
}

/** How many leading waypoints two routes share (same place, same time). */
export function sharedPrefix(a: readonly RoutePoint[], b: readonly RoutePoint[]): number {
  let n = 0;
  while (n < a.length && n < b.length && samePoint(a[n]!, b[n]!)) n++;
  return n;
}

function samePoint(a: RoutePoint, b: RoutePoint): boolean {
  return Math.abs(a.x - b.x) < 1e-3 && Math.abs(a.y - b.y) < 1e-3 && Math.abs(a.z - b.z) < 1e-3 && Math.abs(a.t - b.t) < 0.5;
}

/** An aircraft of a force, on its own route's clock: when it trails the lead, when it is lost. */
interface Flier {
  route: number;
  delay: number;
  /** Route time (lead time) of the place where it is lost; Infinity if it is not. */
  lossAt: number;
}

function fliersOf(plan: FlightPlan, fp: ForcePlan): Flier[] {
  const inst = plan.instances;
  const out: Flier[] = [];
  const end = Math.min(inst.count, fp.firstInstance + fp.aircraft);
  for (let i = fp.firstInstance; i < end; i++) {
    const route = inst.route[i]!;
    if (route < fp.routeIndex || route >= fp.routeEnd) continue;
    const delay = inst.delay[i]!;
    const loss = inst.events[i * 4]!;
    out.push({ route, delay, lossAt: loss < NEVER ? loss - delay : Infinity });
  }
  return out;
}

/**
 * The ribbons of the given forces: one along each force's lead route, and one along each other
 * route its aircraft fly (targets off the lead route, turning back) from where it leaves the
 * lead route. At route time t a ribbon's count is the aircraft flying that stretch of route,
 * less those lost before they reached it.
 */
export function forceRibbons(plan: FlightPlan, visible: (fp: ForcePlan) => boolean, sampleKm = RIBBON_SAMPLE_KM): ForceRibbon[] {
  const ribbons: ForceRibbon[] = [];
  for (const fp of plan.forces) {
    if (fp.aircraft <= 0 || !visible(fp)) continue;
    const fliers = fliersOf(plan, fp);
    if (fliers.length === 0) continue;
    const lead = routeWaypoints(plan, fp.routeIndex);
    const byRoute = new Map<number, Flier[]>();
    for (const f of fliers) {
      const group = byRoute.get(f.route);
      if (group) group.push(f);
      else byRoute.set(f.route, [f]);
    }
    // Waypoints each route shares with the lead: its aircraft fly the lead's segments before that.
    const prefix = new Map<number, number>();
    const waypoints = new Map<number, RoutePoint[]>();
    for (const r of byRoute.keys()) {
      const wps = r === fp.routeIndex ? lead : routeWaypoints(plan, r);
      waypoints.set(r, wps);
      prefix.set(r, r === fp.routeIndex ? lead.length : sharedPrefix(lead, wps));
    }

    // Lead ribbon: segment k carries the lead route's aircraft and those of routes sharing it.
    const leadRibbon = sampleRoute(
      lead,
      0,
      (k) => fliers.filter((f) => f.route === fp.routeIndex || k < prefix.get(f.route)! - 1),
      sampleKm,
    );
    ribbons.push({
      forceId: fp.forceId,
      route: fp.routeIndex,
      main: true,
      aircraft: fliers.length,
      strengthStated: fp.strengthStated,
      streamSeconds: streamSeconds(fliers),
      ...leadRibbon,
    });

    // Branches: from the last waypoint they share with the lead route.
    for (const [r, group] of byRoute) {
      if (r === fp.routeIndex) continue;
      const wps = waypoints.get(r)!;
      const from = Math.max(0, prefix.get(r)! - 1);
      if (from >= wps.length - 1) continue;
      const branch = sampleRoute(wps, from, () => group, sampleKm);
      if (branch.samples.length < 2) continue;
      ribbons.push({
        forceId: fp.forceId,
        route: r,
        main: false,
        aircraft: branch.samples[0]!.count,
        strengthStated: fp.strengthStated,
        streamSeconds: streamSeconds(group),
        ...branch,
      });
    }
  }
  return ribbons;
}

function streamSeconds(fliers: readonly Flier[]): number {
  let s = 0;
  for (const f of fliers) s = Math.max(s, f.delay);
  return s;
}

/**
 * Samples of route `wps` from waypoint `from` on: every `sampleKm` or closer, at each waypoint
 * (twice, where the aircraft flying the route change), and twice at each loss, once with the
 * aircraft still counted and once without, so that the ribbon steps down exactly there.
 */
function sampleRoute(
  wps: readonly RoutePoint[],
  from: number,
  membersOf: (segment: number) => readonly Flier[],
  sampleKm: number,
): { samples: RibbonSample[]; losses: RibbonLoss[] } {
  const out: RibbonSample[] = [];
  const lossMarks: RibbonLoss[] = [];
  for (let k = from; k < wps.length - 1; k++) {
    const a = wps[k]!;
    const b = wps[k + 1]!;
    const len = Math.hypot(b.x - a.x, b.z - a.z);
    const dt = b.t - a.t;
    if (dt <= 0) continue;
    const members = membersOf(k);
    const lost = members.filter((f) => f.lossAt < Infinity).sort((p, q) => p.lossAt - q.lossAt);
    const losses = lost.map((f) => f.lossAt);
    // Aircraft not lost by time t (losses at or before t counted).
    const alive = (t: number, inclusive: boolean) => members.length - countBefore(losses, t, inclusive);
    const [nx, nz] = side(a, b);
    const [sxA, szA] = k > from ? mitre(wps[k - 1]!, a, b) : [nx, nz];
    const [sxB, szB] = k + 2 < wps.length ? mitre(a, b, wps[k + 2]!) : [nx, nz];
    const at = (t: number, count: number) => {
      const f = Math.min(1, Math.max(0, (t - a.t) / dt));
      // The side direction is the segment's own, except at the waypoints at either end.
      const [sx, sz] = f === 0 ? [sxA, szA] : f === 1 ? [sxB, szB] : [nx, nz];
      out.push({
        x: a.x + (b.x - a.x) * f,
        y: a.y + (b.y - a.y) * f,
        z: a.z + (b.z - a.z) * f,
        t,
        count,
        nx: sx,
        nz: sz,
      });
    };
    const steps = Math.max(1, Math.ceil(len / sampleKm));
    let l = countBefore(losses, a.t, true);
    for (let i = 0; i <= steps; i++) {
      const t = i === steps ? b.t : a.t + (dt * i) / steps;
      // Losses up to this sample: a step down where each happened.
      while (l < losses.length && losses[l]! <= t) {
        const tl = losses[l]!;
        at(tl, alive(tl, false));
        at(tl, alive(tl, true));
        for (; l < losses.length && losses[l] === tl; l++) lossMarks.push({ ...out[out.length - 1]!, at: tl + lost[l]!.delay });
      }
      at(t, alive(t, true));
    }
  }
  return { samples: out, losses: lossMarks };
}

/** Number of sorted values below t (or at most t, when inclusive). */
function countBefore(sorted: readonly number[], t: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inclusive ? sorted[mid]! <= t : sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Right of the track from a to b on the map plane (x east, z south): the shader's `right`. */
function side(a: RoutePoint, b: RoutePoint): [number, number] {
  const dx = b.x - a.x;
  const dz = b.z - a.z;
  const len = Math.hypot(dx, dz);
  return len > 1e-6 ? [-dz / len, dx / len] : [1, 0];
}

/** Side direction at corner b between a-b and b-c, lengthened so the band keeps its width. */
function mitre(a: RoutePoint, b: RoutePoint, c: RoutePoint): [number, number] {
  const [x1, z1] = side(a, b);
  const [x2, z2] = side(b, c);
  if (Math.hypot(b.x - a.x, b.z - a.z) < 1e-6) return [x2, z2];
  if (Math.hypot(c.x - b.x, c.z - b.z) < 1e-6) return [x1, z1];
  const mx = x1 + x2;
  const mz = z1 + z2;
  const m = Math.hypot(mx, mz);
  if (m < 1e-3) return [x1, z1];
  const cos = (mx * x1 + mz * z1) / m;
  // Sharp turns (a force turning for home) would spike: cap the mitre at twice the width.
  const scale = 1 / Math.max(cos, 0.5) / m;
  return [mx * scale, mz * scale];
}

/** A ribbon's aircraft count at route time t: what the drawn width follows (step at each loss). */
export function ribbonCountAt(ribbon: ForceRibbon, t: number): number {
  const s = ribbon.samples;
  if (s.length === 0 || t < s[0]!.t) return 0;
  let count = s[0]!.count;
  for (const p of s) {
    if (p.t > t) break;
    count = p.count;
  }
  return count;
}

/**
 * Vertex buffers of ribbons as one indexed triangle list: two vertices per sample, left and
 * right of the track, then a small quad across the ribbon at each loss (drawn last, on top).
 * position: the track (altitude in real km); aOffset: signed side direction; aAlong: signed
 * along-track direction (loss marks only); aRibbon: time (route time for the band, the time of
 * the loss for a mark), width (aircraft / `fullWidthAircraft`; -1 where the force's strength is
 * not stated), stream seconds, side (±1 band, ±2 loss mark); aColour: RGB and weight.
 */
export interface RibbonBuffers {
  position: Float32Array;
  offset: Float32Array;
  along: Float32Array;
  ribbon: Float32Array;
  colour: Float32Array;
  index: Uint32Array;
}

export function ribbonBuffers(
  ribbons: readonly ForceRibbon[],
  colourOf: (r: ForceRibbon) => readonly [number, number, number, number],
  fullWidthAircraft: number,
): RibbonBuffers {
  const marks = ribbons.reduce((n, r) => n + r.losses.length, 0);
  const vertices = ribbons.reduce((n, r) => n + r.samples.length * 2, 0) + marks * 4;
  const quads = ribbons.reduce((n, r) => n + Math.max(0, r.samples.length - 1), 0) + marks;
  const b: RibbonBuffers = {
    position: new Float32Array(vertices * 3),
    offset: new Float32Array(vertices * 2),
    along: new Float32Array(vertices * 2),
    ribbon: new Float32Array(vertices * 4),
    colour: new Float32Array(vertices * 4),
    index: new Uint32Array(quads * 6),
  };
  const full = Math.max(1, fullWidthAircraft);
  let v = 0;
  let q = 0;
  const vertex = (
    r: ForceRibbon,
    s: RibbonSample,
    across: number,
    along: number,
    time: number,
    kind: number,
    colour: readonly number[],
  ) => {
    b.position.set([s.x, s.y, s.z], v * 3);
    b.offset.set([s.nx * across, s.nz * across], v * 2);
    // Along the track: the side direction turned back a quarter (right = (-dz, dx)).
    const len = Math.hypot(s.nx, s.nz) || 1;
    b.along.set([(s.nz / len) * along, (-s.nx / len) * along], v * 2);
    b.ribbon.set([time, r.strengthStated ? s.count / full : -1, r.streamSeconds, kind * across], v * 4);
    b.colour.set(colour, v * 4);
    v++;
  };
  const quad = (p: number) => b.index.set([p, p + 1, p + 2, p + 1, p + 3, p + 2], q++ * 6);
  for (const r of ribbons) {
    const colour = colourOf(r);
    r.samples.forEach((s, i) => {
      vertex(r, s, -1, 0, s.t, 1, colour);
      vertex(r, s, 1, 0, s.t, 1, colour);
      if (i > 0) quad(v - 4);
    });
  }
  for (const r of ribbons) {
    const colour = colourOf(r);
    for (const loss of r.losses) {
      // The count before the loss: the mark spans the ribbon where it steps down.
      const before = { ...loss, count: loss.count + 1 };
      for (const along of [-1, 1]) for (const across of [-1, 1]) vertex(r, before, across, along, loss.at, 2, colour);
      quad(v - 4);
    }
  }
  return b;
}

/** A route as drawn: its points and how it is styled. */
export interface RoutePath {
  points: readonly [number, number, number][];
  colour: string;
  /** Reconstructed, not from the sources: drawn as a corridor. */
  schematic: boolean;
  /** The force's lead route (false: a branch from where it leaves it). */
  main: boolean;
}

export interface RouteLine extends RoutePath {
  key: string;
  points: [number, number, number][];
}

/**
 * The lead route of each visible force, and its other routes (targets off the lead route,
 * turning back) from where they leave it, so that no stretch is drawn twice.
 */
export function routeLines(plan: FlightPlan, forces: Map<string, Force>, visibleForces: Set<string>): RouteLine[] {
  const lines: RouteLine[] = [];
  plan.forces.forEach((fp) => {
    const force = forces.get(fp.forceId);
    if (fp.origin !== 'record' || !force || !visibleForces.has(fp.forceId)) return;
    const lead = routeWaypoints(plan, fp.routeIndex);
    for (let r = fp.routeIndex; r < fp.routeEnd; r++) {
      const wps = r === fp.routeIndex ? lead : routeWaypoints(plan, r);
      const from = r === fp.routeIndex ? 0 : Math.max(0, sharedPrefix(lead, wps) - 1);
      const points = wps.slice(from).map((w): [number, number, number] => [w.x, w.y, w.z]);
      if (points.length < 2) continue;
      lines.push({
        key: `${fp.forceId}-${r}`,
        points,
        colour: roleColours[force.role] ?? '#ffffff',
        schematic: force.schematic.includes('route'),
        main: r === fp.routeIndex,
      });
    }
  });
  return lines;
}

/** Schematic routes become corridors; routes the sources give stay crisp lines. */
export function splitRoutes<T extends RoutePath>(paths: readonly T[]): { corridors: T[]; lines: T[] } {
  return { corridors: paths.filter((p) => p.schematic), lines: paths.filter((p) => !p.schematic) };
}

/**
 * Corridor vertex buffers, one indexed triangle list for all schematic routes: two vertices per
 * route point. position: the track; aOffset: signed side direction (mitred); aCorridor: distance
 * along the route (km, for the dashes), side (-1, 1), main (1) or branch (0).
 */
export interface CorridorBuffers {
  position: Float32Array;
  offset: Float32Array;
  corridor: Float32Array;
  colour: Float32Array;
  index: Uint32Array;
}

export function corridorBuffers(
  paths: readonly RoutePath[],
  colourOf: (p: RoutePath) => [number, number, number],
): CorridorBuffers {
  const usable = paths.filter((p) => p.points.length >= 2);
  const vertices = usable.reduce((n, p) => n + p.points.length * 2, 0);
  const quads = usable.reduce((n, p) => n + p.points.length - 1, 0);
  const b: CorridorBuffers = {
    position: new Float32Array(vertices * 3),
    offset: new Float32Array(vertices * 2),
    corridor: new Float32Array(vertices * 3),
    colour: new Float32Array(vertices * 3),
    index: new Uint32Array(quads * 6),
  };
  let v = 0;
  let q = 0;
  for (const path of usable) {
    const colour = colourOf(path);
    const pts = path.points.map(([x, y, z]) => ({ x, y, z, t: 0 }));
    let dist = 0;
    pts.forEach((p, i) => {
      if (i > 0) dist += Math.hypot(p.x - pts[i - 1]!.x, p.z - pts[i - 1]!.z);
      const [nx, nz] =
        i === 0 ? side(p, pts[1]!) : i === pts.length - 1 ? side(pts[i - 1]!, p) : mitre(pts[i - 1]!, p, pts[i + 1]!);
      for (const sign of [-1, 1]) {
        b.position.set([p.x, p.y, p.z], v * 3);
        b.offset.set([nx * sign, nz * sign], v * 2);
        b.corridor.set([dist, sign, path.main ? 1 : 0], v * 3);
        b.colour.set(colour, v * 3);
        v++;
      }
      if (i > 0) {
        const o = v - 4;
        b.index.set([o, o + 1, o + 2, o + 1, o + 3, o + 2], q * 6);
        q++;
      }
    });
  }
  return b;
}
