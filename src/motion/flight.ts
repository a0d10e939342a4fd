/**
 * The motion of one aircraft as a pure function of time: the CPU twin of flightShader.ts.
 * Same inputs (route table, per-instance attributes, time), same formulas, line for line,
 * so picking, camera follow, overlays and tests see exactly what the GPU draws.
 */

/** Waypoints per route row in the route texture. Unused slots repeat the last waypoint. */
export const MAX_WAYPOINTS = 32;
/** Seconds from a loss until the aircraft reaches the ground. Schematic. */
export const FALL_SECONDS = 110;
/** Seconds a falling aircraft's smoke trail stays in the sky after it has come down. */
export const TRAIL_LINGER_SECONDS = 300;
/** Period of an escort's S-turns about the bombers' track. */
export const WEAVE_SECONDS = 100;
/** A time that never comes: the loss time of an aircraft that is not lost. */
export const NEVER = 1e9;

/**
 * Scene kilometres up per real kilometre of altitude, so that streams and relief read over a
 * theatre hundreds of kilometres wide. Viewers can change it; this is where it starts.
 */
export const DEFAULT_VERTICAL_EXAGGERATION = 6;

/**
 * Per-route waypoints, row-major: route r, waypoint k at ((r * MAX_WAYPOINTS) + k) * 4,
 * holding x (km east), y (altitude, real km), z (km south), t (seconds after the plan epoch,
 * when the lead aircraft of the route passes it).
 */
export interface RouteTable {
  count: number;
  data: Float32Array;
}

/** Per-instance attributes, exactly as uploaded to the GPU. */
export interface InstanceAttributes {
  count: number;
  /** Route row. */
  route: Float32Array;
  /** Seconds this aircraft trails the route's lead. */
  delay: Float32Array;
  /** Formation slot in aircraft-size units (right, up, back): scales with the drawn aircraft. */
  slot: Float32Array;
  /** Spread about the track in km (right, up in real km, back): a night stream or fighter flights. */
  spread: Float32Array;
  /** lossTime (s, NEVER if not lost), damageTime (s), damageLevel (0 none, 1 damaged, 2 beyond repair), seed [0, 1). */
  events: Float32Array;
  /** Linear RGB of the aircraft type; drawing only. */
  colour: Float32Array;
  /** weave amplitude (km, escorts' S-turns), opponent (1: a German fighter or a MiG, drawn apart). */
  style: Float32Array;
}

/** Result of evaluating one aircraft; reused by callers so that per-frame code allocates nothing. */
export interface AircraftPose {
  visible: boolean;
  falling: boolean;
  x: number;
  y: number;
  z: number;
  /** Unit heading on the map plane. */
  fx: number;
  fz: number;
}

export function createPose(): AircraftPose {
  return { visible: false, falling: false, x: 0, y: 0, z: 0, fx: 0, fz: -1 };
}

interface TrackPoint {
  state: -1 | 0 | 1; // before take-off, airborne, landed
  x: number;
  y: number;
  z: number;
  fx: number;
  fz: number;
}
const track: TrackPoint = { state: 0, x: 0, y: 0, z: 0, fx: 0, fz: -1 };

/** Where the lead of `route` is at `t` seconds: the segment search of the shader's trackAt(). */
export function trackAt(routes: RouteTable, route: number, t: number, out: TrackPoint = track): TrackPoint {
  const d = routes.data;
  let i = route * MAX_WAYPOINTS * 4;
  if (t < d[i + 3]!) {
    out.state = -1;
    return out;
  }
  for (let k = 1; k < MAX_WAYPOINTS; k++) {
    const j = i + 4;
    const tb = d[j + 3]!;
    if (t <= tb) {
      const ta = d[i + 3]!;
      const f = tb > ta ? (t - ta) / (tb - ta) : 1;
      out.x = d[i]! + (d[j]! - d[i]!) * f;
      out.y = d[i + 1]! + (d[j + 1]! - d[i + 1]!) * f;
      out.z = d[i + 2]! + (d[j + 2]! - d[i + 2]!) * f;
      const dx = d[j]! - d[i]!;
      const dz = d[j + 2]! - d[i + 2]!;
      const len = Math.hypot(dx, dz);
      out.fx = len > 1e-6 ? dx / len : 0;
      out.fz = len > 1e-6 ? dz / len : -1;
      out.state = 0;
      return out;
    }
    i = j;
  }
  out.state = 1;
  return out;
}

/**
 * Pose of instance `i` at `time` (seconds after the epoch) drawn at `scale` (scene km per
 * aircraft-size unit) with altitudes exaggerated by `vertical`. Mirrors the vertex shader's main().
 */
export function aircraftPose(
  routes: RouteTable,
  inst: InstanceAttributes,
  i: number,
  time: number,
  scale: number,
  out: AircraftPose,
  vertical = DEFAULT_VERTICAL_EXAGGERATION,
): AircraftPose {
  const lossTime = inst.events[i * 4]!;
  const falling = time >= lossTime;
  const fallAge = falling ? time - lossTime : 0;
  // Rounded as the GPU's float32 arithmetic rounds it, so both pick the same leg at a waypoint.
  const t = Math.fround((falling ? lossTime : Math.fround(time)) - inst.delay[i]!);
  const p = trackAt(routes, inst.route[i]!, t);
  out.visible = p.state === 0 && fallAge < FALL_SECONDS;
  out.falling = falling;
  if (p.state !== 0) return out;

  // Heading frame: forward on the map plane, right = forward x up.
  const fx = p.fx;
  const fz = p.fz;
  const rx = -fz;
  const rz = fx;
  const seed = inst.events[i * 4 + 3]!;
  const weave = inst.style[i * 2]! * Math.sin(((2 * Math.PI) / WEAVE_SECONDS) * t + seed * 2 * Math.PI);
  const sx = inst.slot[i * 3]! * scale + inst.spread[i * 3]! + weave;
  const sy = inst.slot[i * 3 + 1]! * scale + inst.spread[i * 3 + 1]! * vertical;
  const sb = inst.slot[i * 3 + 2]! * scale + inst.spread[i * 3 + 2]!;
  let x = p.x + rx * sx - fx * sb;
  let y = p.y * vertical + sy;
  let z = p.z + rz * sx - fz * sb;

  if (falling) {
    // Leaves the stream: drifts on along its heading, slowing, and drops ever faster.
    const u = Math.min(fallAge / FALL_SECONDS, 1);
    const drift = 4 * (1 - (1 - u) * (1 - u));
    x += fx * drift;
    z += fz * drift;
    y *= 1 - u * u;
  }
  out.x = x;
  out.y = y;
  out.z = z;
  out.fx = fx;
  out.fz = fz;
  return out;
}

/** Visible aircraft are drawn at true size when close and grow with distance to stay legible. */
export function aircraftScaleForDistance(distanceKm: number): number {
  return Math.max(1, distanceKm * 0.32);
}
