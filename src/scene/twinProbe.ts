/**
 * The scene side of `window.__sortie`: the twin probe (see app/diagnostics.ts) and the scene's own
 * counts, published by the frame loop. Loaded with the scene, so three.js stays out of the first load.
 */
import { InstancedBufferAttribute, InstancedBufferGeometry, Vector3, type Camera } from 'three';
import { diagnostics, type TwinCensus, type TwinInputs, type TwinProbe, type TwinScreen } from '../app/diagnostics.ts';
import type { FlightPlan } from '../motion/compile.ts';
import { FALL_SECONDS, MAX_WAYPOINTS, NEVER, aircraftPose, createPose, trackAt } from '../motion/flight.ts';
import { crashVertexShader, flightVertexShader } from '../motion/flightShader.ts';
import { setFlightAttributes, type SceneUniforms } from './AircraftLayer.tsx';
import { createSceneCountModel, sceneCountsAt, type SceneCountModel, type SceneCounts } from '../timeline/periodFigures.ts';

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

diagnostics.twin = twin;

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
