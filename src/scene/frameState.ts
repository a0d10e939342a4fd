import type { Vector3Like } from 'three';
import type { TerrainStats } from './terrain/TerrainEngine.ts';

interface Point {
  x: number;
  y: number;
  z: number;
}

/** Per-frame values shared between scene parts without React. */
export const frameState = {
  /** The camera's look-at point (a plain object: this module is in the first load, three.js is not). */
  target: { x: 0, y: 0, z: 0 } as Point,
  /** The live terrain engine's counters, or null while none is loaded. */
  terrain: null as TerrainStats | null,
  /** Puts the camera back where the campaign opened; set by the scene's controls. */
  resetView: null as (() => void) | null,
};

export function setResetView(reset: (() => void) | null): void {
  frameState.resetView = reset;
}

export function setTerrainStats(stats: TerrainStats | null): void {
  frameState.terrain = stats;
}

export function setTarget(v: Vector3Like): void {
  const t = frameState.target;
  t.x = v.x;
  t.y = v.y;
  t.z = v.z;
}
