/**
 * Polylines in projected km: clipping to the theatre square, Douglas–Peucker simplification and
 * quantisation to integer units. Points are flat arrays [x0, y0, x1, y1, ...]. Pure.
 */

/**
 * Douglas–Peucker: keeps the end points and every point needed to stay within tolerance of the
 * original. Iterative, so long shorelines cannot overflow the stack.
 */
export function douglasPeucker(points: ArrayLike<number>, tolerance: number): number[] {
  const n = points.length >> 1;
  if (n <= 2) return Array.from(points);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    const ax = points[2 * first] as number;
    const ay = points[2 * first + 1] as number;
    const bx = points[2 * last] as number;
    const by = points[2 * last + 1] as number;
    let maxD = -1;
    let index = -1;
    for (let k = first + 1; k < last; k++) {
      const d = segmentDistance2(points[2 * k] as number, points[2 * k + 1] as number, ax, ay, bx, by);
      if (d > maxD) {
        maxD = d;
        index = k;
      }
    }
    if (index >= 0 && maxD > tol2) {
      keep[index] = 1;
      stack.push(first, index, index, last);
    }
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (keep[k]) out.push(points[2 * k] as number, points[2 * k + 1] as number);
  return out;
}

/** Squared distance from (px, py) to segment a–b (to the point a where a = b). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Clip a polyline to the rectangle [xMin, xMax] × [yMin, yMax]: the parts inside, each a polyline
 * of at least two points, in order. Segments are cut exactly where they cross the edge.
 */
export function clipPolyline(points: ArrayLike<number>, xMin: number, yMin: number, xMax: number, yMax: number): number[][] {
  const pieces: number[][] = [];
  let current: number[] | null = null;
  const n = points.length >> 1;
  const flush = () => {
    if (current && current.length >= 4) pieces.push(current);
    current = null;
  };
  for (let k = 0; k + 1 < n; k++) {
    const x0 = points[2 * k] as number;
    const y0 = points[2 * k + 1] as number;
    const x1 = points[2 * k + 2] as number;
    const y1 = points[2 * k + 3] as number;
    // Liang–Barsky.
    let t0 = 0;
    let t1 = 1;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const p = [-dx, dx, -dy, dy];
    const q = [x0 - xMin, xMax - x0, y0 - yMin, yMax - y0];
    let visible = true;
    for (let e = 0; e < 4 && visible; e++) {
      const pe = p[e] as number;
      const qe = q[e] as number;
      if (pe === 0) {
        if (qe < 0) visible = false;
      } else {
        const r = qe / pe;
        if (pe < 0) {
          if (r > t1) visible = false;
          else if (r > t0) t0 = r;
        } else {
          if (r < t0) visible = false;
          else if (r < t1) t1 = r;
        }
      }
    }
    if (!visible) {
      flush();
      continue;
    }
    const ax = t0 === 0 ? x0 : x0 + t0 * dx;
    const ay = t0 === 0 ? y0 : y0 + t0 * dy;
    const bx = t1 === 1 ? x1 : x0 + t1 * dx;
    const by = t1 === 1 ? y1 : y0 + t1 * dy;
    if (current === null || t0 > 0) {
      flush();
      current = [ax, ay];
    }
    (current as number[]).push(bx, by);
    if (t1 < 1) flush();
  }
  flush();
  // A closed ring cut by the edge: rejoin the piece that ends where the ring starts with the one
  // that starts there, so the ring's arbitrary start point does not split a line.
  const closed = n > 2 && points[0] === points[2 * n - 2] && points[1] === points[2 * n - 1];
  if (closed && pieces.length > 1) {
    const first = pieces[0] as number[];
    const last = pieces[pieces.length - 1] as number[];
    if (first[0] === last[last.length - 2] && first[1] === last[last.length - 1]) {
      pieces[0] = last.concat(first.slice(2));
      pieces.pop();
    }
  }
  return pieces;
}

/**
 * Round to integer multiples of `unit` (e.g. 0.1 km → integers in 0.1 km), dropping repeated
 * points. Returns null where fewer than two distinct points remain.
 */
export function quantizeLine(points: ArrayLike<number>, unit: number): number[] | null {
  const out: number[] = [];
  const n = points.length >> 1;
  for (let k = 0; k < n; k++) {
    const x = Math.round((points[2 * k] as number) / unit) + 0; // + 0 turns -0 into 0
    const y = Math.round((points[2 * k + 1] as number) / unit) + 0;
    const m = out.length;
    if (m >= 2 && out[m - 2] === x && out[m - 1] === y) continue;
    out.push(x, y);
  }
  return out.length >= 4 ? out : null;
}

/** Clip, simplify and quantise one projected polyline; the pieces that survive. */
export function prepareLine(points: ArrayLike<number>, halfExtentKm: number, toleranceKm: number, unitKm: number): number[][] {
  const out: number[][] = [];
  for (const piece of clipPolyline(points, -halfExtentKm, -halfExtentKm, halfExtentKm, halfExtentKm)) {
    const q = quantizeLine(douglasPeucker(piece, toleranceKm), unitKm);
    if (q) out.push(q);
  }
  return out;
}
