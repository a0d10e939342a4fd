/** GSHHG shorelines and rivers from the geodata pipeline, drawn crisp over the terrain. */
import { useEffect, useMemo, useState } from 'react';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import type { Theatre } from '../records/schema.ts';
import { palette } from './palette.ts';

interface LineAsset {
  unit: string;
  lines: number[][];
}

const assets = import.meta.glob<LineAsset>('../../assets/geo/*/{coast,rivers}.json', { import: 'default' });

/** Line segments at a fixed height, from polylines in units of 0.1 km. */
export function lineSegmentsGeometry(asset: LineAsset, y: number): BufferGeometry {
  const out: number[] = [];
  for (const line of asset.lines)
    for (let k = 2; k + 1 < line.length; k += 2)
      out.push(line[k - 2]! / 10, y, line[k - 1]! / 10, line[k]! / 10, y, line[k + 1]! / 10);
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(out, 3));
  return g;
}

function useLineAsset(theatre: Theatre, name: 'coast' | 'rivers', y: number, onError: (m: string) => void) {
  const [asset, setAsset] = useState<LineAsset | null>(null);
  useEffect(() => {
    let live = true;
    const load = assets[`../../assets/geo/${theatre}/${name}.json`];
    if (!load) return;
    load().then(
      (a) => live && setAsset(a),
      (e: unknown) => onError(`${name}: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [theatre, name, onError]);
  const geometry = useMemo(() => (asset ? lineSegmentsGeometry(asset, y) : null), [asset, y]);
  useEffect(
    () => () => {
      geometry?.dispose();
    },
    [geometry],
  );
  return geometry;
}

export function ShoreLines({ theatre, onError }: { theatre: Theatre; onError: (m: string) => void }) {
  const coast = useLineAsset(theatre, 'coast', 0.05, onError);
  const rivers = useLineAsset(theatre, 'rivers', 0.05, onError);
  return (
    <group name="shorelines">
      {coast && (
        <lineSegments geometry={coast} renderOrder={1}>
          <lineBasicMaterial color={palette.coast} transparent opacity={0.85} />
        </lineSegments>
      )}
      {rivers && (
        // Rivers lie on relief the lines do not follow: drawn over it rather than hidden by it.
        <lineSegments geometry={rivers} renderOrder={1}>
          <lineBasicMaterial color={palette.river} transparent opacity={0.7} depthTest={false} />
        </lineSegments>
      )}
    </group>
  );
}
