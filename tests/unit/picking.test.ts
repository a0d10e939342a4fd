import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { FALL_SECONDS, NEVER, aircraftPose, aircraftScaleForDistance, createPose } from '../../src/motion/flight.ts';
import {
  MARKER_CENTRE,
  createPickModel,
  createScreenPoint,
  fitView,
  followInstance,
  hoverCandidates,
  lossInstance,
  lossOf,
  markerPosition,
  nearestHit,
  pickAmong,
  pickAnyAircraft,
  pickMarker,
  pickPlace,
  projectPoint,
  routeBounds,
  type PickQuery,
} from '../../src/scene/picking.ts';
import { bigWeekPlan } from './fixtures.ts';

const { records, plan } = bigWeekPlan();
const model = createPickModel(plan);
const at = (iso: string) => (Date.parse(iso) - plan.epochMs) / 1000;
const WIDTH = 1280;
const HEIGHT = 720;
const VERTICAL = 6;

function cameraLooking(from: [number, number, number], to: [number, number, number]): PerspectiveCamera {
  const camera = new PerspectiveCamera(40, WIDTH / HEIGHT, 1, 30000);
  camera.position.set(...from);
  camera.lookAt(...to);
  camera.updateMatrixWorld();
  // The aircraft's drawn scale follows the distance to the look-at point, as in the scene.
  camera.userData.distance = camera.position.distanceTo(new Vector3(...to));
  return camera;
}

function queryFor(camera: PerspectiveCamera, time: number, x: number, y: number, radius = 12): PickQuery {
  const vp = camera.projectionMatrix.clone().multiply(camera.matrixWorldInverse);
  return {
    time,
    scale: aircraftScaleForDistance(camera.userData.distance as number),
    vertical: VERTICAL,
    viewProjection: vp.elements,
    width: WIDTH,
    height: HEIGHT,
    x,
    y,
    radius,
  };
}

/** A Leipzig bomber force of 20 February, at noon, and a camera 300 km from its lead. */
const force = plan.forces.findIndex((f) => f.forceId.startsWith('m226') && f.style === 'combatBox');
const noon = at('1944-02-20T12:30:00+01:00');

describe('projecting scene points to the screen', () => {
  it('agrees with three.js for points in view, and says when a point is behind the camera', () => {
    const camera = cameraLooking([100, 400, 500], [0, 0, 0]);
    const vp = camera.projectionMatrix.clone().multiply(camera.matrixWorldInverse);
    const out = createScreenPoint();
    for (const p of [new Vector3(0, 0, 0), new Vector3(50, 10, -80), new Vector3(-120, 0, 40)]) {
      projectPoint(vp.elements, p.x, p.y, p.z, WIDTH, HEIGHT, out);
      const ndc = p.clone().project(camera);
      expect(out.x).toBeCloseTo(((ndc.x + 1) / 2) * WIDTH, 6);
      expect(out.y).toBeCloseTo(((1 - ndc.y) / 2) * HEIGHT, 6);
      expect(out.inView).toBe(true);
    }
    projectPoint(vp.elements, 300, 1200, 1500, WIDTH, HEIGHT, out);
    expect(out.depth).toBeLessThan(0);
    expect(out.inView).toBe(false);
  });
});

describe('the pick model', () => {
  it('knows the force of every aircraft of the records, and none for opponents', () => {
    for (const [k, f] of plan.forces.entries())
      for (const i of [f.firstInstance, f.firstInstance + f.aircraft - 1]) expect(model.forceOf[i]).toBe(k);
    const owned = model.forceOf.filter((k) => k >= 0).length;
    expect(owned).toBe(plan.forces.reduce((n, f) => n + f.aircraft, 0));
    expect(model.forceOf.length - owned).toBe(plan.opponents.count);
  });

  it("numbers each force's losses in the order they fall, both ways", () => {
    for (const [k, f] of plan.forces.entries()) {
      expect(model.losses[k]!.length).toBe(f.lossTimes.length);
      model.losses[k]!.forEach((i, n) => {
        expect(lossOf(model, i)).toEqual({ force: k, n });
        expect(lossInstance(model, k, n)).toBe(i);
        expect(plan.instances.events[i * 4]).toBe(Math.fround(f.lossTimes[n]!));
      });
    }
    expect(Array.from(model.lostDown)).toEqual(Array.from(model.lostDown).sort((a, b) => a - b));
  });

  it('hovers over a few aircraft per force: the lead and about one per combat box', () => {
    const out = new Int32Array(4096);
    const n = hoverCandidates(model, noon, out);
    const airborne = plan.forces.filter((f) => noon >= f.takeoff && noon <= f.landed);
    expect(airborne.length).toBeGreaterThan(3);
    const chosen = new Set(out.subarray(0, n));
    for (const f of airborne) expect(chosen.has(f.firstInstance)).toBe(true);
    const aircraft = airborne.reduce((s, f) => s + f.aircraft, 0);
    expect(n).toBeLessThan(aircraft / 8);
  });

  it('follows a lead that is never lost and flies the main route', () => {
    const i = followInstance(model, force, noon);
    expect(plan.instances.events[i * 4]).toBe(NEVER);
    expect(plan.instances.route[i]).toBe(plan.forces[force]!.routeIndex);
    expect(model.forceOf[i]).toBe(force);
  });
});

