/**
 * window.__sortie: a read-only view of what is on screen, for tests and kiosk health checks.
 * The frame loop writes into one object; nothing is allocated per frame.
 */
import type { Figures } from '../timeline/periodFigures.ts';

export interface Diagnostics {
  ready: boolean;
  frame: number;
  /** Campaign clock, ms since the Unix epoch. */
  time: number;
  campaignId: string | null;
  periodId: string | null;
  visibleAircraft: number;
  /** Aircraft of the current period's forces the scene has shown lost so far. */
  lostSoFar: number;
  overlay: Partial<Figures>;
  renderer: { calls: number; triangles: number; geometries: number; textures: number };
  /** Terrain tiles drawn, held in memory and loading; complete once the view's tiles are all in. */
  terrain: { drawn: number; cached: number; loading: number; complete: boolean };
  /** Camera position and look-at point, scene km. */
  camera: { x: number; y: number; z: number; tx: number; ty: number; tz: number };
  errors: string[];
}

export const diagnostics: Diagnostics = {
  ready: false,
  frame: 0,
  time: 0,
  campaignId: null,
  periodId: null,
  visibleAircraft: 0,
  lostSoFar: 0,
  overlay: {},
  renderer: { calls: 0, triangles: 0, geometries: 0, textures: 0 },
  terrain: { drawn: 0, cached: 0, loading: 0, complete: false },
  camera: { x: 0, y: 0, z: 0, tx: 0, ty: 0, tz: 0 },
  errors: [],
};

export function reportError(message: string): void {
  if (diagnostics.errors.length < 50) diagnostics.errors.push(message);
}

function readOnly<T extends object>(target: T): T {
  return new Proxy(target, {
    get: (t, key) => {
      const v = Reflect.get(t, key);
      return v !== null && typeof v === 'object' ? readOnly(v) : v;
    },
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

export function installDiagnostics(): void {
  Object.defineProperty(window, '__sortie', { value: readOnly(diagnostics), writable: false, configurable: false });
}
