/**
 * The terrain quadtree of a theatre (assets/geo/<theatre>/terrain/index.json, written by
 * `npm run geodata`): tile addressing and extents. Framework-free.
 */
import type { Theatre } from '../records/schema.ts';

export interface TerrainTileInfo {
  z: number;
  x: number;
  /** Row, counted from the north. */
  y: number;
  minH: number;
  maxH: number;
}

export interface TerrainIndex {
  theatre: Theatre;
  halfExtentKm: number;
  /** Samples per tile side, edges included (neighbours share their edge samples). */
  tileSize: number;
  levels: number;
  tiles: TerrainTileInfo[];
}

/** Height offset of the tile encoding: metres = R * 256 + G - HEIGHT_OFFSET. */
export const HEIGHT_OFFSET = 12000;

export const tileKey = (z: number, x: number, y: number) => `${z}/${x}/${y}`;

/** Scene rectangle of a tile: west x, north z (the smaller z), width, all in km. */
export function tileRect(index: TerrainIndex, z: number, x: number, y: number): { west: number; north: number; width: number } {
  const width = (2 * index.halfExtentKm) / 2 ** z;
  return { west: -index.halfExtentKm + x * width, north: -index.halfExtentKm + y * width, width };
}