describe('picking what is under the pointer', () => {
  const f = plan.forces[force]!;
  const lead = followInstance(model, force, noon);
  const lp = aircraftPose(
    plan.routes,
    plan.instances,
    lead,
    Math.fround(noon),
    aircraftScaleForDistance(300),
    createPose(),
    VERTICAL,
  );
  const camera = cameraLooking([lp.x, lp.y + 240, lp.z + 180], [lp.x, lp.y, lp.z]);
  const centre = () => {
    const q = queryFor(camera, noon, 0, 0);
    const pose = aircraftPose(plan.routes, plan.instances, lead, Math.fround(noon), q.scale, createPose(), VERTICAL);
    return projectPoint(q.viewProjection, pose.x, pose.y, pose.z, WIDTH, HEIGHT, createScreenPoint());
  };

  it('finds the aircraft at the point the twin projects it to, on a click and on a hover', () => {
    const s = centre();
    expect(s.inView).toBe(true);
    const q = queryFor(camera, noon, s.x + 3, s.y - 2);
    const hit = pickAnyAircraft(model, q)!;
    expect(hit.kind).toBe('aircraft');
    expect(model.forceOf[hit.index]).toBe(force);
    expect(hit.distance).toBeLessThan(12);
    const out = new Int32Array(4096);
    const hover = pickAmong(model, q, out, hoverCandidates(model, noon, out));
    expect(hover && model.forceOf[hover.index]).toBe(force);
  });

  it('finds nothing in empty sky, and nothing before the force has taken off', () => {
    const s = centre();
    expect(pickAnyAircraft(model, queryFor(camera, noon, s.x, s.y - 300))).toBeNull();
    expect(pickAnyAircraft(model, queryFor(camera, f.takeoff - 3600, s.x, s.y))).toBeNull();
  });

  it('finds a crash marker where it came down, only once it is down', () => {
    const i = model.losses[force]![0]!;
    const loss = plan.instances.events[i * 4]!;
    const down = loss + FALL_SECONDS + 60;
    const ground = markerPosition(model, i, 1, VERTICAL, createPose());
    const cam = cameraLooking([ground.x, 200, ground.z + 150], [ground.x, 0, ground.z]);
    const q = queryFor(cam, down, 0, 0);
    const m = markerPosition(model, i, q.scale, VERTICAL, createPose());
    const s = projectPoint(q.viewProjection, m.x, MARKER_CENTRE * q.scale, m.z, WIDTH, HEIGHT, createScreenPoint());
    const hit = pickMarker(model, { ...q, x: s.x, y: s.y })!;
    expect(hit.kind).toBe('marker');
    expect(lossOf(model, hit.index)?.force).toBe(force);
    expect(pickMarker(model, { ...q, time: loss + FALL_SECONDS - 5, x: s.x, y: s.y })).toBeNull();
  });

  it('prefers an aircraft to the place it flies over, at the same distance', () => {
    const s = centre();
    const q = queryFor(camera, noon, s.x, s.y);
    const pose = aircraftPose(plan.routes, plan.instances, lead, Math.fround(noon), q.scale, createPose(), VERTICAL);
    const place = pickPlace(Float32Array.of(pose.x, pose.y, pose.z), q);
    const aircraft = pickAnyAircraft(model, q);
    expect(place?.distance).toBeCloseTo(aircraft!.distance, 0);
    expect(nearestHit(place, aircraft)?.kind).toBe('aircraft');
  });
});

describe('framing a mission', () => {
  it('shows every route of the mission inside the view', () => {
    const mission = records.periods[0]!.missions.find((m) => m.id === 'usaaf-226')!;
    const forces = plan.forces.flatMap((p, k) => (p.missionId === mission.id ? [k] : []));
    const b = routeBounds(model, forces);
    expect(b.maxX - b.minX).toBeGreaterThan(200);
    const view = fitView(b, WIDTH / HEIGHT);
    const camera = cameraLooking(view.camera, view.target);
    for (const [x, z] of [
      [b.minX, b.minZ],
      [b.maxX, b.minZ],
      [b.minX, b.maxZ],
      [b.maxX, b.maxZ],
    ]) {
      const ndc = new Vector3(x, 0, z).project(camera);
      expect(Math.abs(ndc.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(ndc.y)).toBeLessThanOrEqual(1);
    }
  });
});
