/**
 * Theatre map projection: an equirectangular projection about the theatre's centre, in
 * kilometres. Over a theatre a few hundred kilometres tall its scale error stays within a few
 * per cent, which is below what a schematic route can claim. Scene axes: x east, y up, z south.
 */
import type { Theatre } from '../records/schema.ts';

const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

export interface TheatreFrame {
  id: Theatre;
  lat0: number;
  lon0: number;
  /** Map extent in degrees: [west, south, east, north]. */
  bounds: readonly [number, number, number, number];
}

export const THEATRES: Record<Theatre, TheatreFrame> = {
  'western-europe': { id: 'western-europe', lat0: 51, lon0: 5, bounds: [-14, 40, 28, 63] },
  korea: { id: 'korea', lat0: 38.5, lon0: 127, bounds: [114, 28, 140, 47] },
};

export function project(frame: TheatreFrame, lat: number, lon: number): [x: number, z: number] {
  const k = EARTH_RADIUS_KM * RAD;
  return [(lon - frame.lon0) * k * Math.cos(frame.lat0 * RAD), -(lat - frame.lat0) * k];
}

export function unproject(frame: TheatreFrame, x: number, z: number): [lat: number, lon: number] {
  const k = EARTH_RADIUS_KM * RAD;
  return [frame.lat0 - z / k, frame.lon0 + x / (k * Math.cos(frame.lat0 * RAD))];
}

/** Great-circle distance in km, for route lengths (the projection is close enough elsewhere). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
