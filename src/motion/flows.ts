/**
 * Schematic flows: aircraft generated from period metrics rather than from force records.
 * The Korean campaign's records give monthly figures (sorties, aircraft shot down), not
 * missions; its scene is built in koreaFlows.ts. Campaigns with missions add nothing.
 */
import type { CampaignFile } from '../records/schema.ts';
import type { FlowBuilder } from './compile.ts';
import { compileKoreaFlows } from './koreaFlows.ts';

export function compileFlows(file: CampaignFile, builder: FlowBuilder): void {
  compileKoreaFlows(file, builder);
}
