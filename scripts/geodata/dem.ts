/**
 * Optional DEM override: a single-band GeoTIFF in WGS84 longitude/latitude (EPSG:4326), heights in
 * metres. Where it has data its heights replace ETOPO5's (see index.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import type { LonLatGrid } from './grid.ts';

export interface Dem {
  grid: LonLatGrid;
  file: string;
  sha256: string;
  width: number;
  height: number;
  /** [west, south, east, north] of the pixel centres, degrees. */
  bounds: [number, number, number, number];
}

export async function readDem(path: string): Promise<Dem> {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage();
  const keys = image.getGeoKeys() ?? {};
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const gcs = keys.GeographicTypeGeoKey as number | undefined;
  if (keys.ProjectedCSTypeGeoKey !== undefined || model === 1) {
    throw new Error(`${path}: projected GeoTIFF; reproject it to WGS84 lon/lat first (gdalwarp -t_srs EPSG:4326)`);
  }
  if (model !== 2 || gcs !== 4326) {
    throw new Error(`${path}: expected a geographic GeoTIFF in EPSG:4326 (model type ${model}, GCS ${gcs})`);
  }
  const transform = image.getFileDirectory().getValue('ModelTransformation') as number[] | undefined;
  if (transform && (transform[1] !== 0 || transform[4] !== 0)) throw new Error(`${path}: rotated rasters are not supported`);
  const tie = image.getFileDirectory().getValue('ModelTiepoint') as number[] | undefined;
  const [ox, oy] = image.getOrigin() as [number, number];
  const [rx, ry] = image.getResolution() as [number, number];
  // The tie point may pin a raster position other than (0, 0).
  const ti = tie && tie.length >= 6 ? (tie[0] as number) : 0;
  const tj = tie && tie.length >= 6 ? (tie[1] as number) : 0;
  // PixelIsArea (the default): the origin is the corner of pixel (0, 0); PixelIsPoint: its centre.
  const centre = keys.GTRasterTypeGeoKey === 2 ? 0 : 0.5;
  const width = image.getWidth();
  const height = image.getHeight();
  const raster = (await image.readRasters({ samples: [0], interleave: true })) as ArrayLike<number>;
  const data = Float32Array.from(raster);
  const noData = image.getGDALNoData();
  const lon0 = ox + (centre - ti) * rx;
  const lat0 = oy + (centre - tj) * ry;
  const lonEnd = lon0 + (width - 1) * rx;
  const latEnd = lat0 + (height - 1) * ry;
  return {
    grid: {
      nx: width,
      ny: height,
      lon0,
      dLon: rx,
      lat0,
      dLat: ry,
      data,
      periodic: false,
      noData: noData === null ? undefined : Math.fround(noData),
    },
    file: basename(path),
    sha256,
    width,
    height,
    bounds: [Math.min(lon0, lonEnd), Math.min(lat0, latEnd), Math.max(lon0, lonEnd), Math.max(lat0, latEnd)],
  };
}
