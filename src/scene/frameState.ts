import { Vector3 } from 'three';
import type { TerrainStats } from './terrain/TerrainEngine.ts';

/** Per-frame values shared between scene parts without React. */
export const frameState = {
  /** The camera's look-at point. */
  target: new Vector3(),
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
