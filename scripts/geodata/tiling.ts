/**
 * The terrain tile pyramid over a theatre's square [-half, +half] km (x east, y north). Pure.
 *
 * Level z has 2^z × 2^z tiles; tile (z, x, y) counts x from the west and y from the north.
 * Each tile holds size × size samples on a regular grid that includes both edges, so
 * neighbouring tiles share their edge samples. Positions are computed from a global sample
 * index per level, (g * 2 * half) / (2^z * (size - 1)), so shared samples are bitwise equal
 * between neighbours and between levels (the ratio of levels is a power of two).
 */
import { encodeTilePng, quantizeHeight, quantizeLand } from './encoding.ts';

export interface TileId {
  z: number;
  x: number;
  y: number;
}

export interface PyramidSpec {
  halfExtentKm: number;
  tileSize: number;
  levels: number;
}

/** Heights in metres and land fraction 0..1 at projected positions (km; north = +y). */
export interface TerrainSampler {
  height(xKm: number, northKm: number): number;
  /** stepKm is the sample spacing, so a sampler can average over the sample's footprint. */
  land(xKm: number, northKm: number, stepKm: number): number;
}

export interface BuiltTile extends TileId {
  png: Uint8Array;
  minH: number;
  maxH: number;
}

/** Every tile of the pyramid, ordered by z, then x (west to east), then y (north to south). */
export function listTiles(levels: number): TileId[] {
  const out: TileId[] = [];
  for (let z = 0; z < levels; z++) {
    const n = 2 ** z;
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out.push({ z, x, y });
  }
  return out;
}

/** Sample spacing at level z, km. */
export function sampleSpacingKm(spec: PyramidSpec, z: number): number {
  return (2 * spec.halfExtentKm) / (2 ** z * (spec.tileSize - 1));
}

/** Position of sample (i east, j south) of tile (z, x, y): [x east km, y north km]. */
export function samplePosition(spec: PyramidSpec, tile: TileId, i: number, j: number): [xKm: number, northKm: number] {
  const n = 2 ** tile.z * (spec.tileSize - 1);
  const span = 2 * spec.halfExtentKm;
  const gx = tile.x * (spec.tileSize - 1) + i;
  const gy = tile.y * (spec.tileSize - 1) + j;
  return [-spec.halfExtentKm + (gx * span) / n, spec.halfExtentKm - (gy * span) / n];
}

/** Sample one tile: whole-metre heights and land bytes, row-major, row 0 north. */
export function sampleTile(
  spec: PyramidSpec,
  tile: TileId,
  sampler: TerrainSampler,
): { heights: Int32Array; land: Uint8Array; minH: number; maxH: number } {
  const size = spec.tileSize;
  const step = sampleSpacingKm(spec, tile.z);
  const heights = new Int32Array(size * size);
  const land = new Uint8Array(size * size);
  let minH = Infinity;
  let maxH = -Infinity;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const [x, north] = samplePosition(spec, tile, i, j);
      const h = quantizeHeight(sampler.height(x, north));
      const k = j * size + i;
      heights[k] = h;
      land[k] = quantizeLand(sampler.land(x, north, step));
      if (h < minH) minH = h;
      if (h > maxH) maxH = h;
    }
  }
  return { heights, land, minH, maxH };
}

export function buildTile(spec: PyramidSpec, tile: TileId, sampler: TerrainSampler): BuiltTile {
  const { heights, land, minH, maxH } = sampleTile(spec, tile, sampler);
  return { ...tile, png: encodeTilePng(heights, land, spec.tileSize), minH, maxH };
}

export function buildPyramid(spec: PyramidSpec, sampler: TerrainSampler): BuiltTile[] {
  return listTiles(spec.levels).map((t) => buildTile(spec, t, sampler));
}
