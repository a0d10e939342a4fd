/**
 * Each force's routes at altitude. Routes the sources give are crisp lines; schematic ones
 * (reconstructed, not from the sources) are translucent corridors with dashed edges, so that
 * what was reconstructed never looks as certain as what the sources state.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, DoubleSide, GLSL3, Mesh, ShaderMaterial, type Object3D } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { FlightPlan } from '../motion/compile.ts';
import type { Force } from '../records/schema.ts';
import { corridorBuffers, routeLines, splitRoutes, type RouteLine } from './ribbonGeometry.ts';

/** Half-width of a schematic route's corridor (km): the uncertainty it stands for, not a measure of it. */
const CORRIDOR_HALF_KM = 6;

const corridorVertexShader = /* glsl */ `
in vec2 aOffset;
in vec3 aCorridor; // distance along the route (km), side (-1, 1), main (1) or branch (0)
in vec3 aColour;
out float vDist;
out float vSide;
out float vMain;
out vec3 vColour;

void main() {
  vec4 track = modelMatrix * vec4(position, 1.0);
  // Several km wide up close; never thinner than a few pixels from afar.
  float halfWidth = max(${CORRIDOR_HALF_KM.toFixed(1)}, distance(cameraPosition, track.xyz) * 0.003) * mix(0.6, 1.0, aCorridor.z);
  track.xz += aOffset * halfWidth;
  vDist = aCorridor.x;
  vSide = aCorridor.y;
  vMain = aCorridor.z;
  vColour = aColour;
  gl_Position = projectionMatrix * viewMatrix * track;
}
`;

const corridorFragmentShader = /* glsl */ `
precision highp float;
in float vDist;
in float vSide;
in float vMain;
in vec3 vColour;
out vec4 fragColour;

void main() {
  // Soft across its width, never a crisp line: the route lies somewhere in here.
  float e = abs(vSide);
  float w = fwidth(vSide);
  // Up close, where the corridor is wide on screen, it is fainter (corridors overlap there)
  // and dashed edges about a pixel wide mark its bounds; dashes sized to the view in powers
  // of two, so they hold still while zooming.
  float wide = smoothstep(0.12, 0.03, w);
  float haze = exp(-3.0 * e * e) * mix(0.11, 0.17, vMain) * mix(1.0, 0.55, wide);
  float edge = smoothstep(1.0 - 2.5 * w, 1.0 - w, e) * wide;
  float dash = exp2(floor(log2(max(1.0, fwidth(vDist) * 24.0))));
  float on = step(fract(vDist / dash), 0.3);
  float alpha = max(haze, edge * on * mix(0.16, 0.26, vMain));
  fragColour = vec4(mix(vColour, vec3(0.86, 0.86, 0.82), 0.35), alpha);
}
`;

function corridorMesh(paths: readonly RouteLine[]): Mesh {
  const c = new Color();
  const b = corridorBuffers(paths, (p) => {
    c.set(p.colour);
    return [c.r, c.g, c.b];
  });
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(b.position, 3));
  geometry.setAttribute('aOffset', new BufferAttribute(b.offset, 2));
  geometry.setAttribute('aCorridor', new BufferAttribute(b.corridor, 3));
  geometry.setAttribute('aColour', new BufferAttribute(b.colour, 3));
  geometry.setIndex(new BufferAttribute(b.index, 1));
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: corridorVertexShader,
    fragmentShader: corridorFragmentShader,
    transparent: true,
    depthWrite: false,
    side: DoubleSide,
  });
  const mesh = new Mesh(geometry, material);
  // Widths follow the camera in the shader: bounds on the CPU would be wrong.
  mesh.frustumCulled = false;
  mesh.name = 'routes-corridors';
  return mesh;
}

/**
 * All routes of the view in at most three draws (one corridor mesh for every schematic route;
 * main and branch lines for sourced ones), whatever the number of forces: per-frame cost must
 * not follow the size of the campaign.
 */
export function RouteLines({ lines }: { lines: RouteLine[] }) {
  const size = useThree((s) => s.size);
  const objects = useMemo(() => {
    const { corridors, lines: crisp } = splitRoutes(lines);
    const out: Object3D[] = [];
    if (corridors.length > 0) out.push(corridorMesh(corridors));
    for (const main of [true, false]) {
      const group = crisp.filter((l) => l.main === main);
      if (group.length === 0) continue;
      const positions: number[] = [];
      const colours: number[] = [];
      const c = new Color();
      for (const l of group) {
        c.set(l.colour);
        for (let i = 1; i < l.points.length; i++) {
          positions.push(...l.points[i - 1]!, ...l.points[i]!);
          colours.push(c.r, c.g, c.b, c.r, c.g, c.b);
        }
      }
      const geometry = new LineSegmentsGeometry();
      geometry.setPositions(positions);
      geometry.setColors(colours);
      const material = new LineMaterial({
        vertexColors: true,
        linewidth: main ? 1.6 : 1,
        transparent: true,
        opacity: main ? 0.7 : 0.45,
        depthWrite: false,
      });
      const object = new LineSegments2(geometry, material);
      object.name = `routes-${main ? 'main' : 'branch'}-sourced`;
      out.push(object);
    }
    return out;
  }, [lines]);

  useEffect(() => {
    for (const o of objects) if (o instanceof LineSegments2) o.material.resolution.set(size.width, size.height);
  }, [objects, size]);
  useEffect(
    () => () =>
      objects.forEach((o) => {
        if (!(o instanceof Mesh)) return;
        o.geometry.dispose();
        (o.material as ShaderMaterial).dispose();
      }),
    [objects],
  );

  return (
    <group name="routes">
      {objects.map((o) => (
        <primitive key={o.name} object={o} />
      ))}
    </group>
  );
}

export function useRouteLines(plan: FlightPlan, forces: Map<string, Force>, visibleForces: Set<string>) {
  return useMemo(() => routeLines(plan, forces, visibleForces), [plan, forces, visibleForces]);
}
