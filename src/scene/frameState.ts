import { Vector3 } from 'three';

/** Per-frame values shared between scene parts without React: the camera's look-at point. */
export const frameState = {
  target: new Vector3(),
};
