/**
 * Each theatre's one local projection: azimuthal equidistant about the theatre's centre, on a
 * sphere, in kilometres. Terrain, map layers, routes and the camera all use it. Distances from
 * the centre are exact and others stay within a fraction of a per cent across a theatre.
 * Scene axes: x east, y up, z south (so north is -z).
 */
import type { Theatre } from '../records/schema.ts';

export const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

export interface TheatreFrame {
  id: Theatre;
  lat0: number;
  lon0: number;
  /** Half the side of the square the terrain covers, centred on (lat0, lon0), in km. */
  halfExtentKm: number;
}

export const THEATRES: Record<Theatre, TheatreFrame> = {
  // England to Austria and the Adriatic: Brest, Foggia and the Baltic coast all inside.
  'europe-1944': { id: 'europe-1944', lat0: 50, lon0: 6, halfExtentKm: 1250 },
  // The Yalu and Andong to Pusan, with the Yellow Sea and the Sea of Japan.
  'korea-1951': { id: 'korea-1951', lat0: 38.5, lon0: 127, halfExtentKm: 650 },
};

/** [x east, z south] in km. */
export function project(frame: TheatreFrame, lat: number, lon: number): [x: number, z: number] {
  const phi = lat * RAD;
  const phi0 = frame.lat0 * RAD;
  const dLambda = (lon - frame.lon0) * RAD;
  const cosC = Math.sin(phi0) * Math.sin(phi) + Math.cos(phi0) * Math.cos(phi) * Math.cos(dLambda);
  const c = Math.acos(Math.min(1, Math.max(-1, cosC)));
  const k = c < 1e-12 ? 1 : c / Math.sin(c);
  const x = EARTH_RADIUS_KM * k * Math.cos(phi) * Math.sin(dLambda);
  const y = EARTH_RADIUS_KM * k * (Math.cos(phi0) * Math.sin(phi) - Math.sin(phi0) * Math.cos(phi) * Math.cos(dLambda));
  return [x, -y];
}

/** The inverse of project(). */
export function unproject(frame: TheatreFrame, x: number, z: number): [lat: number, lon: number] {
  const y = -z;
  const rho = Math.hypot(x, y);
  if (rho < 1e-9) return [frame.lat0, frame.lon0];
  const c = rho / EARTH_RADIUS_KM;
  const phi0 = frame.lat0 * RAD;
  const lat = Math.asin(Math.cos(c) * Math.sin(phi0) + (y * Math.sin(c) * Math.cos(phi0)) / rho);
  const lon =
    frame.lon0 * RAD + Math.atan2(x * Math.sin(c), rho * Math.cos(phi0) * Math.cos(c) - y * Math.sin(phi0) * Math.sin(c));
  return [lat / RAD, lon / RAD];
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Whether a position falls on the theatre's terrain. */
export function insideTheatre(frame: TheatreFrame, lat: number, lon: number): boolean {
  const [x, z] = project(frame, lat, lon);
  return Math.abs(x) <= frame.halfExtentKm && Math.abs(z) <= frame.halfExtentKm;
}
