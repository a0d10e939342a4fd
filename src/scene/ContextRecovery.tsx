/**
 * WebGL context loss, recovered without a page reload. A driver reset, a GPU process crash or
 * the browser reclaiming memory takes the context away; three.js asks for it back (it calls
 * preventDefault on `webglcontextlost`) and, when the browser restores it, rebuilds its own
 * state and uploads buffers and textures again on the next frame. The frame loop never stops:
 * while the context is lost, three.js skips drawing.
 *
 * What is left to the app: the layers that own textures flag them for upload again
 * (useContextRestored), the loss is counted in window.__sortie, and if the browser does not give
 * the context back within a few seconds the scene gets a new canvas and context (onGiveUp).
 */
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { diagnostics } from '../app/diagnostics.ts';

/** How long to wait for the browser to restore a lost context before making a new canvas. */
export const RESTORE_WAIT_MS = 3000;

/** Calls `onRestored` (keep it stable) after the renderer has taken back a restored context. */
export function useContextRestored(onRestored: () => void): void {
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    // Registered after the renderer's own listener, so it runs after three.js has reinitialised.
    const canvas = gl.domElement;
    canvas.addEventListener('webglcontextrestored', onRestored);
    return () => canvas.removeEventListener('webglcontextrestored', onRestored);
  }, [gl, onRestored]);
}

export function ContextRecovery({ onGiveUp }: { onGiveUp: () => void }) {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    let timer = 0;
    diagnostics.contextLost = gl.getContext().isContextLost();
    const lost = () => {
      diagnostics.contextLost = true;
      diagnostics.contextLosses++;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        diagnostics.canvasRemounts++;
        onGiveUp();
      }, RESTORE_WAIT_MS);
    };
    const restored = () => {
      window.clearTimeout(timer);
      diagnostics.contextLost = false;
      diagnostics.contextRestores++;
      // With frameloop 'demand' nothing would draw until the next change: ask for a frame.
      invalidate();
    };
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', restored);
    return () => {
      window.clearTimeout(timer);
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
    };
  }, [gl, invalidate, onGiveUp]);
  return null;
}
