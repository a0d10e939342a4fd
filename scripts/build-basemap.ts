/**
 * Land polygons for each theatre from Natural Earth 1:50m land (world-atlas, public domain),
 * clipped to the theatre bounds and rounded to 0.01°: npm run basemap. Deterministic.
 * A stop-gap map base until the terrain pipeline replaces it; it carries no modern borders.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { THEATRES, lonLatBounds } from '../src/geo/projection.ts';
import { clipRing } from '../src/geo/clip.ts';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/land-50m.json'), 'utf8')) as Topology;
const land = feature(topology, topology.objects.land as GeometryCollection);

for (const theatre of Object.values(THEATRES)) {
  const [w, s, e, n] = lonLatBounds(theatre);
  const polygons: number[][][][] = [];
  for (const f of land.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) {
      const rings = poly
        .map((ring) => clipRing(ring as [number, number][], w, s, e, n).map(([x, y]) => [round(x), round(y)]))
        .filter((ring) => ring.length >= 4);
      if (rings.length && rings[0]!.length >= 4) polygons.push(rings);
    }
  }
  const out = {
    source: 'Natural Earth 1:50m land via world-atlas 2.0.2 (public domain)',
    theatre: theatre.id,
    bounds: lonLatBounds(theatre),
    polygons,
  };
  const dir = fileURLToPath(new URL(`../assets/geo/${theatre.id}/`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}land.json`, JSON.stringify(out));
  console.log(`${theatre.id}: ${polygons.length} polygons`);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
