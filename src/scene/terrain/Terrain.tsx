/** The R3F side of the terrain: creates the engine for a theatre, updates it, disposes it. */
import { useFrame, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useState } from 'react';
import type { PerspectiveCamera } from 'three';
import type { TerrainIndex } from '../../geo/terrainIndex.ts';
import type { Theatre } from '../../records/schema.ts';
import { useContextRestored } from '../ContextRecovery.tsx';
import { TerrainEngine, type TerrainUniforms } from './TerrainEngine.ts';

const indexes = import.meta.glob<TerrainIndex>('../../../assets/geo/*/terrain/index.json', { import: 'default' });
const tileUrls = import.meta.glob<string>('../../../assets/geo/*/terrain/*/*/*.png', {
  query: '?url',
  import: 'default',
  eager: true,
});

export async function loadTerrainIndex(theatre: Theatre): Promise<TerrainIndex> {
  const load = indexes[`../../../assets/geo/${theatre}/terrain/index.json`];
  if (!load) throw new Error(`no terrain for theatre ${theatre}`);
  return load();
}

export function Terrain({
  theatre,
  uniforms,
  onEngine,
  onError,
}: {
  theatre: Theatre;
  uniforms: TerrainUniforms;
  onEngine?: (engine: TerrainEngine | null) => void;
  onError: (message: string) => void;
}) {
  const [engine, setEngine] = useState<TerrainEngine | null>(null);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const height = useThree((s) => s.size.height);

  useEffect(() => {
    let live = true;
    let created: TerrainEngine | null = null;
    loadTerrainIndex(theatre).then(
      (index) => {
        if (!live) return;
        created = new TerrainEngine(
          index,
          (z, x, y) => tileUrls[`../../../assets/geo/${theatre}/terrain/${z}/${x}/${y}.png`],
          uniforms,
        );
        setEngine(created);
        onEngine?.(created);
      },
      (e: unknown) => onError(`terrain: ${String(e)}`),
    );
    return () => {
      live = false;
      created?.dispose();
      onEngine?.(null);
    };
  }, [theatre, uniforms, onEngine, onError]);

  // A restored WebGL context starts empty: every held tile's heights go up again.
  const restoreTiles = useCallback(() => engine?.restoreTextures(), [engine]);
  useContextRestored(restoreTiles);

  useFrame(() => engine?.update(camera, height));
  return engine ? <primitive object={engine.group} /> : null;
}
