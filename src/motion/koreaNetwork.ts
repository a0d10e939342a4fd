/**
 * The map geometry the Korean scene is built on, from the records' features: the railway
 * network as deduplicated segments, target sites along it, the air-defence zones as bands about
 * their railway sections, and MiG Alley as a polygon. Scene kilometres (x east, z south).
 */
import { project, type TheatreFrame } from '../geo/projection.ts';
import type { CampaignFile, Feature } from '../records/schema.ts';
import { AA_ZONE_HALF_WIDTH_KM, VALLEY_OF_DEATH_ID } from './koreaScene.ts';

export { AA_ZONE_HALF_WIDTH_KM } from './koreaScene.ts';
/** Spacing of the target sites along the railway (schematic: the text names no targets). */
export const SITE_SPACING_KM = 6;
/** One target site in this many on the triangle stands for a bridge (schematic). */
const BRIDGE_EVERY = 3;

export type Point = { x: number; z: number };

export interface RailSegment {
  a: Point;
  b: Point;
  length: number;
  /** Ids of the railway features the segment belongs to. */
  features: string[];
}

export interface TargetSite extends Point {
  /** Index in KoreaNetwork.sites. */
  index: number;
  /** Unit direction of the line at the site. */
  dx: number;
  dz: number;
  segment: number;
  onTriangle: boolean;
  bridge: boolean;
  inMigAlley: boolean;
  inValleyOfDeath: boolean;
}

export interface Polyline {
  id: string;
  points: Point[];
}

export interface KoreaNetwork {
  segments: RailSegment[];
  sites: TargetSite[];
  /** Air-defence zones: bands of AA_ZONE_HALF_WIDTH_KM about these polylines. */
  zones: Polyline[];
  migAlley: Point[] | null;
  valleyOfDeath: Polyline | null;
  triangle: Polyline | null;
  /** Every railway feature, in the records' order. */
  railways: Polyline[];
}

export const TRIANGLE_ID = 'triangle-railway';
export const MIG_ALLEY_ID = 'mig-alley';

export function featurePolyline(file: CampaignFile, frame: TheatreFrame, feature: Feature): Polyline {
  const places = new Map(file.places.map((p) => [p.id, p]));
  const points = feature.path.map((id) => {
    const p = places.get(id)!;
    const [x, z] = project(frame, p.lat, p.lon);
    return { x, z };
  });
  if (feature.closed && (points[0]!.x !== points[points.length - 1]!.x || points[0]!.z !== points[points.length - 1]!.z))
    points.push({ ...points[0]! });
  return { id: feature.id, points };
}

