/**
 * window.__sortie: a read-only view of what is on screen, for tests and kiosk health checks.
 * The frame loop writes into one object; nothing is allocated per frame.
 *
 * `__sortie.twin` answers questions about the scene on demand (never per frame): where the CPU
 * twin of the flight shader (motion/flight.ts) puts an aircraft or a crash marker, projected with
 * the camera and the uniforms of the frame the renderer last drew, a per-aircraft census, and the
 * shader sources and attributes the renderer draws with, so that tests can run them on the GPU.
 */
import { InstancedBufferAttribute, InstancedBufferGeometry, Vector3, type Camera } from 'three';
import type { FlightPlan } from '../motion/compile.ts';
import { FALL_SECONDS, MAX_WAYPOINTS, NEVER, aircraftPose, createPose, trackAt } from '../motion/flight.ts';
import { crashVertexShader, flightVertexShader } from '../motion/flightShader.ts';
import { setFlightAttributes, type SceneUniforms } from '../scene/AircraftLayer.tsx';
import {
  createSceneCountModel,
  sceneCountsAt,
  type Figures,
  type SceneCountModel,
  type SceneCounts,
} from '../timeline/periodFigures.ts';

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

/** Bounding radii in aircraft-size units (× uScale): the largest silhouette, and the pin. */
const AIRCRAFT_RADIUS = 0.021;
const MARKER_RADIUS = 0.02;
const MARKER_CENTRE = 0.015;

interface TwinScene {
  plan: FlightPlan;
  uniforms: SceneUniforms;
  camera: Camera;
  counts: SceneCountModel;
  counted: SceneCounts;
  /** Force id of each instance (null: not of the records), built on first use. */
  forceOf: (string | null)[] | null;
  periodOf: (string | null)[] | null;
}

let scene: TwinScene | null = null;

const twin: TwinProbe = {
  frame: () => {
    if (!scene) return null;
    const { uniforms, plan } = scene;
    const c = sceneCanvas();
    return {
      epochMs: plan.epochMs,
      time: uniforms.uTime.value,
      scale: uniforms.uScale.value,
      vertical: uniforms.uVertical.value,
      instances: plan.instances.count,
      width: c?.clientWidth ?? 0,
      height: c?.clientHeight ?? 0,
    };
  },
  pose: (i, time) => {
    if (!scene || !(i >= 0 && i < scene.plan.instances.count)) return null;
    const { plan, uniforms } = scene;
    const t = Math.fround(time ?? uniforms.uTime.value);
    const scale = uniforms.uScale.value;
    const p = aircraftPose(plan.routes, plan.instances, i, t, scale, createPose(), uniforms.uVertical.value);
    const lossTime = plan.instances.events[i * 4]!;
    const onRoute =
      trackAt(plan.routes, plan.instances.route[i]!, (t >= lossTime ? lossTime : t) - plan.instances.delay[i]!).state === 0;
    return {
      instance: i,
      time: t,
      visible: p.visible,
      falling: p.falling,
      onRoute,
      x: p.x,
      y: p.y,
      z: p.z,
      screen: onRoute ? project(p.x, p.y, p.z, AIRCRAFT_RADIUS * scale) : null,
    };
  },
  marker: (i, time) => {
    if (!scene || !(i >= 0 && i < scene.plan.instances.count)) return null;
    const { plan, uniforms } = scene;
    const t = Math.fround(time ?? uniforms.uTime.value);
    const inst = plan.instances;
    const lossTime = inst.events[i * 4]!;
    const down = Math.fround(lossTime + FALL_SECONDS);
    const onRoute = lossTime < NEVER && trackAt(plan.routes, inst.route[i]!, lossTime - inst.delay[i]!).state === 0;
    const scale = uniforms.uScale.value;
    // Where the fall ends: the pose at the moment it reaches the ground.
    const p = onRoute ? aircraftPose(plan.routes, inst, i, down, scale, createPose(), uniforms.uVertical.value) : null;
    return {
      instance: i,
      time: t,
      shown: onRoute && t >= down,
      x: p?.x ?? 0,
      z: p?.z ?? 0,
      screen: p ? project(p.x, MARKER_CENTRE * scale, p.z, MARKER_RADIUS * scale) : null,
    };
  },
  instance: (i) => {
    if (!scene || !(i >= 0 && i < scene.plan.instances.count)) return null;
    const { plan } = scene;
    const ev = plan.instances.events;
    const owners = instanceOwners(scene);
    return {
      instance: i,
      force: owners.forceOf[i]!,
      periodId: owners.periodOf[i]!,
      route: plan.instances.route[i]!,
      delay: plan.instances.delay[i]!,
      start: plan.startTimes[i]!,
      end: plan.endTimes[i]!,
      lossTime: ev[i * 4]! < NEVER ? ev[i * 4]! : null,
      damageTime: ev[i * 4 + 1]! < NEVER ? ev[i * 4 + 1]! : null,
      damageLevel: ev[i * 4 + 2]!,
    };
  },
  census: (time, periodId) => {
    if (!scene) return null;
    const { plan, uniforms } = scene;
    const t = Math.fround(time ?? uniforms.uTime.value);
    const period = periodId === undefined ? diagnostics.periodId : periodId;
    const inst = plan.instances;
    const owners = instanceOwners(scene);
    const pose = createPose();
    const c: TwinCensus = {
      time: t,
      periodId: period,
      airborne: 0,
      others: 0,
      lost: 0,
      falling: 0,
      crashMarkers: 0,
      damaged: 0,
      damagedBeyondRepair: 0,
    };
    for (let i = 0; i < inst.count; i++) {
      aircraftPose(plan.routes, inst, i, t, uniforms.uScale.value, pose, uniforms.uVertical.value);
      const ours = owners.forceOf[i] !== null;
      if (pose.visible) {
        if (ours) c.airborne++;
        else c.others++;
      }
      if (!ours || owners.periodOf[i] !== period) continue;
      const lossTime = inst.events[i * 4]!;
      if (lossTime <= t) {
        c.lost++;
        if (pose.visible) c.falling++;
        if (twin.marker(i, t)!.shown) c.crashMarkers++;
      }
      if (inst.events[i * 4 + 1]! <= t) {
        if (inst.events[i * 4 + 2]! > 1.5) c.damagedBeyondRepair++;
        else if (inst.events[i * 4 + 2]! > 0.5) c.damaged++;
      }
    }
    return c;
  },
  project: (x, y, z, radiusKm = 0) => project(x, y, z, radiusKm),
  inputs: () => {
    if (!scene) return null;
    const { plan, uniforms } = scene;
    // The attributes exactly as the aircraft layer binds them, by the same function.
    const geometry = new InstancedBufferGeometry();
    setFlightAttributes(geometry, plan.instances, (array, size) => new InstancedBufferAttribute(array.slice(), size));
    const attributes: TwinInputs['attributes'] = {};
    for (const [name, a] of Object.entries(geometry.attributes))
      attributes[name] = { array: a.array as Float32Array, size: a.itemSize };
    geometry.dispose();
    const numeric: Record<string, number> = {};
    for (const [name, u] of Object.entries(uniforms)) if (typeof u.value === 'number') numeric[name] = u.value;
    return {
      flightVertexShader,
      crashVertexShader,
      maxWaypoints: MAX_WAYPOINTS,
      routes: { count: plan.routes.count, data: plan.routes.data.slice() },
      instances: plan.instances.count,
      attributes,
      uniforms: numeric,
    };
  },
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
  twin,
};

