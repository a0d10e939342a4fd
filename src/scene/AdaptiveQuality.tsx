/**
 * Adaptive quality: drei's PerformanceMonitor watches the frame rate and moves a quality factor
 * (1 best, 0 lowest) down on a GPU that cannot keep up and back up when it can. The factor sets
 *  - the canvas pixel ratio, between the device's (at most 2) and a floor (1 unless a kiosk sets
 *    a lower one with configureQuality: below one pixel per CSS pixel lines and labels blur);
 *  - the terrain's screen-space error bound, 6 px at full quality up to 12 px (fewer, coarser
 *    tiles).
 * The factor outlives the canvas, so a weak GPU found once stays known across campaigns.
 * `?quality=full` pins full quality (for comparable benchmarks and screenshots).
 *
 * Why not drei's AdaptiveDpr: it scales the pixel ratio R3F saw first, which after a canvas
 * remount is the already lowered one, and R3F's Canvas puts its `dpr` prop back on every
 * re-render of the scene. So the pixel ratio is the Canvas's own prop (canvasDpr()), and a
 * change is applied to the live canvas with setDpr, with no React re-render above it.
 */
import { PerformanceMonitor, type PerformanceMonitorApi } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useCallback, useEffect } from 'react';
import { diagnostics } from '../app/diagnostics.ts';
import { MAX_ERROR_PX, setTerrainErrorPx } from './terrain/TerrainEngine.ts';

const quality = {
  factor: 1,
  /** Lowest pixel ratio adaptive quality may choose. */
  minDpr: 1,
  /** Highest pixel ratio used on a high-density screen. */
  maxDpr: 2,
};

/** A kiosk on a weak GPU may allow a pixel ratio below 1 (e.g. 0.75), or cap it lower than 2. */
export function configureQuality(options: { minDpr?: number; maxDpr?: number }): void {
  if (options.minDpr !== undefined && options.minDpr > 0) quality.minDpr = options.minDpr;
  if (options.maxDpr !== undefined && options.maxDpr > 0) quality.maxDpr = options.maxDpr;
}

/** The canvas pixel ratio at the current quality: SceneView's Canvas `dpr`. */
export function canvasDpr(): number {
  const device = Math.min(Math.max(window.devicePixelRatio || 1, 1), quality.maxDpr);
  const floor = Math.min(device, quality.minDpr);
  return Math.round((floor + (device - floor) * quality.factor) * 100) / 100;
}

function applyQualityFactor(factor: number): void {
  quality.factor = factor;
  const px = MAX_ERROR_PX * (2 - factor);
  setTerrainErrorPx(px);
  diagnostics.quality.factor = factor;
  diagnostics.quality.terrainErrorPx = px;
}

const pinned = () => new URLSearchParams(window.location.search).get('quality') === 'full';

export function AdaptiveQuality() {
  const setDpr = useThree((s) => s.setDpr);
  const dpr = useThree((s) => s.viewport.dpr);
  useEffect(() => {
    diagnostics.quality.dpr = dpr;
  }, [dpr]);
  useEffect(() => {
    applyQualityFactor(pinned() ? 1 : quality.factor);
  }, []);
  const onChange = useCallback(
    (api: PerformanceMonitorApi) => {
      applyQualityFactor(api.factor);
      // Applied to the live canvas; SceneView passes the same value as the Canvas prop.
      setDpr(canvasDpr());
    },
    [setDpr],
  );
  if (pinned()) return null;
  // Ten quarter-second windows per decision; a quarter of the range per step; after six
  // reversals the monitor stops and the quality stays where it is.
  return <PerformanceMonitor factor={quality.factor} step={0.25} flipflops={6} onChange={onChange} />;
}
