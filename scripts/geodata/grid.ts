/**
 * Regular longitude/latitude grids and bilinear sampling. Pure: no I/O.
 *
 * Node (col, row) lies at lon = lon0 + col * dLon, lat = lat0 + row * dLat (dLat may be negative
 * for north-first grids). Values are stored row-major: data[row * nx + col].
 */
export interface LonLatGrid {
  nx: number;
  ny: number;
  lon0: number;
  dLon: number;
  lat0: number;
  dLat: number;
  data: ArrayLike<number>;
  /** The columns wrap round the globe (nx * dLon = 360). */
  periodic: boolean;
  /** Values equal to this (or NaN) are missing. */
  noData?: number;
}

/**
 * Bilinear interpolation at (lat, lon) in degrees. NaN where the point falls outside the grid
 * or any of the four surrounding nodes with non-zero weight is missing.
 */
export function sampleBilinear(g: LonLatGrid, lat: number, lon: number): number {
  const fy = (lat - g.lat0) / g.dLat;
  if (!(fy >= 0 && fy <= g.ny - 1)) return NaN;
  let fx = (lon - g.lon0) / g.dLon;
  if (g.periodic) {
    fx %= g.nx;
    if (fx < 0) fx += g.nx;
  } else if (!(fx >= 0 && fx <= g.nx - 1)) return NaN;

  let r0 = Math.floor(fy);
  if (r0 >= g.ny - 1) r0 = g.ny - 2;
  if (r0 < 0) r0 = 0;
  const ty = fy - r0;
  let c0 = Math.floor(fx);
  if (!g.periodic && c0 >= g.nx - 1) c0 = g.nx - 2;
  if (c0 < 0) c0 = 0;
  const tx = fx - c0;
  const c1 = g.periodic ? (c0 + 1) % g.nx : Math.min(c0 + 1, g.nx - 1);
  const r1 = Math.min(r0 + 1, g.ny - 1);

  const w00 = (1 - tx) * (1 - ty);
  const w10 = tx * (1 - ty);
  const w01 = (1 - tx) * ty;
  const w11 = tx * ty;
  let sum = 0;
  sum += term(g, r0 * g.nx + c0, w00);
  sum += term(g, r0 * g.nx + c1, w10);
  sum += term(g, r1 * g.nx + c0, w01);
  sum += term(g, r1 * g.nx + c1, w11);
  return sum;
}

function term(g: LonLatGrid, index: number, weight: number): number {
  if (weight === 0) return 0;
  const v = g.data[index] as number;
  if (Number.isNaN(v) || (g.noData !== undefined && v === g.noData)) return NaN;
  return v * weight;
}
