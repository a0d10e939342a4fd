/**
 * The campaigns the app can show: the files bundled from data/, one named by `?src=` (same
 * origin only), and files the visitor opens (importFile.ts). Each is validated on its own, so one
 * bad file never hides the others, and each is bounded before it is read, parsed and compiled
 * (records/load.ts has the limits): a file from anyone gets a message, never a frozen tab.
 */
import { THEATRES } from '../geo/projection.ts';
import { compileFlightPlan, type FlightPlan } from '../motion/compile.ts';
import { MAX_FILE_BYTES, isOversize, loadCampaignText, oversizeProblem } from '../records/load.ts';
import type { CampaignFile, Force } from '../records/schema.ts';
import { createFigureModel, type FigureModel } from '../timeline/periodFigures.ts';

export interface CampaignSource {
  file: string;
  /** Size in bytes where it is known before reading (a picked or dropped file): too big, it is never read. */
  size?: number;
  /** Rejects with FileTooLarge when the file turns out to be bigger than the limit while reading. */
  read: () => Promise<string>;
}

/** A file found to be over records/load.ts's MAX_FILE_BYTES while it was being read. */
export class FileTooLarge extends Error {
  constructor(readonly bytes?: number) {
    super(`larger than ${MAX_FILE_BYTES} bytes`);
  }
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
      return readLimited(response);
    },
  };
}

/**
 * The body as text, refused from its Content-Length when that is over the limit, and otherwise
 * counted as it streams in, so a huge or endless response is cut off rather than held in memory.
 */
export async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (Number.isFinite(declared) && isOversize(declared)) {
    await response.body?.cancel();
    throw new FileTooLarge(declared);
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (isOversize(bytes)) {
      await reader.cancel();
      throw new FileTooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export async function openCampaign(source: CampaignSource): Promise<CampaignEntry> {
  const invalid = (problem: string): CampaignEntry => ({ file: source.file, status: 'invalid', problems: [problem] });
  if (source.size !== undefined && isOversize(source.size)) return invalid(oversizeProblem(source.file, source.size));
  let text: string;
  try {
    text = await source.read();
  } catch (e) {
    if (e instanceof FileTooLarge) return invalid(oversizeProblem(source.file, e.bytes));
    return invalid(`${source.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const result = loadCampaignText(source.file, text);
  if (!result.ok) return { file: source.file, status: 'invalid', problems: result.problems };
  const records = result.records;
  try {
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
  } catch (e) {
    // A valid file the scene cannot be built from is a bug here, not in the file; say so rather
    // than leave the page blank, and keep the other campaigns.
    return invalid(
      `${source.file}: (root): the scene could not be built from this file (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}