/**
 * Called by the frame loop whenever the clock moves: the scene's own counts for the period
 * (binary searches in arrays sorted once per campaign), and what the twin probe evaluates with.
 */
export function publishScene(
  plan: FlightPlan,
  uniforms: SceneUniforms,
  camera: Camera,
  periodId: string | null,
  time: number,
): void {
  if (scene?.plan !== plan) {
    const counts = createSceneCountModel(plan);
    scene = { plan, uniforms, camera, counts, counted: sceneCountsAt(counts, periodId, time), forceOf: null, periodOf: null };
  }
  scene.uniforms = uniforms;
  scene.camera = camera;
  const c = sceneCountsAt(scene.counts, periodId, time, scene.counted);
  diagnostics.falling = c.falling;
  diagnostics.crashMarkers = c.crashMarkers;
  diagnostics.damagedSoFar = c.damaged;
  diagnostics.damagedBeyondRepairSoFar = c.damagedBeyondRepair;
}

export function reportError(message: string): void {
  if (diagnostics.errors.length < 50) diagnostics.errors.push(message);
}

let canvas: HTMLCanvasElement | null = null;

function sceneCanvas(): HTMLCanvasElement | null {
  if (!canvas?.isConnected) canvas = document.querySelector<HTMLCanvasElement>('.scene canvas');
  return canvas;
}

const projected = new Vector3();

/** Scene km to canvas CSS px with the camera as last rendered. */
function project(x: number, y: number, z: number, radiusKm: number): TwinScreen | null {
  const c = sceneCanvas();
  if (!scene || !c) return null;
  const { camera } = scene;
  const width = c.clientWidth;
  const height = c.clientHeight;
  projected.set(x, y, z).applyMatrix4(camera.matrixWorldInverse);
  const depth = -projected.z;
  projected.applyMatrix4(camera.projectionMatrix);
  const focal = camera.projectionMatrix.elements[5]!;
  return {
    x: ((projected.x + 1) / 2) * width,
    y: ((1 - projected.y) / 2) * height,
    radius: depth > 0 ? ((radiusKm * focal) / depth) * (height / 2) : 0,
    inView: depth > 0 && Math.abs(projected.x) <= 1 && Math.abs(projected.y) <= 1,
  };
}

/** Which force and period each instance belongs to: forces hold contiguous instance ranges. */
function instanceOwners(s: TwinScene): { forceOf: (string | null)[]; periodOf: (string | null)[] } {
  if (!s.forceOf || !s.periodOf) {
    const n = s.plan.instances.count;
    s.forceOf = new Array<string | null>(n).fill(null);
    s.periodOf = new Array<string | null>(n).fill(null);
    for (const f of s.plan.forces)
      for (let i = f.firstInstance; i < Math.min(n, f.firstInstance + f.aircraft); i++) {
        s.forceOf[i] = f.forceId;
        s.periodOf[i] = f.periodId;
      }
  }
  return { forceOf: s.forceOf, periodOf: s.periodOf };
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
