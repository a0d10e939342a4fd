/**
 * Where lost aircraft went: a smoke trail down each one's fall path, and a marker on the ground
 * where it came down, from the moment it does. Both read the aircraft's own attributes.
 */
import { useEffect, useMemo } from 'react';
import {
  BufferAttribute,
  ConeGeometry,
  GLSL3,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  ShaderMaterial,
  type BufferGeometry,
} from 'three';
import type { FlightPlan } from '../motion/compile.ts';
import { usePrecompile } from './precompile.ts';
import { NEVER } from '../motion/flight.ts';
import { crashVertexShader, flightFragmentShader, trailFragmentShader, trailVertexShader } from '../motion/flightShader.ts';
import { setFlightAttributes, type SceneUniforms } from './AircraftLayer.tsx';

/** Segments along a trail: enough for the curve of the fall to read. */
const TRAIL_SEGMENTS = 12;

export function CrashMarkers({ plan, uniforms }: { plan: FlightPlan; uniforms: SceneUniforms }) {
  const meshes = useMemo(() => {
    const inst = plan.instances;
    const lost: number[] = [];
    for (let i = 0; i < inst.count; i++) if (inst.events[i * 4]! < NEVER) lost.push(i);
    const gather = (array: Float32Array, size: number) => {
      const out = new Float32Array(lost.length * size);
      lost.forEach((i, k) => out.set(array.subarray(i * size, i * size + size), k * size));
      return new InstancedBufferAttribute(out, size);
    };
    const instanced = (base: BufferGeometry) => {
      const geometry = new InstancedBufferGeometry();
      geometry.index = base.index;
      geometry.setAttribute('position', base.getAttribute('position'));
      setFlightAttributes(geometry, inst, gather);
      geometry.instanceCount = lost.length;
      return geometry;
    };
    // An inverted cone reads as a pin at any zoom; scaled with the aircraft.
    const pin = new ConeGeometry(0.009, 0.03, 4).rotateX(Math.PI).translate(0, 0.015, 0);
    const markers = new Mesh(
      instanced(pin),
      new ShaderMaterial({
        glslVersion: GLSL3,
        vertexShader: crashVertexShader,
        fragmentShader: flightFragmentShader,
        uniforms,
        // A pin on the map: seen over the relief it fell on.
        depthTest: false,
      }),
    );
    markers.name = 'crash-markers';
    markers.renderOrder = 2;
    const trails = new Mesh(
      instanced(trailStrip()),
      new ShaderMaterial({
        glslVersion: GLSL3,
        vertexShader: trailVertexShader,
        fragmentShader: trailFragmentShader,
        uniforms,
        transparent: true,
        depthWrite: false,
      }),
    );
    trails.name = 'fall-trails';
    for (const m of [markers, trails]) m.frustumCulled = false;
    return [markers, trails];
  }, [plan, uniforms]);
  usePrecompile(meshes);
  useEffect(
    () => () => {
      for (const m of meshes) {
        m.geometry.dispose();
        (m.material as ShaderMaterial).dispose();
      }
    },
    [meshes],
  );
  return (
    <>
      {meshes.map((m) => (
        <primitive key={m.name} object={m} />
      ))}
    </>
  );
}

/** A strip of quads: x from 0 (loss point) to 1 (the aircraft), y the side (-1, 1). */
function trailStrip(): InstancedBufferGeometry {
  const positions = new Float32Array((TRAIL_SEGMENTS + 1) * 2 * 3);
  const index: number[] = [];
  for (let k = 0; k <= TRAIL_SEGMENTS; k++) {
    positions.set([k / TRAIL_SEGMENTS, -1, 0, k / TRAIL_SEGMENTS, 1, 0], k * 6);
    if (k < TRAIL_SEGMENTS) index.push(2 * k, 2 * k + 1, 2 * k + 2, 2 * k + 1, 2 * k + 3, 2 * k + 2);
  }
  const geometry = new InstancedBufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(index);
  return geometry;
}
