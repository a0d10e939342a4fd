import { describe, expect, it } from 'vitest';
import { THEATRES, distanceKm, insideTheatre, project, unproject } from '../../src/geo/projection.ts';

const planar = (frame: (typeof THEATRES)[keyof typeof THEATRES], a: [number, number], b: [number, number]) => {
  const [ax, az] = project(frame, ...a);
  const [bx, bz] = project(frame, ...b);
  return Math.hypot(bx - ax, bz - az);
};

describe('theatre projections', () => {
  it('keep London–Berlin within 1% of its great-circle distance (about 930 km)', () => {
    const london: [number, number] = [51.507, -0.128];
    const berlin: [number, number] = [52.52, 13.405];
    const truth = distanceKm(...london, ...berlin);
    expect(truth).toBeGreaterThan(920);
    expect(truth).toBeLessThan(940);
    expect(Math.abs(planar(THEATRES['europe-1944'], london, berlin) / truth - 1)).toBeLessThan(0.01);
  });

  it('keep Pyongyang–Sinanju within 1% of its great-circle distance', () => {
    const pyongyang: [number, number] = [39.02, 125.75];
    const sinanju: [number, number] = [39.6, 125.6];
    const truth = distanceKm(...pyongyang, ...sinanju);
    expect(Math.abs(planar(THEATRES['korea-1951'], pyongyang, sinanju) / truth - 1)).toBeLessThan(0.01);
  });

  it('put north up the screen (towards -z) and east to +x', () => {
    const frame = THEATRES['europe-1944'];
    expect(project(frame, 51, 6)[1]).toBeLessThan(0);
    expect(project(frame, 50, 7)[0]).toBeGreaterThan(0);
  });

  it('invert exactly', () => {
    const frame = THEATRES['korea-1951'];
    const [lat, lon] = unproject(frame, ...project(frame, 40.1, 124.4));
    expect(lat).toBeCloseTo(40.1, 9);
    expect(lon).toBeCloseTo(124.4, 9);
  });

  it('cover the places each theatre needs', () => {
    const europe = THEATRES['europe-1944'];
    for (const [lat, lon] of [
      [48.39, -4.49],
      [41.46, 15.54],
      [53.92, 13.06],
      [54.09, 12.13],
      [53.17, -0.52],
      [48.21, 16.37],
    ] as const)
      expect(insideTheatre(europe, lat, lon)).toBe(true);
    const korea = THEATRES['korea-1951'];
    for (const [lat, lon] of [
      [40.12, 124.39],
      [35.1, 129.04],
      [35.87, 128.6],
      [41.8, 123.43],
    ] as const)
      expect(insideTheatre(korea, lat, lon)).toBe(true);
  });
});
