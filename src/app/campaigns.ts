/**
 * The campaigns the app can show: the files bundled from data/, plus one named by `?src=`
 * (same origin only). Each is validated on its own, so one bad file never hides the others.
 */
import { THEATRES } from '../geo/projection.ts';
import { compileFlightPlan, type FlightPlan } from '../motion/compile.ts';
import { loadCampaignText } from '../records/load.ts';
import type { CampaignFile, Force } from '../records/schema.ts';
import { createFigureModel, type FigureModel } from '../timeline/periodFigures.ts';

export interface CampaignSource {
  file: string;
  read: () => Promise<string>;
}

export interface Campaign {
  file: string;
  records: CampaignFile;
  plan: FlightPlan;
  figures: FigureModel;
  forces: Map<string, Force>;
  discrepancies: string[];
}

export type CampaignEntry =
  { file: string; status: 'ready'; campaign: Campaign } | { file: string; status: 'invalid'; problems: string[] };

const bundled = import.meta.glob<string>('../../data/*.json', { query: '?raw', import: 'default' });

export function campaignSources(search: string): CampaignSource[] {
  const sources: CampaignSource[] = Object.entries(bundled)
    .map(([path, read]) => ({ file: path.slice(path.lastIndexOf('/') + 1), read }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const src = new URLSearchParams(search).get('src');
  if (src) sources.push(remoteSource(src));
  return sources;
}

function remoteSource(src: string): CampaignSource {
  const file = src.slice(src.lastIndexOf('/') + 1) || src;
  return {
    file,
    read: async () => {
      const url = new URL(src, window.location.href);
      if (url.origin !== window.location.origin)
        throw new Error(`only files from this site can be opened (${url.origin} is another site)`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not be fetched: HTTP ${response.status}`);
      return response.text();
    },
  };
}

export async function openCampaign(source: CampaignSource): Promise<CampaignEntry> {
  let text: string;
  try {
    text = await source.read();
  } catch (e) {
    return { file: source.file, status: 'invalid', problems: [`${source.file}: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const result = loadCampaignText(source.file, text);
  if (!result.ok) return { file: source.file, status: 'invalid', problems: result.problems };
  const records = result.records;
  const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
  const forces = new Map(records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces.map((f) => [f.id, f] as const))));
  return {
    file: source.file,
    status: 'ready',
    campaign: {
      file: source.file,
      records,
      plan,
      figures: createFigureModel(records, plan),
      forces,
      discrepancies: result.discrepancies,
    },
  };
}
