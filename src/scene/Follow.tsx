/**
 * The camera in explore mode: keeps the camera with a followed formation, flies (or,
 * for viewers who prefer reduced motion, cuts) to a framed view, and lets the app outside the
 * canvas draw a frame on demand (cameraRig). Per frame it evaluates one aircraft with the CPU
 * twin, into a pose object it reuses, and moves the controls' target and the camera by the same
 * offset: no allocation, no per-aircraft work, no React state.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { Camera } from 'three';
import type { MapControls as MapControlsImpl } from 'three-stdlib';
import { prefersReducedMotion } from '../app/motion.ts';
import { useApp, type AppState } from '../app/store.ts';
import type { CameraView } from '../app/urlState.ts';
import type { FlightPlan } from '../motion/compile.ts';
import { aircraftPose, createPose, type AircraftPose } from '../motion/flight.ts';
import type { Clock } from '../timeline/clock.ts';
import type { SceneUniforms } from './AircraftLayer.tsx';
import { cameraRig } from './cameraRig.ts';
import { followInstance, type PickModel } from './picking.ts';

/** Seconds over which following eases onto its aircraft before it locks on. */
const FOLLOW_EASE_S = 0.8;

/** The aircraft last picked with the pointer: a flow's sortie is followed as clicked. */
export const lastPicked = { instance: -1 };

export interface Director {
  /** Instance followed, -1 for none. */
  follow: number;
  /** 0 → 1 while following eases onto the aircraft. */
  blend: number;
  flight: {
    active: boolean;
    elapsed: number;
    seconds: number;
    /** camera x, y, z, target x, y, z: from, then to. */
    from: Float64Array;
    to: Float64Array;
  };
  pose: AircraftPose;
}

function createDirector(): Director {
  return {
    follow: -1,
    blend: 0,
    flight: { active: false, elapsed: 0, seconds: 0, from: new Float64Array(6), to: new Float64Array(6) },
    pose: createPose(),
  };
}

export function ExploreCamera({
  plan,
  clock,
  uniforms,
  model,
  director,
}: {
  plan: FlightPlan;
  clock: Clock;
  uniforms: SceneUniforms;
  model: PickModel;
  director: Director;
}) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as unknown as MapControlsImpl | null;
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const size = useThree((s) => s.size);

  useEffect(() => {
    cameraRig.aspect = size.width / Math.max(1, size.height);
  }, [size]);

  useEffect(() => {
    if (!controls) return;
    cameraRig.moveTo = (view, seconds) => startFlight(director, camera, controls, view, seconds);
    cameraRig.stop = () => cancelFlight(director);
    cameraRig.drawNow = () => {
      gl.render(scene, camera);
      return gl.domElement;
    };
    if (cameraRig.pending) {
      const { view, seconds } = cameraRig.pending;
      cameraRig.pending = null;
      startFlight(director, camera, controls, view, seconds);
    }
    return () => {
      cameraRig.moveTo = null;
      cameraRig.stop = null;
      cameraRig.drawNow = null;
    };
  }, [camera, controls, gl, scene, director]);

  // Which aircraft to follow changes only with the selection: worked out here, not per frame.
  useEffect(() => {
    const apply = (s: AppState) => followSelection(director, s, model, clock);
    apply(useApp.getState());
    return useApp.subscribe((s, previous) => {
      if (s.following !== previous.following || s.selection !== previous.selection) apply(s);
    });
  }, [model, clock, director]);

  // After the clock (-2) and before the controls apply damping and the frame is drawn (-1).
  useFrame((_, delta) => {
    if (controls) direct(director, plan, clock, uniforms, camera, controls, delta);
  }, -1.5);
  return null;
}

export function useDirector(): Director {
  return useMemo(() => createDirector(), []);
}