export function buildNetwork(file: CampaignFile, frame: TheatreFrame): KoreaNetwork {
  const byId = new Map(file.features.map((f) => [f.id, f]));
  const line = (id: string) => (byId.has(id) ? featurePolyline(file, frame, byId.get(id)!) : null);
  const railways = file.features.filter((f) => f.kind === 'railway').map((f) => featurePolyline(file, frame, f));
  const zones = file.features.filter((f) => f.kind === 'air-defence-zone').map((f) => featurePolyline(file, frame, f));
  const migAlley = line(MIG_ALLEY_ID)?.points ?? null;
  const valleyOfDeath = line(VALLEY_OF_DEATH_ID);
  const triangle = line(TRIANGLE_ID);

  // Segments between consecutive places, each once, whatever the features that share it.
  const segments: RailSegment[] = [];
  const index = new Map<string, number>();
  for (const f of file.features) {
    if (f.kind !== 'railway') continue;
    const path = f.closed ? [...f.path, f.path[0]!] : f.path;
    const pts = featurePolyline(file, frame, { ...f, closed: false, path });
    for (let i = 1; i < path.length; i++) {
      const key = [path[i - 1]!, path[i]!].sort().join('|');
      const a = pts.points[i - 1]!;
      const b = pts.points[i]!;
      let s = index.get(key);
      if (s === undefined) {
        s = segments.length;
        index.set(key, s);
        segments.push({ a, b, length: Math.hypot(b.x - a.x, b.z - a.z), features: [] });
      }
      if (!segments[s]!.features.includes(f.id)) segments[s]!.features.push(f.id);
    }
  }

  const sites: TargetSite[] = [];
  let triangleCount = 0;
  segments.forEach((seg, s) => {
    const n = Math.max(1, Math.round(seg.length / SITE_SPACING_KM));
    const dx = (seg.b.x - seg.a.x) / (seg.length || 1);
    const dz = (seg.b.z - seg.a.z) / (seg.length || 1);
    const onTriangle = seg.features.includes(TRIANGLE_ID);
    const inValley = seg.features.includes(VALLEY_OF_DEATH_ID);
    for (let k = 0; k < n; k++) {
      const f = (k + 0.5) / n;
      const p = { x: seg.a.x + (seg.b.x - seg.a.x) * f, z: seg.a.z + (seg.b.z - seg.a.z) * f };
      sites.push({
        ...p,
        index: sites.length,
        dx,
        dz,
        segment: s,
        onTriangle,
        bridge: onTriangle && triangleCount++ % BRIDGE_EVERY === 1,
        inMigAlley: migAlley ? insidePolygon(migAlley, p) : false,
        inValleyOfDeath: inValley,
      });
    }
  });
  return { segments, sites, zones, migAlley, valleyOfDeath, triangle, railways };
}

/** Distance from p to the nearest point of a polyline (km). */
export function distanceToPolyline(points: readonly Point[], p: Point): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) best = Math.min(best, distanceToSegment(points[i - 1]!, points[i]!, p));
  return points.length === 1 ? Math.hypot(p.x - points[0]!.x, p.z - points[0]!.z) : best;
}

export function distanceToSegment(a: Point, b: Point, p: Point): number {
  const dx = b.x - a.x;
  const dz = b.z - a.z;
  const len2 = dx * dx + dz * dz;
  const u = len2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.z - a.z) * dz) / len2)) : 0;
  return Math.hypot(p.x - (a.x + dx * u), p.z - (a.z + dz * u));
}

/** Whether p lies in a closed polygon (even-odd rule). */
export function insidePolygon(polygon: readonly Point[], p: Point): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.z > p.z !== b.z > p.z && p.x < ((b.x - a.x) * (p.z - a.z)) / (b.z - a.z) + a.x) inside = !inside;
  }
  return inside;
}

/** Distance from p to the polygon's edge (km). */
export function distanceToEdge(polygon: readonly Point[], p: Point): number {
  let best = Infinity;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++)
    best = Math.min(best, distanceToSegment(polygon[j]!, polygon[i]!, p));
  return best;
}

/** Whether p lies in one of the air-defence zones' bands. */
export function insideAirDefenceZone(zones: readonly Polyline[], p: Point): boolean {
  return zones.some((z) => distanceToPolyline(z.points, p) <= AA_ZONE_HALF_WIDTH_KM);
}

/** Cumulative distance along a polyline, and the point and direction at distance s. */
export function cumulative(points: readonly Point[]): number[] {
  const cum = [0];
  for (let i = 1; i < points.length; i++)
    cum.push(cum[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.z - points[i - 1]!.z));
  return cum;
}

/** Distance along a polyline of the point of it nearest p, and how far p is from it. */
export function projectOntoPolyline(points: readonly Point[], cum: readonly number[], p: Point): { s: number; d: number } {
  let best = { s: 0, d: Infinity };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dx = b.x - a.x;
    const dz = b.z - a.z;
    const len2 = dx * dx + dz * dz;
    const u = len2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.z - a.z) * dz) / len2)) : 0;
    const d = Math.hypot(p.x - (a.x + dx * u), p.z - (a.z + dz * u));
    if (d < best.d) best = { s: cum[i - 1]! + u * Math.sqrt(len2), d };
  }
  return best;
}
