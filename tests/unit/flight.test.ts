import { describe, expect, it } from 'vitest';
import {
  FALL_SECONDS,
  MAX_WAYPOINTS,
  NEVER,
  aircraftPose,
  createPose,
  trackAt,
  type InstanceAttributes,
  type RouteTable,
} from '../../src/motion/flight.ts';

/** One route: east 100 km in 1000 s, then north 100 km in 1000 s. */
function route(): RouteTable {
  const wps = [
    [0, 0, 0, 0],
    [100, 30, 0, 1000],
    [100, 30, -100, 2000],
  ];
  const data = new Float32Array(MAX_WAYPOINTS * 4);
  for (let k = 0; k < MAX_WAYPOINTS; k++) data.set(wps[Math.min(k, wps.length - 1)]!, k * 4);
  return { count: 1, data };
}

function oneAircraft(
  overrides: Partial<{ delay: number; slot: number[]; spread: number[]; lossTime: number; weave: number }> = {},
): InstanceAttributes {
  return {
    count: 1,
    route: Float32Array.of(0),
    delay: Float32Array.of(overrides.delay ?? 0),
    slot: Float32Array.from(overrides.slot ?? [0, 0, 0]),
    spread: Float32Array.from(overrides.spread ?? [0, 0, 0]),
    events: Float32Array.of(overrides.lossTime ?? NEVER, NEVER, 0, 0.5),
    colour: Float32Array.of(1, 1, 1),
    style: Float32Array.of(overrides.weave ?? 0, 0),
  };
}

describe('trackAt: the lead of a route', () => {
  it('interpolates between waypoints by time, heading along the leg', () => {
    const p = trackAt(route(), 0, 500);
    expect(p.state).toBe(0);
    expect([p.x, p.y, p.z]).toEqual([50, 15, 0]); // altitude in real km
    expect([p.fx, p.fz]).toEqual([1, 0]);
    const q = trackAt(route(), 0, 1500);
    expect([q.x, q.z]).toEqual([100, -50]);
    expect([q.fx, q.fz]).toEqual([0, -1]);
  });

  it('is not airborne before take-off or after landing', () => {
    expect(trackAt(route(), 0, -1).state).toBe(-1);
    expect(trackAt(route(), 0, 2000.5).state).toBe(1);
  });
});

describe('aircraftPose: one aircraft of a formation', () => {
  it('exaggerates altitude by the given factor', () => {
    const pose = aircraftPose(route(), oneAircraft(), 0, 500, 1, createPose(), 4);
    expect(pose.y).toBe(60);
  });

  it('trails the lead by its delay', () => {
    const pose = aircraftPose(route(), oneAircraft({ delay: 200 }), 0, 700, 1, createPose());
    expect(pose.visible).toBe(true);
    expect(pose.x).toBeCloseTo(50);
  });

  it('keeps its formation slot relative to the heading, scaled with the aircraft', () => {
    // Slot 1 unit to the right; heading east, right is south (+z); heading north, right is east.
    const a = aircraftPose(route(), oneAircraft({ slot: [1, 0, 0] }), 0, 500, 10, createPose());
    expect([a.x, a.z]).toEqual([50, 10]);
    const b = aircraftPose(route(), oneAircraft({ slot: [1, 0, 0] }), 0, 1500, 10, createPose());
    expect([b.x, b.z]).toEqual([110, -50]);
  });

  it('falls from where it was lost, and disappears once it reaches the ground', () => {
    const inst = oneAircraft({ lossTime: 500 });
    const before = aircraftPose(route(), inst, 0, 499, 1, createPose());
    expect(before.falling).toBe(false);
    const falling = aircraftPose(route(), inst, 0, 500 + FALL_SECONDS / 2, 1, createPose());
    expect(falling.visible).toBe(true);
    expect(falling.falling).toBe(true);
    expect(falling.y).toBeLessThan(before.y);
    expect(falling.x).toBeGreaterThan(50); // drifts on along its heading, not along the route
    expect(falling.x).toBeLessThan(55);
    const down = aircraftPose(route(), inst, 0, 500 + FALL_SECONDS + 1, 1, createPose());
    expect(down.visible).toBe(false);
  });

  it('weaves about the track within its amplitude, ahead of and behind the bombers it covers', () => {
    // Heading east: the weave is a sideways (z) offset, the track (x) is untouched.
    const offsets = Array.from({ length: 40 }, (_, k) =>
      aircraftPose(route(), oneAircraft({ weave: 3 }), 0, 100 + k * 5, 1, createPose()),
    );
    const z = offsets.map((p) => p.z);
    expect(Math.max(...z)).toBeGreaterThan(2.5);
    expect(Math.min(...z)).toBeLessThan(-2.5);
    expect(Math.max(...z.map(Math.abs))).toBeLessThanOrEqual(3);
    offsets.forEach((p, k) => expect(p.x).toBeCloseTo((100 + k * 5) / 10));
    const still = aircraftPose(route(), oneAircraft(), 0, 130, 1, createPose());
    expect(still.z).toBe(0);
  });
});
