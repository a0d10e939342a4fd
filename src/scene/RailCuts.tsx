/**
 * Cuts in the railway where the bombs fell, each shown until it is repaired (the Korean scene).
 * The layer loads in its own chunk, and only for a campaign that has cuts.
 */
import { lazy, Suspense } from 'react';
import { koreaSceneOf } from '../motion/koreaScene.ts';
import type { CampaignFile } from '../records/schema.ts';
import type { SceneUniforms } from './AircraftLayer.tsx';

const RailCutsLayer = lazy(() => import('./koreaLayers.tsx').then((m) => ({ default: m.RailCutsLayer })));

export function RailCuts({ records, uniforms }: { records: CampaignFile; uniforms: SceneUniforms }) {
  const cuts = koreaSceneOf(records)?.cuts;
  if (!cuts || cuts.count === 0) return null;
  return (
    <Suspense fallback={null}>
      <RailCutsLayer cuts={cuts} uniforms={uniforms} />
    </Suspense>
  );
}
