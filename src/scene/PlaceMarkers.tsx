/** Bases and targets: a marker on the ground (labels are drawn by PlaceLabels). */
import { THEATRES, project } from '../geo/projection.ts';
import type { Theatre } from '../records/schema.ts';
import type { MarkedPlace } from './PlaceLabels.tsx';
import { palette } from './palette.ts';

export function PlaceMarkers({ theatre, places }: { theatre: Theatre; places: MarkedPlace[] }) {
  const frame = THEATRES[theatre];
  return (
    <group name="places">
      {places.map(({ place, role }) => {
        const [x, z] = project(frame, place.lat, place.lon);
        return (
          <mesh
            key={place.id}
            renderOrder={2}
            position={[x, 0.6, z]}
            rotation={[-Math.PI / 2, 0, role === 'target' ? Math.PI / 4 : 0]}
          >
            <planeGeometry args={role === 'target' ? [7, 7] : [5, 5]} />
            <meshBasicMaterial
              color={role === 'target' ? palette.target : role === 'base' ? palette.base : palette.place}
              depthTest={false}
            />
          </mesh>
        );
      })}
    </group>
  );
}
