/**
 * How code outside the canvas moves the camera and reads the drawn frame: the URL (Back to a
 * shared view), the mission picker (frame a mission), the PNG export. The scene's director
 * (Follow.tsx, loaded on demand) fills in the functions; until it has, a requested view waits
 * here and is applied when it arrives. No three.js here: this module is in the first load.
 */
import type { CameraView } from '../app/urlState.ts';

export const cameraRig = {
  /** Moves the camera to `view`: a flight of `seconds`, or a cut when 0. Set by the director. */
  moveTo: null as ((view: CameraView, seconds: number) => void) | null,
  /** A view asked for before the director was there. */
  pending: null as { view: CameraView; seconds: number } | null,
  /** Ends a camera flight under way (the view is being reset). Set by the director. */
  stop: null as (() => void) | null,
  /** Draws the scene now and returns its canvas, to be read in the same task (the drawing buffer is not preserved). */
  drawNow: null as (() => HTMLCanvasElement | null) | null,
  /** Canvas width / height, CSS px, for framing. */
  aspect: 16 / 9,
};

export function moveCamera(view: CameraView, seconds: number): void {
  if (cameraRig.moveTo) cameraRig.moveTo(view, seconds);
  else cameraRig.pending = { view, seconds };
}