/** The aircraft to follow for the app's selection, or none: worked out when the selection changes. */
function followSelection(director: Director, s: AppState, model: PickModel, clock: Clock): void {
  const force = s.following && s.selection?.kind === 'force' ? model.forceIndex.get(s.selection.id) : undefined;
  const clicked = lastPicked.instance >= 0 ? lastPicked.instance : null;
  const next = force === undefined ? -1 : followInstance(model, force, clock.time, clicked);
  if (next !== director.follow) director.blend = 0;
  director.follow = next;
  if (next >= 0) director.flight.active = false;
}

/** Moves the view across the map by (dx, dz) km: a short glide, or a cut for reduced motion. */
export function panBy(director: Director, camera: Camera, controls: MapControlsImpl, dx: number, dz: number): void {
  const p = camera.position;
  const t = controls.target;
  const f = director.flight;
  f.from.set([p.x, p.y, p.z, t.x, t.y, t.z]);
  f.to.set([p.x + dx, p.y, p.z + dz, t.x + dx, t.y, t.z + dz]);
  f.elapsed = 0;
  f.seconds = prefersReducedMotion() ? 0 : 0.18;
  f.active = true;
}

function startFlight(director: Director, camera: Camera, controls: MapControlsImpl, view: CameraView, seconds: number): void {
  const f = director.flight;
  const p = camera.position;
  const t = controls.target;
  f.from.set([p.x, p.y, p.z, t.x, t.y, t.z]);
  f.to.set([...view.camera, ...view.target]);
  f.elapsed = 0;
  f.seconds = prefersReducedMotion() ? 0 : seconds;
  f.active = true;
  // A framed view replaces following: the viewer asked to look elsewhere.
  if (director.follow >= 0) useApp.getState().setFollowing(false);
  director.follow = -1;
}

/** Stops a flight under way: the viewer has taken the camera. */
export function cancelFlight(director: Director): void {
  director.flight.active = false;
}

/** Ease in and out: a flight starts and lands gently. */
const ease = (u: number) => (u < 0.5 ? 4 * u * u * u : 1 - Math.pow(-2 * u + 2, 3) / 2);

function direct(
  director: Director,
  plan: FlightPlan,
  clock: Clock,
  uniforms: SceneUniforms,
  camera: Camera,
  controls: MapControlsImpl,
  delta: number,
): void {
  const f = director.flight;
  const target = controls.target;
  if (f.active) {
    f.elapsed += delta;
    const u = f.seconds > 0 ? ease(Math.min(1, f.elapsed / f.seconds)) : 1;
    const a = f.from;
    const b = f.to;
    camera.position.set(a[0]! + (b[0]! - a[0]!) * u, a[1]! + (b[1]! - a[1]!) * u, a[2]! + (b[2]! - a[2]!) * u);
    target.set(a[3]! + (b[3]! - a[3]!) * u, a[4]! + (b[4]! - a[4]!) * u, a[5]! + (b[5]! - a[5]!) * u);
    if (u >= 1) f.active = false;
    return;
  }
  if (director.follow < 0) return;
  const pose = aircraftPose(
    plan.routes,
    plan.instances,
    director.follow,
    Math.fround(clock.time),
    uniforms.uScale.value,
    director.pose,
    uniforms.uVertical.value,
  );
  // Before take-off and after landing the aircraft is nowhere: the camera waits where it is.
  if (!pose.visible) return;
  // Eases on over FOLLOW_EASE_S, then keeps the aircraft exactly at the look-at point.
  let k = 1;
  if (director.blend < 1 && !prefersReducedMotion()) {
    director.blend = Math.min(1, director.blend + delta / FOLLOW_EASE_S);
    k = director.blend;
  } else director.blend = 1;
  const dx = (pose.x - target.x) * k;
  const dy = (pose.y - target.y) * k;
  const dz = (pose.z - target.z) * k;
  target.x += dx;
  target.y += dy;
  target.z += dz;
  camera.position.x += dx;
  camera.position.y += dy;
  camera.position.z += dz;
}
