/**
 * Dots that keep the Korean scene's aircraft visible from a theatre-wide view: a month brings a
 * few dozen small jets into the air at a time, a few pixels each at that distance. Only for a
 * campaign whose aircraft are generated from monthly figures; the layer loads in its own chunk.
 */
import { lazy, Suspense } from 'react';
import type { FlightPlan } from '../motion/compile.ts';
import { koreaSceneOf } from '../motion/koreaScene.ts';
import type { CampaignFile } from '../records/schema.ts';
import type { SceneUniforms } from './AircraftLayer.tsx';

const FlowMarkersLayer = lazy(() => import('./koreaLayers.tsx').then((m) => ({ default: m.FlowMarkersLayer })));

export function FlowMarkers({ records, plan, uniforms }: { records: CampaignFile; plan: FlightPlan; uniforms: SceneUniforms }) {
  if (!koreaSceneOf(records)) return null;
  return (
    <Suspense fallback={null}>
      <FlowMarkersLayer plan={plan} uniforms={uniforms} />
    </Suspense>
  );
}
