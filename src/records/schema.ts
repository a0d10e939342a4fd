/**
 * Mission-record format v1: the contract curators author against.
 * docs/record-format.md explains every field with an annotated example;
 * data/schema/mission-records-1.json is generated from this file (npm run schema).
 */
import { z } from 'zod';

export const FORMAT = 'mission-records/1';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id: letters, digits and hyphens')
  .describe('Identifier, unique within its kind in the file');

const isoDate = z.iso.date().describe('Calendar date, YYYY-MM-DD');
const isoDateTime = z.iso.datetime({ offset: true }).describe('Instant with its UTC offset, e.g. 1944-02-20T13:40:00+01:00');

/** How a source words an imprecise figure: "over 1,000", "about 100", "30+", "no more than 7,000". */
export const Qualifier = z.enum(['about', 'over', 'under', 'nearly', 'at least', 'at most']);

/**
 * A count of aircraft, people or events. Either an exact non-negative integer, or
 * a figure the source qualifies ("over 1,000" is { value: 1000, qualifier: "over" }).
 */
export const Count = z.union([
  z.number().int().nonnegative(),
  z
    .object({
      value: z.number().int().nonnegative(),
      qualifier: Qualifier,
    })
    .strict(),
]);
export type Count = z.infer<typeof Count>;

/** A figure that may be fractional (percentages, tonnage) and may be qualified. */
export const Amount = z.union([
  z.number().nonnegative(),
  z.object({ value: z.number().nonnegative(), qualifier: Qualifier }).strict(),
]);
export type Amount = z.infer<typeof Amount>;

/**
 * Where a stated figure comes from. `ref` names an entry of campaign.sources; `quote` is the
 * passage that states it, verbatim; `cites` names the work that passage itself footnotes.
 */
