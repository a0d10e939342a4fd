/**
 * The Korean scene's own layers: cuts where the bombs fell, shown until repaired; the trains
 * and truck convoys moving at night; and a dot under each generated aircraft so that the few,
 * small jets of a month read from a theatre-wide view. Loaded only where a campaign has them
 * (see RailCuts.tsx, RailTraffic.tsx and FlowMarkers.tsx). Per frame they compare the clock with
 * each draw's time span and nothing else: which cut is open, where each vehicle and aircraft is,
 * are decided in the shaders from the scene's shared time uniform.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  DataTexture,
  FloatType,
  GLSL3,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  Object3D,
  NearestFilter,
  Points,
  RGBAFormat,
  ShaderMaterial,
  BufferAttribute,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { AircraftBatch, FlightPlan } from '../motion/compile.ts';
import { flightVertexShader } from '../motion/flightShader.ts';
import { MAX_PATH_POINTS, type RailCuts as RailCutPlan, type RailTraffic as RailTrafficPlan } from '../motion/koreaRail.ts';
import { setFlightAttributes, type SceneUniforms } from './AircraftLayer.tsx';
import { railCutsVertexShader, railMarkerFragmentShader } from './railCutsShader.ts';
import { railTrafficVertexShader } from './railTrafficShader.ts';

/** A cross for a cut in a line or station, a square for a bridge hit: flat on the ground, aircraft-size units. */
export function cutMarkerGeometry(): BufferGeometry {
  const arm = (angle: number) => new BoxGeometry(0.04, 0.0005, 0.009).rotateY(angle);
  const cross = mergeGeometries([arm(Math.PI / 4).toNonIndexed(), arm(-Math.PI / 4).toNonIndexed()]);
  return cross;
}

export function bridgeMarkerGeometry(): BufferGeometry {
  const side = (x: number, z: number, w: number, d: number) => new BoxGeometry(w, 0.0005, d).translate(x, 0, z).toNonIndexed();
  const s = 0.02;
  const t = 0.008;
  return mergeGeometries([side(0, -s, 2 * s + t, t), side(0, s, 2 * s + t, t), side(-s, 0, t, 2 * s), side(s, 0, t, 2 * s)]);
}

/** Cuts in the railway where the bombs fell, each shown until it is repaired: one draw per kind for the campaign. */
export function RailCutsLayer({ cuts, uniforms }: { cuts: RailCutPlan; uniforms: SceneUniforms }) {
  const meshes = useMemo(() => (cuts.count > 0 ? createCutMeshes(cuts, uniforms) : []), [cuts, uniforms]);
  useEffect(
    () => () => {
      meshes.forEach((m) => m.geometry.dispose());
      (meshes[0]?.material as ShaderMaterial | undefined)?.dispose();
    },
    [meshes],
  );
  useFrame(() => {
    const t = uniforms.uTime.value;
    for (let i = 0; i < meshes.length; i++) showWithin(meshes[i]!, cuts, t);
  });
  if (meshes.length === 0) return null;
  return (
    <group name="rail-cuts">
      {meshes.map((m) => (
        <primitive key={m.name} object={m} />
      ))}
    </group>
  );
}

function showWithin(mesh: Object3D, span: { from: number; to: number }, t: number) {
  mesh.visible = t >= span.from && t < span.to;
}

function createCutMeshes(cuts: RailCutPlan, uniforms: SceneUniforms): Mesh[] {
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: railCutsVertexShader,
    fragmentShader: railMarkerFragmentShader,
    // The scene's own time and scale uniforms: one write per frame moves everything.
    uniforms: { uTime: uniforms.uTime, uScale: uniforms.uScale },
    // Marks on the map: seen over the relief, like the railway they lie on.
    depthTest: false,
    depthWrite: false,
  });
  return [0, 1].map((kind) => {
    const index: number[] = [];
    for (let i = 0; i < cuts.count; i++) if (cuts.kind[i] === kind) index.push(i);
    const gather = (array: Float32Array, size: number) => {
      const out = new Float32Array(index.length * size);
      index.forEach((i, k) => out.set(array.subarray(i * size, i * size + size), k * size));
      return new InstancedBufferAttribute(out, size);
    };
    const base = kind === 1 ? bridgeMarkerGeometry() : cutMarkerGeometry();
    const geometry = new InstancedBufferGeometry();
    geometry.setAttribute('position', base.getAttribute('position'));
    geometry.setAttribute('aPosition', gather(cuts.position, 2));
    geometry.setAttribute('aTimes', gather(cuts.times, 2));
    geometry.setAttribute('aKind', gather(cuts.kind, 1));
    geometry.instanceCount = index.length;
    const mesh = new Mesh(geometry, material);
    mesh.frustumCulled = false;
    mesh.renderOrder = 3;
    mesh.name = kind === 1 ? 'rail-bridge-hits' : 'rail-cuts';
    return mesh;
  });
}

