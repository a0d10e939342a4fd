/** Loading and meshing of the generated land polygons (assets/geo/<theatre>/land.json). */
import { BufferGeometry, Float32BufferAttribute, Shape, ShapeGeometry, Vector2 } from 'three';
import type { Theatre } from '../records/schema.ts';
import { lonLatBounds, project, THEATRES } from './projection.ts';

export interface LandAsset {
  source: string;
  theatre: Theatre;
  bounds: [number, number, number, number];
  polygons: number[][][][];
}

const loaders = import.meta.glob<LandAsset>('../../assets/geo/*/land.json', { import: 'default' });

export async function loadLand(theatre: Theatre): Promise<LandAsset> {
  const load = loaders[`../../assets/geo/${theatre}/land.json`];
  if (!load) throw new Error(`no land asset for theatre ${theatre}`);
  return load();
}

/** Land fill, lying in the map plane (y = 0). */
export function landGeometry(land: LandAsset): BufferGeometry {
  const frame = THEATRES[land.theatre];
  const toVec = ([lon, lat]: number[]) => {
    const [x, z] = project(frame, lat!, lon!);
    return new Vector2(x, -z);
  };
  const shapes = land.polygons.map(([outer, ...holes]) => {
    const shape = new Shape(outer!.map(toVec));
    shape.holes = holes.map((h) => new Shape(h.map(toVec)));
    return shape;
  });
  return new ShapeGeometry(shapes, 1).rotateX(-Math.PI / 2);
}

/** Shorelines as line segments, leaving out the straight edges the clip to the theatre made. */
export function coastGeometry(land: LandAsset, y: number): BufferGeometry {
  const frame = THEATRES[land.theatre];
  const [w, s, e, n] = land.bounds;
  const onEdge = (a: number[], b: number[]) =>
    (a[0] === b[0] && (a[0] === w || a[0] === e)) || (a[1] === b[1] && (a[1] === s || a[1] === n));
  const out: number[] = [];
  for (const poly of land.polygons)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1]!;
        const b = ring[i]!;
        if (onEdge(a, b)) continue;
        const [ax, az] = project(frame, a[1]!, a[0]!);
        const [bx, bz] = project(frame, b[1]!, b[0]!);
        out.push(ax, y, az, bx, y, bz);
      }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(out, 3));
  return g;
}

/** Parallels and meridians every `step` degrees over the theatre. */
export function graticuleGeometry(theatre: Theatre, step: number, y: number): BufferGeometry {
  const frame = THEATRES[theatre];
  const [w, s, e, n] = lonLatBounds(frame);
  const out: number[] = [];
  const push = (lat1: number, lon1: number, lat2: number, lon2: number) => {
    const [ax, az] = project(frame, lat1, lon1);
    const [bx, bz] = project(frame, lat2, lon2);
    out.push(ax, y, az, bx, y, bz);
  };
  for (let lat = Math.ceil(s / step) * step; lat <= n; lat += step) push(lat, w, lat, e);
  for (let lon = Math.ceil(w / step) * step; lon <= e; lon += step) push(s, lon, n, lon);
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(out, 3));
  return g;
}
