/**
 * ETOPO5 (5 arc-minute global relief and bathymetry, NOAA NGDC) from the netCDF classic file that
 * Debian's ferret-datasets package installs. Variables: ETOPO05_X (4320 longitudes from 0°E
 * eastwards, period 360°), ETOPO05_Y (2161 latitudes from 90°S to 90°N) and ROSE[Y][X], float
 * metres (bathymetry negative), so row 0 is the south pole.
 */
import { readFileSync } from 'node:fs';
import { NetCDFReader } from 'netcdfjs';
import type { LonLatGrid } from './grid.ts';

export const ETOPO5_PATH = '/usr/share/ferret-vis/data/etopo5.cdf';

export function readEtopo5(path = ETOPO5_PATH): LonLatGrid {
  const reader = new NetCDFReader(readFileSync(path));
  const xs = reader.getDataVariable('ETOPO05_X') as number[];
  const ys = reader.getDataVariable('ETOPO05_Y') as number[];
  const rose = reader.variables.find((v) => v.name === 'ROSE');
  if (!rose) throw new Error(`${path}: no ROSE variable`);
  const dims = reader.dimensions;
  const dimNames = rose.dimensions.map((d) => dims[d]?.name);
  if (dimNames[0] !== 'ETOPO05_Y' || dimNames[1] !== 'ETOPO05_X') {
    throw new Error(`${path}: ROSE has dimensions ${dimNames.join(', ')}, expected ETOPO05_Y, ETOPO05_X`);
  }
  const nx = xs.length;
  const ny = ys.length;
  // The stored axes are 1/12° grids written with float rounding (X ends at 359.92 instead of
  // 359.9167): check they are, then use the exact spacing the modulo-360 axis implies.
  const dLon = 360 / nx;
  const dLat = 1 / 12;
  xs.forEach((x, i) => {
    if (Math.abs(x - i * dLon) > 0.005) throw new Error(`${path}: ETOPO05_X[${i}] = ${x}, not ${i * dLon}`);
  });
  ys.forEach((y, j) => {
    if (Math.abs(y - (-90 + j * dLat)) > 1e-6) throw new Error(`${path}: ETOPO05_Y[${j}] = ${y}`);
  });
  const values = reader.getDataVariable('ROSE') as number[];
  if (values.length !== nx * ny) throw new Error(`${path}: ROSE has ${values.length} values, expected ${nx * ny}`);
  // netcdfjs types attributes as [], so view them through their documented shape.
  const attributes = rose.attributes as Array<{ name: string; value: unknown }>;
  const missing = attributes.find((a) => a.name === 'missing_value')?.value as number | undefined;
  const data = Float32Array.from(values);
  return {
    nx,
    ny,
    lon0: 0,
    dLon,
    lat0: -90,
    dLat,
    data,
    periodic: true,
    noData: missing === undefined ? undefined : Math.fround(missing),
  };
}