/** Trains and truck convoys on the move at night, one instanced draw per month. */
export function RailTrafficLayer({ traffic, uniforms }: { traffic: RailTrafficPlan; uniforms: SceneUniforms }) {
  const meshes = useMemo(() => (traffic.count > 0 ? createTrafficMeshes(traffic, uniforms) : []), [traffic, uniforms]);
  useEffect(
    () => () => {
      meshes.forEach((m) => m.geometry.dispose());
      const material = meshes[0]?.material as ShaderMaterial | undefined;
      (material?.uniforms.uPaths?.value as DataTexture | undefined)?.dispose();
      material?.dispose();
    },
    [meshes],
  );
  // Only the months that can have a vehicle on the move are drawn: one comparison per month.
  useFrame(() => {
    const t = uniforms.uTime.value;
    for (let i = 0; i < meshes.length; i++) showWithin(meshes[i]!, traffic.batches[i]!, t);
  });
  if (meshes.length === 0) return null;
  return (
    <group name="rail-traffic">
      {meshes.map((m) => (
        <primitive key={m.name} object={m} />
      ))}
    </group>
  );
}

function createTrafficMeshes(traffic: RailTrafficPlan, uniforms: SceneUniforms): Mesh[] {
  const paths = new DataTexture(traffic.paths.data, MAX_PATH_POINTS, Math.max(1, traffic.paths.count), RGBAFormat, FloatType);
  paths.minFilter = NearestFilter;
  paths.magFilter = NearestFilter;
  paths.needsUpdate = true;
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: railTrafficVertexShader,
    fragmentShader: railMarkerFragmentShader,
    uniforms: { uTime: uniforms.uTime, uScale: uniforms.uScale, uPaths: { value: paths } },
    depthTest: false,
    depthWrite: false,
  });
  // A wagon in aircraft-size units (x right, y up, z along the track), scaled like the aircraft.
  const base = new BoxGeometry(0.009, 0.004, 0.013).translate(0, 0.002, 0).toNonIndexed();
  return traffic.batches.map((batch) => {
    const slice = (array: Float32Array) =>
      new InstancedBufferAttribute(array.subarray(batch.start * 4, (batch.start + batch.count) * 4), 4);
    const geometry = new InstancedBufferGeometry();
    geometry.setAttribute('position', base.getAttribute('position'));
    geometry.setAttribute('aRun', slice(traffic.run));
    geometry.setAttribute('aStops', slice(traffic.stops));
    geometry.setAttribute('aInfo', slice(traffic.info));
    geometry.instanceCount = batch.count;
    const mesh = new Mesh(geometry, material);
    mesh.frustumCulled = false;
    mesh.renderOrder = 3;
    mesh.visible = false;
    mesh.name = `rail-traffic-${batch.periodId}`;
    return mesh;
  });
}

/**
 * A dot at each aircraft of the plan, from the aircraft's own vertex shader (flightShader.ts)
 * drawn as one point per aircraft: the same position, colour, damage and fall, so it cannot
 * disagree with the aircraft. It fades in only when the aircraft are drawn smaller than a few
 * pixels, and is drawn per period like the aircraft, only while the clock is inside a batch.
 */
export function FlowMarkersLayer({ plan, uniforms }: { plan: FlightPlan; uniforms: SceneUniforms }) {
  const points = useMemo(() => createFlowMarkers(plan, uniforms), [plan, uniforms]);
  useEffect(
    () => () => {
      points.forEach((p) => p.geometry.dispose());
      (points[0]?.material as ShaderMaterial | undefined)?.dispose();
    },
    [points],
  );
  useFrame(() => {
    const t = uniforms.uTime.value;
    for (let i = 0; i < points.length; i++) showWithin(points[i]!, plan.batches[i]!, t);
  });
  return (
    <group name="flow-markers">
      {points.map((p) => (
        <primitive key={p.name} object={p} />
      ))}
    </group>
  );
}

/** Halo size (px) from the aircraft scale: none close up, where the aircraft are drawn at true size. */
const MARKER_SIZE = 'clamp((uScale - 8.0) * 0.5, 0.0, 7.0)';

function createFlowMarkers(plan: FlightPlan, uniforms: SceneUniforms): Points[] {
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: flightVertexShader.replace('void main() {', `void main() {\n  gl_PointSize = ${MARKER_SIZE};`),
    fragmentShader: FLOW_MARKER_FRAGMENT,
    uniforms,
    transparent: true,
    depthWrite: false,
  });
  // One vertex at the aircraft's centre: the shader moves it as it moves the hull.
  const dot = new InstancedBufferGeometry();
  dot.setAttribute('position', new BufferAttribute(new Float32Array(3), 3));
  dot.setAttribute('normal', new BufferAttribute(Float32Array.of(0, 1, 0), 3));
  const inst = plan.instances;
  return plan.batches.map((batch: AircraftBatch) => {
    const geometry = new InstancedBufferGeometry();
    geometry.setAttribute('position', dot.getAttribute('position'));
    geometry.setAttribute('normal', dot.getAttribute('normal'));
    setFlightAttributes(
      geometry,
      inst,
      (array, size) => new InstancedBufferAttribute(array.subarray(batch.start * size, (batch.start + batch.count) * size), size),
    );
    geometry.instanceCount = batch.count;
    const points = new Points(geometry, material);
    points.frustumCulled = false;
    points.visible = false;
    points.name = `flow-markers-${batch.periodId}-${batch.silhouette}`;
    return points;
  });
}

const FLOW_MARKER_FRAGMENT = /* glsl */ `
precision highp float;
in vec3 vColour;
in float vShade;
out vec4 fragColour;
void main() {
  float r = length(gl_PointCoord - 0.5);
  if (r > 0.5) discard;
  fragColour = vec4(vColour, 0.7 * smoothstep(0.5, 0.25, r));
}
`;
