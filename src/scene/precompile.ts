import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { Object3D } from 'three';

/**
 * Compiles the shaders of objects first drawn later (aircraft before the first take-off, crash
 * markers before the first loss) at load instead: their first draw would otherwise stall that
 * frame, by one to two seconds on a software renderer, in the middle of the story.
 * Each object stands for every mesh sharing its material.
 */
export function usePrecompile(objects: readonly Object3D[]): void {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    // Never rejects; a lost context at this moment only means the first draw compiles instead.
    for (const o of objects) void gl.compileAsync(o, camera, scene);
  }, [gl, camera, scene, objects]);
}
