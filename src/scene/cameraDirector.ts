/**
 * A seat for one camera director: something outside the scene (the kiosk's guided tours) that
 * moves the camera and drives the clock, frame by frame. The scene knows nothing of tours; it
 * hands the director what it needs each frame, before the frame loop advances the clock and
 * before the map controls apply the camera.
 *
 * Per frame this allocates nothing: one frame object per mounted scene, refilled in place.
 */
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type { Camera, Vector3 } from 'three';
import type { Campaign } from '../app/campaigns.ts';
import type { Clock } from '../timeline/clock.ts';
import type { SceneUniforms } from './AircraftLayer.tsx';

/** The map controls as a director sees them: the look-at point and the touch gestures. */
export interface DirectedControls {
  target: Vector3;
  enabled: boolean;
  touches: { ONE?: number; TWO?: number };
}

export interface DirectedFrame {
  camera: Camera;
  /** Null until the scene's controls have mounted. */
  controls: DirectedControls | null;
  campaign: Campaign;
  clock: Clock;
  /** uScale and uVertical: where the CPU twin puts an aircraft is drawn with these. */
  uniforms: SceneUniforms;
  /** Real seconds since the last frame. */
  delta: number;
}

export interface CameraDirector {
  /** Called once per frame while set, before the clock advances. */
  direct(frame: DirectedFrame): void;
}

let director: CameraDirector | null = null;

/** Installs the director (or removes it with null). Only one at a time: the last one set wins. */
export function setCameraDirector(next: CameraDirector | null): void {
  director = next;
}

/** Before FrameDriver (-2, advances the clock) and the map controls (-1, apply the camera). */
const DIRECTOR_PRIORITY = -3;

/** Mount inside the Canvas: gives the director, when there is one, each frame of this scene. */
export function CameraDirection({ campaign, clock, uniforms }: { campaign: Campaign; clock: Clock; uniforms: SceneUniforms }) {
  const frame = useRef<DirectedFrame | null>(null);
  useFrame((state, delta) => {
    if (!director) return;
    const f = (frame.current ??= { camera: state.camera, controls: null, campaign, clock, uniforms, delta });
    f.camera = state.camera;
    f.controls = state.controls as unknown as DirectedControls | null;
    f.campaign = campaign;
    f.clock = clock;
    f.uniforms = uniforms;
    f.delta = delta;
    director.direct(f);
  }, DIRECTOR_PRIORITY);
  return null;
}
