/**
 * Where the real sun is for the scene's date, time and place (suncalc), as a direction in
 * scene axes and a daylight factor: night raids fly in the dark, dawn looks like dawn.
 */
import { getPosition } from 'suncalc';
import type { Vector3 } from 'three';

/** Writes the unit vector toward the sun into `out` and returns daylight, 0 (night) to 1 (day). */
export function sunAt(timeMs: number, lat: number, lon: number, out: Vector3): number {
  // suncalc 2 gives degrees, azimuth clockwise from north; scene x is east, z is south.
  const { altitude, azimuth } = getPosition(new Date(timeMs), lat, lon);
  const alt = (altitude * Math.PI) / 180;
  const az = (azimuth * Math.PI) / 180;
  out.set(Math.sin(az) * Math.cos(alt), Math.sin(alt), -Math.cos(az) * Math.cos(alt));
  // Civil twilight: from 6° below the horizon to a few degrees above it.
  return Math.min(1, Math.max(0, (altitude + 6) / 10));
}
