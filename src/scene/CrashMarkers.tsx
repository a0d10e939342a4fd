/** A marker on the ground where each lost aircraft came down, from the moment it does. */
import { useEffect, useMemo } from 'react';
import { ConeGeometry, GLSL3, InstancedBufferAttribute, InstancedBufferGeometry, Mesh, ShaderMaterial } from 'three';
import type { FlightPlan } from '../motion/compile.ts';
import { NEVER } from '../motion/flight.ts';
import { crashVertexShader, flightFragmentShader } from '../motion/flightShader.ts';
import { setFlightAttributes, type SceneUniforms } from './AircraftLayer.tsx';

export function CrashMarkers({ plan, uniforms }: { plan: FlightPlan; uniforms: SceneUniforms }) {
  const mesh = useMemo(() => {
    const inst = plan.instances;
    const lost: number[] = [];
    for (let i = 0; i < inst.count; i++) if (inst.events[i * 4]! < NEVER) lost.push(i);
    const gather = (array: Float32Array, size: number) => {
      const out = new Float32Array(lost.length * size);
      lost.forEach((i, k) => out.set(array.subarray(i * size, i * size + size), k * size));
      return new InstancedBufferAttribute(out, size);
    };
    // An inverted cone reads as a pin at any zoom; scaled with the aircraft.
    const geometry = new InstancedBufferGeometry().copy(
      new ConeGeometry(0.009, 0.03, 4).rotateX(Math.PI).translate(0, 0.015, 0) as unknown as InstancedBufferGeometry,
    );
    setFlightAttributes(geometry, inst, gather);
    geometry.instanceCount = lost.length;
    const material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader: crashVertexShader,
      fragmentShader: flightFragmentShader,
      uniforms,
      // A pin on the map: seen over the relief it fell on.
      depthTest: false,
    });
    const m = new Mesh(geometry, material);
    m.frustumCulled = false;
    m.name = 'crash-markers';
    m.renderOrder = 2;
    return m;
  }, [plan, uniforms]);
  useEffect(
    () => () => {
      mesh.geometry.dispose();
      (mesh.material as ShaderMaterial).dispose();
    },
    [mesh],
  );
  return <primitive object={mesh} />;
}
