/**
 * What the Korean campaign's generated scene holds: koreaFlows.ts builds it with the flight
 * plan. Types and a lookup only, so that the scene's layers and the overlays can read it
 * without loading the compiler into the initial JavaScript.
 */
import type { CampaignFile } from '../records/schema.ts';
import type { KoreaNetwork } from './koreaNetwork.ts';
import type { RailCuts, RailTraffic } from './koreaRail.ts';

/** Fighter-bombers fly in flights of four, a mission being one to four flights (schematic). */
export const FLIGHT_SIZE = 4;
/** Wagons to a train, plus its locomotive (schematic: the text gives no train length). */
export const TRAIN_WAGONS = 20;

/** What was drawn for one period, for the period card and for tests. */
export interface KoreaMonth {
  periodId: string;
  /** Far East Air Force aircraft drawn, and whether from the triangle's monthly figure or the operation's average. */
  feafAircraft: number;
  basis: 'triangle' | 'average' | 'none';
  feafLost: number;
  feafDamaged: number;
  lineCuts: number;
  bridgeHits: number;
  /** Carrier aircraft drawn: a token, never counted. */
  naval: number;
  /** MiG-15 sorties taking off in the period, by division, and those lost; with the division's recorded totals. */
  migs: { division: string; sorties: number; lost: number; totalSorties: number; totalLost: number; from: string; to: string }[];
  wagons: number;
  /** Trucks drawn: token convoys, never counted. */
  trucks: number;
}

export interface KoreaScene {
  network: KoreaNetwork;
  cuts: RailCuts;
  traffic: RailTraffic;
  months: KoreaMonth[];
  /** Figures the notes quote: sorties a day on average, the wagon rate, the Soviet fighters the text gives. */
  averagePerDay: number;
  wagonsPerDay: number;
  soviet: { divisions: [number, number]; aircraft: [number, number] } | null;
  tokenStrength: number;
  /** Per period id: what is drawn and what is schematic, for the period card. */
  notes: Map<string, KoreaNote>;
}

export interface KoreaNote {
  /** One sentence for the period card. */
  summary: string;
  /** What is drawn, figure by figure, and what is schematic. */
  details: string[];
}

/**
 * Half-width of an air-defence zone about its railway section. The text divides the railway
 * into four zones without saying where they lie or how far the guns reached: schematic.
 */
export const AA_ZONE_HALF_WIDTH_KM = 12;

/** The feature drawn as the "Valley of Death". */
export const VALLEY_OF_DEATH_ID = 'valley-of-death';

const scenes = new WeakMap<CampaignFile, KoreaScene>();

/** The Korean scene compiled with a campaign's flight plan, if the campaign has one. */
export function koreaSceneOf(file: CampaignFile): KoreaScene | undefined {
  return scenes.get(file);
}

export function setKoreaScene(file: CampaignFile, scene: KoreaScene): void {
  scenes.set(file, scene);
}
