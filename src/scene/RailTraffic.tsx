/**
 * Trains and truck convoys moving at night along the railway (the Korean scene). The layer
 * loads in its own chunk, and only for a campaign that has them.
 */
import { lazy, Suspense } from 'react';
import { koreaSceneOf } from '../motion/koreaScene.ts';
import type { CampaignFile } from '../records/schema.ts';
import type { SceneUniforms } from './AircraftLayer.tsx';

const RailTrafficLayer = lazy(() => import('./koreaLayers.tsx').then((m) => ({ default: m.RailTrafficLayer })));

export function RailTraffic({ records, uniforms }: { records: CampaignFile; uniforms: SceneUniforms }) {
  const traffic = koreaSceneOf(records)?.traffic;
  if (!traffic || traffic.count === 0) return null;
  return (
    <Suspense fallback={null}>
      <RailTrafficLayer traffic={traffic} uniforms={uniforms} />
    </Suspense>
  );
}
