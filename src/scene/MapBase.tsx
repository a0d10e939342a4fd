/** Sea, land, shorelines and a graticule: a quiet base the streams read against. */
import { useEffect, useMemo, useState } from 'react';
import type { BufferGeometry } from 'three';
import { coastGeometry, graticuleGeometry, landGeometry, loadLand, type LandAsset } from '../geo/basemap.ts';
import { THEATRES, lonLatBounds, project } from '../geo/projection.ts';
import type { Theatre } from '../records/schema.ts';
import { palette } from './palette.ts';

export function MapBase({ theatre, onError }: { theatre: Theatre; onError: (message: string) => void }) {
  const [land, setLand] = useState<LandAsset | null>(null);
  useEffect(() => {
    let live = true;
    loadLand(theatre).then(
      (l) => live && setLand(l),
      (e: unknown) => onError(`map base: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [theatre, onError]);

  const sea = useMemo(() => {
    const frame = THEATRES[theatre];
    const [w, s, e, n] = lonLatBounds(frame);
    const [x0, z0] = project(frame, n, w);
    const [x1, z1] = project(frame, s, e);
    return { cx: (x0 + x1) / 2, cz: (z0 + z1) / 2, w: (x1 - x0) * 1.02, h: (z1 - z0) * 1.02 };
  }, [theatre]);
  const geometries = useMemo(
    () =>
      land && {
        land: landGeometry(land),
        coast: coastGeometry(land, 0.3),
        graticule: graticuleGeometry(theatre, 2, 0.15),
      },
    [land, theatre],
  );
  useEffect(
    () => () => {
      if (geometries) Object.values(geometries).forEach((g: BufferGeometry) => g.dispose());
    },
    [geometries],
  );

  return (
    <group name="map-base">
      <mesh position={[sea.cx, -0.5, sea.cz]} rotation={[-Math.PI / 2, 0, 0]} renderOrder={-3}>
        <planeGeometry args={[sea.w, sea.h]} />
        <meshBasicMaterial color={palette.sea} />
      </mesh>
      {geometries && (
        <>
          <mesh geometry={geometries.land} renderOrder={-2}>
            <meshBasicMaterial color={palette.land} />
          </mesh>
          <lineSegments geometry={geometries.graticule} renderOrder={-1}>
            <lineBasicMaterial color={palette.graticule} transparent opacity={0.35} />
          </lineSegments>
          <lineSegments geometry={geometries.coast}>
            <lineBasicMaterial color={palette.coast} />
          </lineSegments>
        </>
      )}
    </group>
  );
}
