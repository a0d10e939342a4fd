/**
 * Period map features from the records: railways, the front, regions such as MiG Alley.
 * Drawn just above the land; schematic ones dashed, like schematic routes.
 */
import { Line } from '@react-three/drei';
import { useMemo } from 'react';
import { THEATRES, project } from '../geo/projection.ts';
import type { CampaignFile } from '../records/schema.ts';
import { featureStyles } from './palette.ts';

export function FeatureLines({ records }: { records: CampaignFile }) {
  const lines = useMemo(() => {
    const frame = THEATRES[records.campaign.theatre];
    const places = new Map(records.places.map((p) => [p.id, p]));
    return records.features.map((f) => {
      const points = f.path.map((id) => {
        const p = places.get(id)!;
        const [x, z] = project(frame, p.lat, p.lon);
        return [x, 0.8, z] as [number, number, number];
      });
      if (f.closed) points.push(points[0]!);
      return { feature: f, points, style: featureStyles[f.kind] };
    });
  }, [records]);
  return (
    <group name="features">
      {lines.map(({ feature, points, style }) => (
        <Line
          key={feature.id}
          points={points}
          color={style.colour}
          lineWidth={style.width}
          transparent
          opacity={style.opacity}
          dashed={feature.schematic ?? false}
          dashSize={6}
          gapSize={4}
          depthWrite={false}
          // Map symbols lie on the relief: drawn over it rather than buried in it.
          depthTest={false}
          renderOrder={2}
        />
      ))}
    </group>
  );
}
