/**
 * A chapter's camera move: keyframes (position and look-at point at fractions of the chapter)
 * joined by a cubic Hermite curve with Catmull-Rom tangents, still at the first and last
 * keyframes. The camera eases out of its first pose, passes through the middle ones without
 * stopping, and settles into the last: a cinematic move, not a robot going from mark to mark.
 *
 * Flat typed arrays, filled once per chapter and sampled per frame without allocating.
 */

/** Most keyframes a chapter may have (one more is added for the camera's pose at its start). */
export const MAX_KEYS = 24;

export interface CameraPath {
  count: number;
  /** Chapter fraction of each key, ascending. */
  at: Float64Array;
  /** Six numbers per key: position x, y, z, then target x, y, z. */
  pose: Float64Array;
  /** Tangent per key, the same six numbers, per unit of chapter fraction. */
  slope: Float64Array;
}

export interface PoseOut {
  position: { x: number; y: number; z: number };
  target: { x: number; y: number; z: number };
}

export function createCameraPath(): CameraPath {
  return {
    count: 0,
    at: new Float64Array(MAX_KEYS + 1),
    pose: new Float64Array((MAX_KEYS + 1) * 6),
    slope: new Float64Array((MAX_KEYS + 1) * 6),
  };
}

export interface PathKey {
  at: number;
  position: readonly number[];
  target: readonly number[];
}

/**
 * Fills `path` from `keys` (ascending `at`). When the first key is not at 0 and a `start` pose
 * is given, the camera's pose at the chapter's start becomes a key at 0: it flies from wherever
 * it was into the chapter.
 */
export function setCameraPath(path: CameraPath, keys: readonly PathKey[], start: PoseOut | null): void {
  let n = 0;
  if (start && (keys[0]?.at ?? 1) > 0) {
    path.at[0] = 0;
    writePose(path.pose, 0, start.position.x, start.position.y, start.position.z, start.target.x, start.target.y, start.target.z);
    n = 1;
  }
  for (const k of keys) {
    if (n > MAX_KEYS) break;
    path.at[n] = k.at;
    writePose(path.pose, n, k.position[0]!, k.position[1]!, k.position[2]!, k.target[0]!, k.target[1]!, k.target[2]!);
    n++;
  }
  path.count = n;
  // Catmull-Rom tangents for unevenly spaced keys; zero at both ends, so the move starts and ends at rest.
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 6; c++) {
      const o = i * 6 + c;
      if (i === 0 || i === n - 1) path.slope[o] = 0;
      else {
        const dt = path.at[i + 1]! - path.at[i - 1]!;
        path.slope[o] = dt > 0 ? (path.pose[o + 6]! - path.pose[o - 6]!) / dt : 0;
      }
    }
}

function writePose(pose: Float64Array, i: number, px: number, py: number, pz: number, tx: number, ty: number, tz: number): void {
  const o = i * 6;
  pose[o] = px;
  pose[o + 1] = py;
  pose[o + 2] = pz;
  pose[o + 3] = tx;
  pose[o + 4] = ty;
  pose[o + 5] = tz;
}

/**
 * The pose at chapter fraction `f` into `out`. `cut`: no flight at all (prefers-reduced-motion):
 * the camera holds each key until the next one's moment, then jumps.
 */
export function sampleCameraPath(path: CameraPath, f: number, cut: boolean, out: PoseOut): void {
  const n = path.count;
  if (n === 0) return;
  let i = 0;
  while (i < n - 1 && f >= path.at[i + 1]!) i++;
  if (cut || i === n - 1 || f <= path.at[0]!) {
    // Before the first key, after the last, or cutting: the key's own pose.
    readPose(path.pose, cut || f > path.at[0]! ? i : 0, out);
    return;
  }
  const t0 = path.at[i]!;
  const h = path.at[i + 1]! - t0;
  const u = h > 0 ? (f - t0) / h : 1;
  const u2 = u * u;
  const u3 = u2 * u;
  const h00 = 2 * u3 - 3 * u2 + 1;
  const h10 = u3 - 2 * u2 + u;
  const h01 = -2 * u3 + 3 * u2;
  const h11 = u3 - u2;
  const a = i * 6;
  const w = weights;
  w[0] = h00;
  w[1] = h10 * h;
  w[2] = h01;
  w[3] = h11 * h;
  out.position.x = hermite(path, a, 0, w);
  out.position.y = hermite(path, a, 1, w);
  out.position.z = hermite(path, a, 2, w);
  out.target.x = hermite(path, a, 3, w);
  out.target.y = hermite(path, a, 4, w);
  out.target.z = hermite(path, a, 5, w);
}

const weights = new Float64Array(4);

/** Component `c` of the curve between the key at offset `a` and the next, with the basis weights `w`. */
function hermite(path: CameraPath, a: number, c: number, w: Float64Array): number {
  const p = path.pose;
  const m = path.slope;
  return w[0]! * p[a + c]! + w[1]! * m[a + c]! + w[2]! * p[a + 6 + c]! + w[3]! * m[a + 6 + c]!;
}

function readPose(pose: Float64Array, i: number, out: PoseOut): void {
  const o = i * 6;
  out.position.x = pose[o]!;
  out.position.y = pose[o + 1]!;
  out.position.z = pose[o + 2]!;
  out.target.x = pose[o + 3]!;
  out.target.y = pose[o + 4]!;
  out.target.z = pose[o + 5]!;
}

/** Smooth start and stop over [0, 1]. */
export function easeInOut(u: number): number {
  const x = Math.min(1, Math.max(0, u));
  return x * x * (3 - 2 * x);
}