export const Source = z
  .object({
    ref: id.describe('id of an entry in campaign.sources'),
    quote: z.string().min(1).describe('The passage that states the figure, verbatim'),
    cites: id.optional().describe('id of the campaign source the quoted text cites, if any'),
    page: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** What of a record is reconstructed rather than sourced. The UI labels each as schematic. */
export const SchematicAspect = z.enum(['route', 'timing', 'lossPositions', 'formation', 'aircraftType', 'location']);
export type SchematicAspect = z.infer<typeof SchematicAspect>;

export const CampaignSource = z
  .object({
    id,
    title: z.string().min(1),
    author: z.string().optional(),
    publisher: z.string().optional(),
    year: z.union([z.number().int(), z.string()]).optional(),
    isbn: z.string().optional(),
    citedAs: z.string().optional().describe('How the primary text refers to this work, e.g. "[8]"'),
    note: z.string().optional(),
  })
  .strict();

export const Theatre = z.enum(['europe-1944', 'korea-1951']);
export type Theatre = z.infer<typeof Theatre>;

export const Campaign = z
  .object({
    id,
    title: z.string().min(1),
    theatre: Theatre,
    start: isoDate,
    end: isoDate,
    utcOffset: z
      .string()
      .regex(/^[+-]\d\d:\d\d$/, 'must look like +01:00')
      .describe('Offset of the clock the records use, e.g. +01:00 for British wartime time'),
    clockLabel: z.string().optional().describe('How the UI names that clock, e.g. "British time"'),
    summary: z.string().min(1),
    sources: z.array(CampaignSource).min(1),
  })
  .strict();

export const PlaceKind = z.enum(['base', 'target', 'city', 'station', 'bridge', 'waypoint', 'region', 'airfield', 'port']);

export const Place = z
  .object({
    id,
    name: z.string().min(1),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    kind: PlaceKind,
    note: z.string().optional(),
    schematic: z.boolean().optional().describe('true when the position stands in for an unnamed or approximate place'),
  })
  .strict();
export type Place = z.infer<typeof Place>;

export const Claims = z
  .object({
    destroyed: Count.optional(),
    probable: Count.optional(),
    damaged: Count.optional(),
    claimant: z.string().optional().describe('Whose account the claim is, if not the force itself'),
  })
  .strict();
export type Claims = z.infer<typeof Claims>;

export const Losses = z
  .object({
    lost: Count.optional(),
    damagedBeyondRepair: Count.optional(),
    damaged: Count.optional(),
  })
  .strict();
export type Losses = z.infer<typeof Losses>;

export const Casualties = z.object({ kia: Count.optional(), wia: Count.optional(), mia: Count.optional() }).strict();
export type Casualties = z.infer<typeof Casualties>;

export const Target = z
  .object({
    place: id.optional().describe('Place id; may be omitted only for unnamed targets of opportunity'),
    label: z.string().optional().describe('How the source names the target when no place is given'),
    aircraft: Count.optional().describe('Aircraft that bombed this target'),
    kind: z.enum(['primary', 'secondary', 'opportunity']),
  })
  .strict()
  .refine((t) => t.place !== undefined || t.kind === 'opportunity', {
    message: 'a primary or secondary target needs a place',
    path: ['place'],
  });
export type Target = z.infer<typeof Target>;

/**
 * Clock times of a force. Give at least one instant; the compiler derives the rest from the
 * route length and the type's cruising speed. Mark them `timing` in `schematic` unless sourced.
 */
export const Timing = z
  .object({
    takeoff: isoDateTime.optional(),
    overTarget: isoDateTime.optional().describe('When the lead aircraft reaches the first target'),
    overTargetEnd: isoDateTime.optional().describe('When the last aircraft leaves the target area, if the source gives a window'),
    landing: isoDateTime.optional(),
    source: Source.optional().describe('Present when the times themselves are stated by a source'),
  })
  .strict()
  .refine((t) => t.takeoff ?? t.overTarget ?? t.landing, {
    message: 'give at least one of takeoff, overTarget or landing',
  });
export type Timing = z.infer<typeof Timing>;

export const ForceRole = z.enum(['bomber', 'escort', 'fighter-bomber', 'leaflet', 'pathfinder', 'diversion', 'reconnaissance']);
export type ForceRole = z.infer<typeof ForceRole>;

export const Outcome = z.enum(['completed', 'recalled', 'abandoned', 'aborted']);

export const Force = z
  .object({
    id,
    label: z.string().optional().describe('How the UI names the force, e.g. "1st force (Leipzig)"'),
    role: ForceRole,
    aircraft: z.string().min(1).describe('Type, e.g. "B-17", "P-51", "Lancaster/Halifax"'),
    dispatched: Count.optional().describe('Omitted only where no source gives it'),
    effective: Count.optional().describe('Aircraft that completed the task (e.g. "4 of 5")'),
    aborted: Count.optional(),
    outcome: Outcome.default('completed'),
    turnBack: id.optional().describe('Place id where a recalled or abandoned force turned back'),
    route: z.array(id).min(2).describe('Place ids from base to home, in flying order'),
    escorting: z.array(id).optional().describe('Ids of forces of the same mission this force escorts'),
    targets: z.array(Target).default([]),
    claims: Claims.optional(),
    losses: Losses.optional(),
    casualties: Casualties.optional(),
    payload: z
      .object({ amount: Amount, unit: z.string().min(1) })
      .strict()
      .optional()
      .describe('What the force dropped, as stated: e.g. { amount: 200, unit: "bundles of leaflets" }'),
    timing: Timing,
    schematic: z
      .array(SchematicAspect)
      .default([])
      .describe('What of this force the scene reconstructs: route, timing, lossPositions, ...'),
    notes: z.string().optional(),
    source: Source,
  })
  .strict();
export type Force = z.infer<typeof Force>;

/** Figures a source states for several forces together (e.g. all escorts of a mission). */
export const JointFigures = z
  .object({
    id,
    label: z.string().min(1),
    forces: z.array(id).min(1),
    claims: Claims.optional(),
    losses: Losses.optional(),
    casualties: Casualties.optional(),
    source: Source,
  })
  .strict();
export type JointFigures = z.infer<typeof JointFigures>;

const TotalsPair = z.object({ dispatched: Count.optional(), lost: Count.optional() }).strict();

/** Totals as the source states them; the validator reports where they differ from the forces. */
export const StatedTotals = z
  .object({
    aircraft: TotalsPair.optional(),
    bombers: TotalsPair.optional(),
    fighters: TotalsPair.optional(),
    source: Source,
  })
  .strict();
export type StatedTotals = z.infer<typeof StatedTotals>;

export const MissionKind = z.enum(['strategic', 'tactical', 'leaflet', 'night', 'interdiction', 'reconnaissance']);

export const Mission = z
  .object({
    id,
    number: z.number().int().positive().optional(),
    label: z.string().min(1),
    airForce: z.string().min(1).describe('e.g. "Eighth Air Force", "RAF Bomber Command"'),
    date: isoDate.describe('Date of the mission; for a night raid, the date it began'),
    kind: MissionKind,
    summary: z.string().optional(),
    forces: z.array(Force).min(1),
    jointFigures: z.array(JointFigures).default([]),
    statedTotals: StatedTotals.optional(),
    notes: z.string().optional().describe('Curator notes: readings of the source, discrepancies'),
    source: Source,
  })
  .strict();
export type Mission = z.infer<typeof Mission>;

export const Side = z.enum(['allied', 'axis', 'un', 'communist']);

export const Metric = z
  .object({
    key: z.string().min(1),
    label: z.string().min(1),
    value: Amount,
    side: Side.optional(),
    unit: z.string().optional(),
    start: isoDate.optional(),
    end: isoDate.optional(),
    account: z.string().optional().describe('Whose figure this is, e.g. "Caldwell & Muller"'),
    partOf: z.string().optional().describe('key of a metric of the same period that this figure is included in'),
    note: z.string().optional(),
    source: Source,
  })
  .strict();
export type Metric = z.infer<typeof Metric>;

export const Period = z
  .object({
    id,
    label: z.string().min(1),
    start: isoDateTime,
    end: isoDateTime,
    summary: z.string().optional(),
    weather: z.string().optional(),
    weatherSource: Source.optional().describe('Where the weather text comes from'),
    missions: z.array(Mission).default([]),
    metrics: z.array(Metric).default([]),
    notes: z.string().optional(),
  })
  .strict();
export type Period = z.infer<typeof Period>;

/**
 * A drawn map feature of the period: a railway line, the front, a region such as MiG Alley,
 * an air-defence zone. Its path runs through places of the file, in order.
 */
export const Feature = z
  .object({
    id,
    name: z.string().min(1),
    kind: z.enum(['railway', 'front', 'region', 'air-defence-zone', 'river', 'route']),
    path: z.array(id).min(2).describe('Place ids along the feature, in order'),
    closed: z.boolean().optional().describe('true for an area: the path returns to its start'),
    start: isoDate.optional().describe('First day the feature applies (e.g. a front line on a date)'),
    end: isoDate.optional(),
    schematic: z.boolean().optional().describe('true when the line is drawn through approximate points'),
    note: z.string().optional(),
    source: Source.optional(),
  })
  .strict();
export type Feature = z.infer<typeof Feature>;

export const CampaignFile = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(FORMAT),
    campaign: Campaign,
    places: z.array(Place).min(1),
    periods: z.array(Period).min(1),
    metrics: z.array(Metric).default([]).describe('Campaign-wide figures'),
    features: z.array(Feature).default([]).describe('Railways, fronts, regions and zones drawn on the map'),
  })
  .strict();
export type CampaignFile = z.infer<typeof CampaignFile>;
