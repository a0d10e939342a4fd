/**
 * Every aircraft of the campaign, one instanced draw per silhouette. Per frame this writes two
 * uniforms and nothing else: positions come from flightShader.ts on the GPU.
 */
import { useFrame } from '@react-three/fiber';
import { useCallback, useEffect, useMemo } from 'react';
import {
  DataTexture,
  FloatType,
  GLSL3,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  NearestFilter,
  RGBAFormat,
  ShaderMaterial,
  Vector3,
  type Camera,
} from 'three';
import { SILHOUETTES } from '../motion/aircraftTypes.ts';
import type { AircraftBatch, FlightPlan } from '../motion/compile.ts';
import { usePrecompile } from './precompile.ts';
import {
  DEFAULT_VERTICAL_EXAGGERATION,
  MAX_WAYPOINTS,
  aircraftScaleForDistance,
  type InstanceAttributes,
} from '../motion/flight.ts';
import { flightFragmentShader, flightVertexShader } from '../motion/flightShader.ts';
import type { Clock } from '../timeline/clock.ts';
import { useContextRestored } from './ContextRecovery.tsx';
import { silhouetteGeometry } from './silhouettes.ts';
import { frameState } from './frameState.ts';

export function createRouteTexture(plan: FlightPlan): DataTexture {
  const texture = new DataTexture(plan.routes.data, MAX_WAYPOINTS, Math.max(1, plan.routes.count), RGBAFormat, FloatType);
  texture.minFilter = NearestFilter;
  texture.magFilter = NearestFilter;
  texture.needsUpdate = true;
  return texture;
}

/** Uniforms shared by the aircraft and the crash markers: one write per frame updates all. */
export function createSceneUniforms(plan: FlightPlan) {
  return {
    uRoutes: { value: createRouteTexture(plan) },
    uTime: { value: 0 },
    uScale: { value: 1 },
    uVertical: { value: DEFAULT_VERTICAL_EXAGGERATION },
    uSun: { value: new Vector3(0, 1, 0) },
    uDaylight: { value: 1 },
  };
}
export type SceneUniforms = ReturnType<typeof createSceneUniforms>;

export function AircraftLayer({ plan, uniforms }: { plan: FlightPlan; uniforms: SceneUniforms }) {
  const meshes = useMemo(() => {
    const inst = plan.instances;
    // One geometry per silhouette, shared by every batch of that silhouette.
    const bases = new Map(SILHOUETTES.map((s) => [s, silhouetteGeometry(s)]));
    // One material for all batches: they differ only in their attributes.
    const material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader: flightVertexShader,
      fragmentShader: flightFragmentShader,
      uniforms,
    });
    return plan.batches.map((batch) => {
      const base = bases.get(batch.silhouette)!;
      const geometry = new InstancedBufferGeometry();
      geometry.setIndex(base.getIndex());
      geometry.setAttribute('position', base.getAttribute('position'));
      geometry.setAttribute('normal', base.getAttribute('normal'));
      const slice = (array: Float32Array, size: number) =>
        new InstancedBufferAttribute(array.subarray(batch.start * size, (batch.start + batch.count) * size), size);
      setFlightAttributes(geometry, inst, slice);
      geometry.instanceCount = batch.count;
      const mesh = new Mesh(geometry, material);
      // Positions are computed in the shader: bounds on the CPU would be wrong.
      mesh.frustumCulled = false;
      mesh.name = `aircraft-${batch.periodId}-${batch.silhouette}`;
      mesh.visible = false;
      return mesh;
    });
  }, [plan, uniforms]);

  useEffect(
    () => () => {
      meshes.forEach((m) => m.geometry.dispose());
      (meshes[0]?.material as ShaderMaterial | undefined)?.dispose();
    },
    [meshes],
  );

  // Batches share one material: compiling the first compiles them all.
  usePrecompile(useMemo(() => meshes.slice(0, 1), [meshes]));

  // A restored WebGL context starts empty: the route table goes up again from its array.
  const restoreRoutes = useCallback(() => uploadRoutesAgain(uniforms), [uniforms]);
  useContextRestored(restoreRoutes);

  // Only batches that can have an aircraft in the air are drawn: one comparison per batch.
  useFrame(() => {
    const t = uniforms.uTime.value;
    for (let i = 0; i < meshes.length; i++) showIfAirborne(meshes[i]!, plan.batches[i]!, t);
  });

  return (
    <group>
      {meshes.map((m) => (
        <primitive key={m.name} object={m} />
      ))}
    </group>
  );
}

/** The per-instance inputs of flightShader.ts, each made from an InstanceAttributes array. */
export function setFlightAttributes(
  geometry: InstancedBufferGeometry,
  inst: InstanceAttributes,
  attribute: (array: Float32Array, size: number) => InstancedBufferAttribute,
) {
  geometry.setAttribute('aRoute', attribute(inst.route, 1));
  geometry.setAttribute('aDelay', attribute(inst.delay, 1));
  geometry.setAttribute('aSlot', attribute(inst.slot, 3));
  geometry.setAttribute('aSpread', attribute(inst.spread, 3));
  geometry.setAttribute('aEvents', attribute(inst.events, 4));
  geometry.setAttribute('aColour', attribute(inst.colour, 3));
  geometry.setAttribute('aStyle', attribute(inst.style, 2));
}

function uploadRoutesAgain(uniforms: SceneUniforms) {
  uniforms.uRoutes.value.needsUpdate = true;
}

function showIfAirborne(mesh: Mesh, batch: AircraftBatch, t: number) {
  mesh.visible = t >= batch.from && t <= batch.to;
}

/** Per-frame uniform writes for a clock and camera; called from the scene's single frame loop. */
export function updateSceneUniforms(uniforms: SceneUniforms, clock: Clock, camera: Camera) {
  uniforms.uTime.value = clock.time;
  uniforms.uScale.value = aircraftScaleForDistance(camera.position.distanceTo(frameState.target));
}

export function setVerticalExaggeration(uniforms: SceneUniforms, vertical: number) {
  uniforms.uVertical.value = vertical;
}

export function useSceneUniforms(plan: FlightPlan): SceneUniforms {
  const uniforms = useMemo(() => createSceneUniforms(plan), [plan]);
  useEffect(() => () => uniforms.uRoutes.value.dispose(), [uniforms]);
  return uniforms;
}
