/**
 * window.__sortie: a read-only view of what is on screen, for tests and kiosk health checks.
 * The frame loop writes into one object; nothing is allocated per frame.
 *
 * `__sortie.twin` answers questions about the scene on demand (never per frame): where the CPU
 * twin of the flight shader (motion/flight.ts) puts an aircraft or a crash marker, projected with
 * the camera and the uniforms of the frame the renderer last drew, a per-aircraft census, and the
 * shader sources and attributes the renderer draws with, so that tests can run them on the GPU.
 * The probe lives with the scene (scene/twinProbe.ts), which loads after the first paint; until
 * then every question answers null. This module is in the first load and imports no three.js.
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
  /** Of those, the ones still falling: lost, not yet on the ground. */
  falling: number;
  /** Crash markers on the ground for the current period's forces (earlier periods' stay on the map too). */
  crashMarkers: number;
  /**
   * Aircraft of the current period's forces damaged so far (the overlay's "Dmg."), and damaged
   * beyond repair ("DBR"), as the scene colours them: at the moment of damage. The overlay
   * counts damage only once the force has landed and its crews were debriefed.
   */
  damagedSoFar: number;
  damagedBeyondRepairSoFar: number;
  overlay: Partial<Figures>;
  renderer: { calls: number; triangles: number; geometries: number; textures: number };
  /** Terrain tiles drawn, held in memory and loading; complete once the view's tiles are all in. */
  terrain: { drawn: number; cached: number; loading: number; complete: boolean };
  /** Camera position and look-at point, scene km. */
  camera: { x: number; y: number; z: number; tx: number; ty: number; tz: number };
  errors: string[];
  /** WebGL context losses seen, restores the browser gave back, and scene remounts when it did not. */
  contextLost: boolean;
  contextLosses: number;
  contextRestores: number;
  canvasRemounts: number;
  /** Adaptive quality: the monitor's factor (1 best), the canvas pixel ratio and the terrain's error bound. */
  quality: { factor: number; dpr: number; terrainErrorPx: number };
  /** The health watch's last sample, and a reload it is waiting to make (see app/health.ts). */
  health: { fps: number; heapMB: number | null; reloadPending: string | null; reloads: number };
  /** 'ready': a service worker controls the page and has precached the app (see app/sw.ts). */
  serviceWorker: { state: 'off' | 'registering' | 'installing' | 'ready' | 'failed'; updateWaiting: boolean };
  /** On-demand probes of the scene (functions: absent from JSON snapshots). */
  twin: TwinProbe;
}

/** Plan times are seconds after `epochMs`, the unit of the shader's uTime. */
export interface TwinFrame {
  epochMs: number;
  /** uTime, uScale and uVertical of the frame last drawn. */
  time: number;
  scale: number;
  vertical: number;
  instances: number;
  /** Canvas size, CSS px. */
  width: number;
  height: number;
}

export interface TwinScreen {
  /** CSS px from the canvas's top-left corner. */
  x: number;
  y: number;
  /** A bound on the drawn object's radius on screen, CSS px. */
  radius: number;
  /** In front of the camera and inside the view. */
  inView: boolean;
}

export interface TwinPose {
  instance: number;
  time: number;
  visible: boolean;
  falling: boolean;
  /** On its route at the time it is evaluated at (or, when lost, at its loss): x, y, z are meaningful. */
  onRoute: boolean;
  /** Scene km (y with the vertical exaggeration). */
  x: number;
  y: number;
  z: number;
  screen: TwinScreen | null;
}

export interface TwinMarker {
  instance: number;
  time: number;
  shown: boolean;
  /** Where it comes down, scene km; the pin stands on y = 0. */
  x: number;
  z: number;
  screen: TwinScreen | null;
}

/** Facts about one aircraft, plan seconds. `force` is null for aircraft not of the records (opponents). */
export interface TwinInstance {
  instance: number;
  force: string | null;
  periodId: string | null;
  route: number;
  delay: number;
  /** First take-off and the moment it is out of sight (landed or down). */
  start: number;
  end: number;
  lossTime: number | null;
  damageTime: number | null;
  damageLevel: number;
}

/** Counted aircraft by aircraft with the CPU twin: the independent side of the per-frame counts. */
export interface TwinCensus {
  time: number;
  periodId: string | null;
  /** Aircraft of the records' forces in sight (all periods), as the period card counts them. */
  airborne: number;
  /** Aircraft drawn that are not of the records (opponents). */
  others: number;
  /** Of the period's forces: lost by now, falling in sight, crash markers shown, damaged by level. */
  lost: number;
  falling: number;
  crashMarkers: number;
  damaged: number;
  damagedBeyondRepair: number;
}

/** What the renderer draws with: shader sources, route table and per-instance attributes (copies). */
export interface TwinInputs {
  flightVertexShader: string;
  crashVertexShader: string;
  maxWaypoints: number;
  routes: { count: number; data: Float32Array };
  instances: number;
  attributes: Record<string, { array: Float32Array; size: number }>;
  /** Numeric uniforms of the frame last drawn (uTime, uScale, uVertical, …). */
  uniforms: Record<string, number>;
}

export interface TwinProbe {
  frame(): TwinFrame | null;
  /** CPU twin pose of instance i at plan time `time` (default: the frame's), with the frame's scale, vertical and camera. */
  pose(i: number, time?: number): TwinPose | null;
  /** The crash marker of instance i, as crashVertexShader places it. */
  marker(i: number, time?: number): TwinMarker | null;
  instance(i: number): TwinInstance | null;
  census(time?: number, periodId?: string | null): TwinCensus | null;
  inputs(): TwinInputs | null;
  /** A scene point (km, y exaggerated) on the canvas, with the camera as last rendered. */
  project(x: number, y: number, z: number, radiusKm?: number): TwinScreen | null;
}

/** The probe before a scene has loaded: no answers. */
const noScene: TwinProbe = {
  frame: () => null,
  pose: () => null,
  marker: () => null,
  instance: () => null,
  census: () => null,
  inputs: () => null,
  project: () => null,
};

export const diagnostics: Diagnostics = {
  ready: false,
  frame: 0,
  time: 0,
  campaignId: null,
  periodId: null,
  visibleAircraft: 0,
  lostSoFar: 0,
  falling: 0,
  crashMarkers: 0,
  damagedSoFar: 0,
  damagedBeyondRepairSoFar: 0,
  overlay: {},
  renderer: { calls: 0, triangles: 0, geometries: 0, textures: 0 },
  terrain: { drawn: 0, cached: 0, loading: 0, complete: false },
  camera: { x: 0, y: 0, z: 0, tx: 0, ty: 0, tz: 0 },
  errors: [],
  contextLost: false,
  contextLosses: 0,
  contextRestores: 0,
  canvasRemounts: 0,
  quality: { factor: 1, dpr: 0, terrainErrorPx: 0 },
  health: { fps: 0, heapMB: null, reloadPending: null, reloads: 0 },
  serviceWorker: { state: 'off', updateWaiting: false },
  twin: noScene,
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
