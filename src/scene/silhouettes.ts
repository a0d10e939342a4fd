/**
 * Low-poly aircraft, one geometry per silhouette, in kilometres at true size (x right,
 * y up, z toward the nose). Proportions follow each type's span and length so that a
 * four-engine heavy, a twin, the twin-boom P-38 and a single-engine fighter read apart.
 */
import { BoxGeometry, CylinderGeometry, type BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { Silhouette } from '../motion/aircraftTypes.ts';

const M = 0.001; // metres → km

function box(w: number, h: number, d: number, x = 0, y = 0, z = 0): BufferGeometry {
  return new BoxGeometry(w * M, h * M, d * M).translate(x * M, y * M, z * M);
}

/** A tube along z, for fuselages, booms and nacelles. */
function tube(length: number, radius: number, x = 0, y = 0, z = 0, taper = 0.55): BufferGeometry {
  return new CylinderGeometry(radius * M * taper, radius * M, length * M, 6, 1)
    .rotateX(Math.PI / 2)
    .translate(x * M, y * M, z * M);
}

/**
 * Indexed, so each shared corner runs the flight shader once: the vertex shader walks the route
 * texture, and at 100,000 aircraft its invocations are the frame's cost. Boxes keep their flat
 * faces (their corners are already split per face); tubes shade smoothly, which suits them.
 */
function merge(parts: BufferGeometry[]): BufferGeometry {
  const g = mergeGeometries(parts);
  parts.forEach((p) => p.dispose());
  g.computeBoundingSphere();
  return g;
}

const builders: Record<Silhouette, () => BufferGeometry> = {
  // B-17 / B-24 / Lancaster: span 31.6 m, length 22.7 m, four engines.
  heavy4: () =>
    merge([
      tube(22.7, 1.3, 0, 0, 0),
      box(31.6, 0.5, 4.2, 0, 0.2, 2.2),
      ...[-10.5, -5.5, 5.5, 10.5].map((x) => tube(4.2, 0.75, x, 0, 4.4, 0.8)),
      box(13.0, 0.35, 3.2, 0, 0.4, -9.6),
      box(0.4, 5.2, 4.0, 0, 2.6, -9.4),
    ]),
  // B-26 / Mosquito: span 21.6 m, length 17.8 m, two engines.
  twin: () =>
    merge([
      tube(17.8, 1.1, 0, 0, 0),
      box(21.6, 0.45, 3.4, 0, 0.1, 1.6),
      ...[-4.6, 4.6].map((x) => tube(5.2, 0.85, x, -0.2, 3.2, 0.75)),
      box(8.0, 0.3, 2.6, 0, 0.5, -7.4),
      box(0.35, 4.2, 3.2, 0, 2.2, -7.0),
    ]),
  // P-38: span 15.9 m, twin booms joined by the tailplane.
  twinBoom: () =>
    merge([
      tube(7.0, 0.9, 0, 0, 1.8),
      ...[-3.3, 3.3].map((x) => tube(11.5, 0.6, x, 0, 0, 0.7)),
      box(15.9, 0.35, 2.5, 0, 0, 1.2),
      box(7.4, 0.25, 1.6, 0, 0.2, -5.2),
      ...[-3.3, 3.3].map((x) => box(0.3, 2.6, 1.8, x, 1.0, -5.0)),
    ]),
  // P-47 / P-51: span 11.3 m, length 9.8 m.
  single: () =>
    merge([
      tube(9.8, 0.8, 0, 0, 0, 0.45),
      box(11.3, 0.35, 2.3, 0, -0.2, 0.9),
      box(4.2, 0.25, 1.4, 0, 0.2, -4.0),
      box(0.3, 2.2, 1.6, 0, 1.0, -3.9),
    ]),
};

export function silhouetteGeometry(s: Silhouette): BufferGeometry {
  return builders[s]();
}
