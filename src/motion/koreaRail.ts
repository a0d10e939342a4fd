/**
 * Rail cuts and rail traffic as pure functions of time: the CPU twins of the shaders in
 * src/scene/railCutsShader.ts and src/scene/railTrafficShader.ts (same inputs, same formulas),
 * for tests and anything that needs to know what is drawn without a GPU.
 */

/**
 * Cuts in the railway where bombs fell: visible from the moment of the bombing until the
 * repair, cutTime <= t < repairedTime. Times are float32, as the GPU holds them.
 */
export interface RailCuts {
  count: number;
  /** x, z (km) per cut. */
  position: Float32Array;
  /** cutTime, repairedTime (s after the plan epoch) per cut. */
  times: Float32Array;
  /** 0: a cut in a line or station, 1: a bridge hit. */
  kind: Float32Array;
  /** Index of the period whose figure the cut belongs to. */
  period: Uint8Array;
  /** First cut and last repair (s), for drawing only while any can be seen. */
  from: number;
  to: number;
}

export const CUT_LINE = 0;
export const CUT_BRIDGE = 1;

export function cutVisibleAt(cuts: RailCuts, i: number, time: number): boolean {
  return cuts.times[i * 2]! <= time && time < cuts.times[i * 2 + 1]!;
}

/** Cuts open at `time`, of one kind or all. Loops over the cuts: for tests and overlays, not per frame. */
export function activeCutsAt(cuts: RailCuts, time: number, kind?: number): number {
  let n = 0;
  for (let i = 0; i < cuts.count; i++) if ((kind === undefined || cuts.kind[i] === kind) && cutVisibleAt(cuts, i, time)) n++;
  return n;
}

/** Points per path row of the path texture; unused slots repeat the last point. */
export const MAX_PATH_POINTS = 16;
/** Spacing of the vehicles of a train or convoy, in the aircraft-size units of the scene (scaled like formation slots). */
export const VEHICLE_SPACING = 0.016;

export const VEHICLE_WAGON = 0;
export const VEHICLE_LOCOMOTIVE = 1;
export const VEHICLE_TRUCK = 2;

/**
 * Trains and truck convoys moving along railway paths. Each vehicle runs from distance s0 at
 * startTime at `speed`, may wait at a cut from tStop to tResume, never passes sMax, and is
 * seen until tEnd (it hides at dawn, or when it has arrived).
 */
export interface RailTraffic {
  /** Path rows: MAX_PATH_POINTS points of x, z (km), distance along the path (km), 0. */
  paths: { count: number; data: Float32Array };
  count: number;
  /** startTime (s), s0 (km), speed (km/s), place in the train (0 = the head) per vehicle. */
  run: Float32Array;
  /** tStop, tResume, tEnd (s), sMax (km) per vehicle. */
  stops: Float32Array;
  /** path row, offset to the right of the path (km), kind (VEHICLE_*), 0 per vehicle. */
  info: Float32Array;
  /** Contiguous ranges by period: one instanced draw each, only while the clock is inside [from, to]. */
  batches: { periodId: string; start: number; count: number; from: number; to: number }[];
}

export interface VehiclePose {
  visible: boolean;
  x: number;
  z: number;
  /** Unit heading. */
  fx: number;
  fz: number;
  /** Distance along the path (km). */
  s: number;
}

export function createVehiclePose(): VehiclePose {
  return { visible: false, x: 0, z: 0, fx: 1, fz: 0, s: 0 };
}

/** Distance along its path of vehicle i at `time`, drawn at `scale`: the shader's vehicleDistance(). */
export function vehicleDistance(traffic: RailTraffic, i: number, time: number, scale: number): number {
  const r = traffic.run;
  const st = traffic.stops;
  const startTime = r[i * 4]!;
  const moving = Math.min(time, st[i * 4]!) - startTime + Math.max(0, time - st[i * 4 + 1]!);
  const head = Math.min(r[i * 4 + 1]! + r[i * 4 + 2]! * Math.max(0, moving), st[i * 4 + 3]!);
  return Math.max(0, head - r[i * 4 + 3]! * VEHICLE_SPACING * scale);
}

/** Where vehicle i is at `time`: mirrors the vertex shader's main(). */
export function vehiclePose(traffic: RailTraffic, i: number, time: number, scale: number, out: VehiclePose): VehiclePose {
  const st = traffic.stops;
  out.visible = time >= traffic.run[i * 4]! && time < st[i * 4 + 2]!;
  const s = vehicleDistance(traffic, i, time, scale);
  out.s = s;
  const d = traffic.paths.data;
  const row = traffic.info[i * 4]! * MAX_PATH_POINTS * 4;
  let ax = d[row]!;
  let az = d[row + 1]!;
  let as = d[row + 2]!;
  let bx = ax;
  let bz = az;
  let bs = as;
  for (let k = 1; k < MAX_PATH_POINTS; k++) {
    const o = row + k * 4;
    bx = d[o]!;
    bz = d[o + 1]!;
    bs = d[o + 2]!;
    if (s <= bs || k === MAX_PATH_POINTS - 1) break;
    ax = bx;
    az = bz;
    as = bs;
  }
  const f = bs > as ? Math.min(1, Math.max(0, (s - as) / (bs - as))) : 1;
  const len = Math.hypot(bx - ax, bz - az);
  out.fx = len > 1e-6 ? (bx - ax) / len : 1;
  out.fz = len > 1e-6 ? (bz - az) / len : 0;
  const offset = traffic.info[i * 4 + 1]!;
  out.x = ax + (bx - ax) * f - out.fz * offset;
  out.z = az + (bz - az) * f + out.fx * offset;
  return out;
}

/** Vehicles seen at `time`. Loops over the vehicles: for tests, not per frame. */
export function vehiclesVisibleAt(traffic: RailTraffic, time: number, kind?: number): number {
  let n = 0;
  for (let i = 0; i < traffic.count; i++)
    if (
      (kind === undefined || traffic.info[i * 4 + 2] === kind) &&
      time >= traffic.run[i * 4]! &&
      time < traffic.stops[i * 4 + 2]!
    )
      n++;
  return n;
}
