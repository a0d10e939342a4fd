/**
 * The campaign's records as tables: every force, every mission with its totals, joint figures
 * and stated totals, every period with its totals, and every figure the sources state per period
 * (Korea's monthly figures). The text alternative to the scene, and what the CSV export holds.
 *
 * Pure: records in, rows out, built once per campaign. The tables show the records, never the
 * figures "so far" at the clock's time, so nothing here depends on time.
 */
import { noteOf } from '../i18n/recordKeys.ts';
import type { LocalText, RecordTexts } from '../i18n/records.ts';
import { countValue } from '../records/counts.ts';
import type { Amount, CampaignFile, Claims, Count, Force, Metric, Mission, Period, Source, Target } from '../records/schema.ts';

type Qualifier = Exclude<Count, number>['qualifier'];

export type ViewId = 'forces' | 'missions' | 'periods';
export type TableId = 'forces' | 'missions' | 'periods' | 'period-figures';

/** Which tables each view shows, in order. */
export const VIEW_TABLES: Record<ViewId, TableId[]> = {
  forces: ['forces'],
  missions: ['missions'],
  periods: ['periods', 'period-figures'],
};

export type ColumnKey =
  | 'period'
  | 'periodStart'
  | 'periodEnd'
  | 'mission'
  | 'missionNumber'
  | 'missionKind'
  | 'date'
  | 'airForce'
  | 'force'
  | 'role'
  | 'aircraft'
  | 'outcome'
  | 'missionCount'
  | 'forceCount'
  | 'dispatched'
  | 'effective'
  | 'effectiveOnPrimary'
  | 'aborted'
  | 'lost'
  | 'damagedBeyondRepair'
  | 'damaged'
  | 'claims'
  | 'kia'
  | 'wia'
  | 'mia'
  | 'targets'
  | 'payload'
  | 'jointFigures'
  | 'statedTotals'
  | 'schematic'
  | 'figure'
  | 'value'
  | 'unit'
  | 'side'
  | 'account'
  | 'covers'
  | 'totalsNote'
  | 'note'
  | 'source'
  | 'quote'
  | 'id';

export interface Column {
  key: ColumnKey;
  /** Figures: right-aligned, sorted by value, largest first on the first click. */
  numeric: boolean;
  /** The cell that names the row (a `<th scope="row">`). */
  rowHeader?: boolean;
  /** Only in the CSV: too long or too technical for the on-screen table. */
  csvOnly?: boolean;
}

export interface Cell {
  /** What the table shows; '' where the record states nothing. */
  text: string;
  /** What the CSV holds: the same wording, numbers without digit grouping. */
  csv: string;
  /** Sort key: a number for figures and periods, text otherwise; null where nothing is stated (always last). */
  sort: number | string | null;
  /** 'en' where the cell keeps a record's English in another interface language (an untranslated note). */
  lang?: 'en';
}

/** Summed figures of a mission or period, as plain numbers (what periodTotals in the tests adds up). */
export interface Totals {
  dispatched: number;
  effective: number;
  lost: number;
  damagedBeyondRepair: number;
  damaged: number;
  claimsDestroyed: number;
  claimsProbable: number;
  claimsDamaged: number;
  kia: number;
  wia: number;
  mia: number;
}

export interface TableRow {
  /** Unique within the table: the record's id. */
  key: string;
  cells: Cell[];
  /** For mission and period rows: their totals as numbers. */
  totals?: Totals;
}

export interface Table {
  id: TableId;
  columns: Column[];
  rows: TableRow[];
}

export type CampaignTables = Record<TableId, Table>;

/** Values of the record format's enumerations that the tables show as words. */
export type TermKind = 'role' | 'aspect' | 'targetKind' | 'side' | 'missionKind' | 'outcome';

/** How the tables word things: English by default, the UI language through the component's translations. */
export interface Wording {
  /** A number for the screen, grouped as the UI language groups digits ("1,838", "1.838"). */
  number: (n: number) => string;
  /** A percentage for the screen: "8.6%" in English, "8,6 %" in German. */
  percent: (percent: number) => string;
  term: (kind: TermKind, value: string) => string;
  /** A figure the source qualifies: "over 1,000" (in Korean the qualifier follows the number). */
  qualified: (qualifier: Qualifier, number: string) => string;
  /** The "period" of a campaign-wide figure. */
  wholeCampaign: string;
  /** A sum that includes figures the source qualifies: "40 (incl. over 30)". */
  including: (sum: string, qualified: string[]) => string;
  /** A claim part stated on its own: "14 destroyed". */
  claimPart: (part: 'destroyed' | 'probable' | 'damaged', count: string) => string;
  /** One figure of a joint-figures or stated-totals entry: "4 damaged", "claims 61–7–37". */
  figure: (key: 'lost' | 'damagedBeyondRepair' | 'damaged' | 'claims' | 'kia' | 'wia' | 'mia', value: string) => string;
  /** `count`: the figure's number, for languages whose noun follows it ("1 Flugzeug", "2 Flugzeuge"). */
  statedTotal: (group: 'aircraft' | 'bombers' | 'fighters', key: 'dispatched' | 'lost', value: string, count: number) => string;
  /** "2 forces of unstated strength are not counted" */
  unstatedStrength: (forces: number) => string;
  /** The publication a quote is from, and the work it cites. */
  citing: (publication: string, cited: string) => string;
  page: (page: string) => string;
}

const ENGLISH_TERMS: Record<TermKind, Record<string, string>> = {
  role: {
    bomber: 'bomber',
    escort: 'escort',
    'fighter-bomber': 'fighter-bomber',
    leaflet: 'leaflet',
    pathfinder: 'pathfinder',
    diversion: 'diversion',
    reconnaissance: 'reconnaissance',
  },
  aspect: {
    route: 'route',
    timing: 'timing',
    lossPositions: 'loss positions',
    formation: 'formation',
    aircraftType: 'aircraft type',
    location: 'location',
  },
  targetKind: { primary: 'primary', secondary: 'secondary', opportunity: 'opportunity' },
  side: { allied: 'Allied', axis: 'Axis', un: 'UN', communist: 'Communist' },
  missionKind: {
    strategic: 'strategic',
    tactical: 'tactical',
    leaflet: 'leaflet',
    night: 'night',
    interdiction: 'interdiction',
    reconnaissance: 'reconnaissance',
  },
  outcome: { completed: 'completed', recalled: 'recalled', abandoned: 'abandoned', aborted: 'aborted' },
};

const FIGURE_WORDS = {
  lost: 'lost',
  damagedBeyondRepair: 'damaged beyond repair',
  damaged: 'damaged',
  kia: 'KIA',
  wia: 'WIA',
  mia: 'MIA',
} as const;

export const ENGLISH: Wording = {
  number: (n) => n.toLocaleString('en-GB'),
  percent: (p) => `${p.toLocaleString('en-GB')}%`,
  term: (kind, value) => ENGLISH_TERMS[kind][value] ?? value,
  qualified: (qualifier, number) => `${qualifier} ${number}`,
  wholeCampaign: 'Whole campaign',
  including: (sum, qualified) => `${sum} (incl. ${qualified.join(', ')})`,
  claimPart: (part, count) => `${count} ${part}`,
  figure: (key, value) => (key === 'claims' ? `claims ${value}` : `${value} ${FIGURE_WORDS[key]}`),
  statedTotal: (group, key, value) => `${value} ${group} ${key}`,
  unstatedStrength: (n) =>
    n === 1 ? '1 force of unstated strength is not counted' : `${n} forces of unstated strength are not counted`,
  citing: (publication, cited) => `${publication}, citing ${cited}`,
  page: (page) => `p. ${page}`,
};

/**
 * The record's own texts (labels, names, accounts, units), in the UI language where they are
 * translated: src/i18n/records.ts gives these; the default is the record's English.
 */
export type RecordNames = Pick<
  RecordTexts,
  'periodLabel' | 'metricLabel' | 'account' | 'unit' | 'targetLabel' | 'mission' | 'force' | 'jointFigure' | 'place' | 'note'
>;

export const RECORD_NAMES: RecordNames = {
  periodLabel: (p) => p.label,
  metricLabel: (_, m) => m.label,
  account: (a) => a,
  unit: (u) => u,
  targetLabel: (l) => l,
  mission: (m) => m.label,
  force: (f) => f.label,
  jointFigure: (j) => j.label,
  place: (p) => p.name,
  note: (owner) => {
    const text = noteOf(owner);
    return text ? { text } : undefined;
  },
};

/** English column headings, with their units: the CSV's header row unless the UI language gives others. */
export const ENGLISH_COLUMNS: Record<ColumnKey, string> = {
  period: 'Period',
  periodStart: 'From',
  periodEnd: 'To',
  mission: 'Mission',
  missionNumber: 'Mission number',
  missionKind: 'Kind',
  date: 'Date',
  airForce: 'Air force',
  force: 'Force',
  role: 'Role',
  aircraft: 'Aircraft type',
  outcome: 'Outcome',
  missionCount: 'Missions',
  forceCount: 'Forces',
  dispatched: 'Dispatched (aircraft)',
  effective: 'Effective (aircraft)',
  effectiveOnPrimary: 'Effective on primary targets (aircraft)',
  aborted: 'Aborted (aircraft)',
  lost: 'Lost (aircraft)',
  damagedBeyondRepair: 'Damaged beyond repair (aircraft)',
  damaged: 'Damaged (aircraft)',
  claims: 'Claims destroyed–probable–damaged (enemy aircraft)',
  kia: 'KIA (crew)',
  wia: 'WIA (crew)',
  mia: 'MIA (crew)',
  targets: 'Targets (kind, aircraft bombing)',
  payload: 'Payload',
  jointFigures: 'Figures stated for several forces together',
  statedTotals: 'Totals as the source states them',
  schematic: 'Schematic (reconstructed)',
  figure: 'Figure',
  value: 'Value (as the source words it)',
  unit: 'Unit',
  side: 'Side',
  account: 'Account (whose figure)',
  covers: 'Dates covered',
  totalsNote: 'Note on the totals',
  note: 'Note',
  source: 'Source publication',
  quote: 'Quoted passage',
  id: 'Record id',
};

const col = (key: ColumnKey, extra: Partial<Column> = {}): Column => ({ key, numeric: false, ...extra });
const fig = (key: ColumnKey): Column => ({ key, numeric: true });

const FORCE_COLUMNS: Column[] = [
  col('period'),
  col('mission'),
  col('airForce'),
  col('force', { rowHeader: true }),
  col('role'),
  col('aircraft'),
  fig('dispatched'),
  fig('effective'),
  fig('aborted'),
  fig('lost'),
  fig('damagedBeyondRepair'),
  fig('damaged'),
  fig('claims'),
  fig('kia'),
  fig('wia'),
  fig('mia'),
  col('targets'),
  col('outcome'),
  col('payload'),
  col('schematic'),
  col('source'),
  col('quote', { csvOnly: true }),
  col('note', { csvOnly: true }),
  col('id', { csvOnly: true }),
];

const TOTAL_COLUMNS: Column[] = [
  fig('dispatched'),
  fig('effectiveOnPrimary'),
  fig('lost'),
  fig('damagedBeyondRepair'),
  fig('damaged'),
  fig('claims'),
  fig('kia'),
  fig('wia'),
  fig('mia'),
];

const MISSION_COLUMNS: Column[] = [
  col('period'),
  col('mission', { rowHeader: true }),
  fig('missionNumber'),
  col('airForce'),
  col('missionKind'),
  col('date'),
  fig('forceCount'),
  ...TOTAL_COLUMNS,
  col('jointFigures'),
  col('statedTotals'),
  col('totalsNote'),
  col('source'),
  col('quote', { csvOnly: true }),
  col('note', { csvOnly: true }),
  col('id', { csvOnly: true }),
];

const PERIOD_COLUMNS: Column[] = [
  col('period', { rowHeader: true }),
  col('periodStart'),
  col('periodEnd'),
  fig('missionCount'),
  fig('forceCount'),
  ...TOTAL_COLUMNS,
  col('totalsNote'),
  col('id', { csvOnly: true }),
];

const FIGURE_COLUMNS: Column[] = [
  col('period'),
  col('figure', { rowHeader: true }),
  fig('value'),
  col('unit'),
  col('side'),
  col('account'),
  col('covers'),
  col('note'),
  col('source'),
  col('quote', { csvOnly: true }),
  col('id', { csvOnly: true }),
];

// ---------------------------------------------------------------------------------------------
// Cells

const EMPTY: Cell = { text: '', csv: '', sort: null };
const textCell = (text: string | undefined, sort: string | number | null = text ?? null): Cell =>
  text === undefined || text === '' ? EMPTY : { text, csv: text, sort };
/** A curator's note, marked where it stays in the record's English. */
const noteCell = (note: LocalText | undefined): Cell =>
  note?.lang ? { ...textCell(note.text), lang: note.lang } : textCell(note?.text);

/** Formats a number both ways: grouped for the screen, plain for the CSV (and a percentage likewise). */
type NumberFormat = (n: number) => string;

interface Formats {
  screen: NumberFormat;
  csv: NumberFormat;
}

/** A cell whose wording contains numbers: written once per format. */
function wordedCell(write: (n: NumberFormat) => string, sort: number | null, f: Formats): Cell {
  const text = write(f.screen);
  return text === '' ? EMPTY : { text, csv: write(f.csv), sort };
}

/** "over 1,000": a count as the source words it. */
function countWords(c: Count | Amount, n: NumberFormat, w: Wording): string {
  return typeof c === 'number' ? n(c) : w.qualified(c.qualifier, n(c.value));
}

function countCell(c: Count | undefined, w: Wording, f: Formats): Cell {
  return c === undefined ? EMPTY : wordedCell((n) => countWords(c, n, w), countValue(c), f);
}

/** A sum of stated counts, naming the qualified ones it includes; empty where none is stated. */
function sumCell(counts: (Count | undefined)[], w: Wording, f: Formats): Cell {
  const given = counts.filter((c): c is Count => c !== undefined);
  if (given.length === 0) return EMPTY;
  const sum = given.reduce<number>((s, c) => s + countValue(c), 0);
  const qualified = given.filter((c) => typeof c !== 'number');
  return wordedCell(
    (n) =>
      qualified.length
        ? w.including(
            n(sum),
            qualified.map((c) => countWords(c, n, w)),
          )
        : n(sum),
    sum,
    f,
  );
}

const CLAIM_PARTS = ['destroyed', 'probable', 'damaged'] as const;

/** "14–5–6" as the sources write claims, or the parts the record states: "over 30 destroyed". */
function claimsCell(claims: Claims | undefined, w: Wording, f: Formats): Cell {
  if (!claims || CLAIM_PARTS.every((p) => claims[p] === undefined)) return EMPTY;
  const write = (n: NumberFormat) => {
    const parts = CLAIM_PARTS.map((p) => claims[p]);
    const text = parts.every((c) => c !== undefined)
      ? parts.map((c) => countWords(c!, n, w)).join('–')
      : CLAIM_PARTS.flatMap((p) => (claims[p] === undefined ? [] : [w.claimPart(p, countWords(claims[p]!, n, w))])).join(', ');
    return claims.claimant ? `${text} (${claims.claimant})` : text;
  };
  return wordedCell(write, countValue(claims.destroyed), f);
}

/** Claims summed over forces and joint figures: destroyed–probable–damaged. */
function claimsSumCell(all: (Claims | undefined)[], w: Wording, f: Formats): Cell {
  const given = all.filter((c): c is Claims => c !== undefined && CLAIM_PARTS.some((p) => c[p] !== undefined));
  if (given.length === 0) return EMPTY;
  const counts = CLAIM_PARTS.map((p) => given.flatMap((c) => (c[p] === undefined ? [] : [c[p]!])));
  const sums = counts.map((cs) => cs.reduce<number>((s, c) => s + countValue(c), 0));
  const qualified = CLAIM_PARTS.flatMap((p, i) =>
    counts[i]!.filter((c) => typeof c !== 'number').map((c) => ({ part: p, count: c })),
  );
  return wordedCell(
    (n) => {
      // "a–b–c" only where each part is stated somewhere: a part no record states is not a 0.
      const text = counts.every((cs) => cs.length > 0)
        ? sums.map(n).join('–')
        : CLAIM_PARTS.flatMap((p, i) => (counts[i]!.length ? [w.claimPart(p, n(sums[i]!))] : [])).join(', ');
      return qualified.length
        ? w.including(
            text,
            qualified.map((q) => w.claimPart(q.part, countWords(q.count, n, w))),
          )
        : text;
    },
    sums[0]!,
    f,
  );
}

function sourceText(source: Source, records: CampaignFile, w: Wording): string {
  const sources = records.campaign.sources;
  const pub = sources.find((s) => s.id === source.ref);
  const cited = source.cites ? sources.find((s) => s.id === source.cites) : undefined;
  const title = pub?.title ?? source.ref;
  const citedText = cited
    ? `${cited.author ? `${cited.author}, ` : ''}${cited.title}${cited.citedAs ? ` ${cited.citedAs}` : ''}`
    : '';
  const text = citedText ? w.citing(title, citedText) : title;
  return source.page ? `${text}, ${w.page(source.page)}` : text;
}

function targetsText(targets: Target[], records: CampaignFile, n: NumberFormat, w: Wording, names: RecordNames): string {
  return targets
    .map((t) => {
      const place = t.place === undefined ? undefined : records.places.find((p) => p.id === t.place);
      const name =
        (place && names.place(place)) ?? (t.label === undefined ? undefined : names.targetLabel(t.label)) ?? t.place ?? '';
      const kind = w.term('targetKind', t.kind);
      return `${name} (${t.aircraft === undefined ? kind : `${kind}, ${countWords(t.aircraft, n, w)}`})`;
    })
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Totals

/** What a force counts as dispatched: the stated number, else effective plus aborted; null where no strength is stated. */
function dispatchedParts(f: Force): Count[] | null {
  if (f.dispatched !== undefined) return [f.dispatched];
  const parts = [f.effective, f.aborted].filter((c): c is Count => c !== undefined);
  return parts.length ? parts : null;
}

/** Aircraft credited to the primary targets: target by target where the record breaks it down, else the stated effective. */
function effectiveOnPrimaryParts(f: Force): Count[] {
  const primaries = f.targets.filter((t) => t.kind === 'primary' && t.aircraft !== undefined).map((t) => t.aircraft!);
  if (primaries.length) return primaries;
  return f.effective === undefined ? [] : [f.effective];
}

interface Figured {
  claims?: Claims;
  losses?: Force['losses'];
  casualties?: Force['casualties'];
}

/** The total cells of a set of missions: forces' own figures plus their joint figures. */
function totalCells(
  missions: Mission[],
  w: Wording,
  f: Formats,
): { cells: Map<ColumnKey, Cell>; totals: Totals; unstated: number } {
  const forces = missions.flatMap((m) => m.forces);
  const figured: Figured[] = [...forces, ...missions.flatMap((m) => m.jointFigures)];
  const dispatched = forces.map(dispatchedParts);
  const unstated = dispatched.filter((d) => d === null).length;
  const dispatchedCounts = dispatched.flatMap((d) => d ?? []);
  const effective = forces.flatMap(effectiveOnPrimaryParts);
  const losses = (k: 'lost' | 'damagedBeyondRepair' | 'damaged') => figured.map((x) => x.losses?.[k]);
  const casualties = (k: 'kia' | 'wia' | 'mia') => figured.map((x) => x.casualties?.[k]);
  const sum = (cs: (Count | undefined)[]) => cs.reduce<number>((s, c) => s + countValue(c), 0);
  const claims = figured.map((x) => x.claims);
  const cells = new Map<ColumnKey, Cell>([
    ['dispatched', sumCell(dispatchedCounts, w, f)],
    ['effectiveOnPrimary', sumCell(effective, w, f)],
    ['lost', sumCell(losses('lost'), w, f)],
    ['damagedBeyondRepair', sumCell(losses('damagedBeyondRepair'), w, f)],
    ['damaged', sumCell(losses('damaged'), w, f)],
    ['claims', claimsSumCell(claims, w, f)],
    ['kia', sumCell(casualties('kia'), w, f)],
    ['wia', sumCell(casualties('wia'), w, f)],
    ['mia', sumCell(casualties('mia'), w, f)],
  ]);
  const totals: Totals = {
    dispatched: sum(dispatchedCounts),
    effective: sum(effective),
    lost: sum(losses('lost')),
    damagedBeyondRepair: sum(losses('damagedBeyondRepair')),
    damaged: sum(losses('damaged')),
    claimsDestroyed: sum(claims.map((c) => c?.destroyed)),
    claimsProbable: sum(claims.map((c) => c?.probable)),
    claimsDamaged: sum(claims.map((c) => c?.damaged)),
    kia: sum(casualties('kia')),
    wia: sum(casualties('wia')),
    mia: sum(casualties('mia')),
  };
  return { cells, totals, unstated };
}

function jointFiguresText(m: Mission, n: NumberFormat, w: Wording, names: RecordNames): string {
  return m.jointFigures
    .map((j) => {
      const parts: string[] = [];
      const claims = claimsCell(j.claims, w, { screen: n, csv: n });
      if (claims.text) parts.push(w.figure('claims', claims.text));
      for (const k of ['lost', 'damagedBeyondRepair', 'damaged'] as const)
        if (j.losses?.[k] !== undefined) parts.push(w.figure(k, countWords(j.losses[k], n, w)));
      for (const k of ['kia', 'wia', 'mia'] as const)
        if (j.casualties?.[k] !== undefined) parts.push(w.figure(k, countWords(j.casualties[k], n, w)));
      const label = names.jointFigure(j);
      return parts.length ? `${label}: ${parts.join(', ')}` : label;
    })
    .join('; ');
}

function statedTotalsText(m: Mission, n: NumberFormat, w: Wording): string {
  const t = m.statedTotals;
  if (!t) return '';
  return (['aircraft', 'bombers', 'fighters'] as const)
    .flatMap((g) =>
      (['dispatched', 'lost'] as const).flatMap((k) => {
        const c = t[g]?.[k];
        return c === undefined ? [] : [w.statedTotal(g, k, countWords(c, n, w), countValue(c))];
      }),
    )
    .join(', ');
}

/** "8.6%", "over 1,000", "50%" for a fraction of 0.5: a period figure as the source words it (cf. formatMetricValue). */
function metricValueText(m: Metric, n: NumberFormat, percent: NumberFormat, w: Wording): string {
  const v = countValue(m.value);
  const number = m.unit === '%' ? percent(v) : m.unit === 'fraction' ? percent(+(v * 100).toFixed(1)) : n(v);
  return typeof m.value === 'number' ? number : w.qualified(m.value.qualifier, number);
}

/** "1944-02-19 23:00 +01:00": an instant as the record states it, on the campaign's clock, without the ISO punctuation. */
const instantText = (iso: string) => {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!m) return iso;
  const seconds = m[3] && !/^:00(\.0*)?$/.test(m[3]) ? m[3] : '';
  return `${m[1]} ${m[2]}${seconds} ${m[4]}`;
};

// ---------------------------------------------------------------------------------------------
// Tables

function row(key: string, columns: Column[], cells: Partial<Record<ColumnKey, Cell>>, totals?: Totals): TableRow {
  return { key, cells: columns.map((c) => cells[c.key] ?? EMPTY), ...(totals ? { totals } : {}) };
}

/** Every table of a campaign, in record order. */
export function buildTables(records: CampaignFile, w: Wording = ENGLISH, names: RecordNames = RECORD_NAMES): CampaignTables {
  const f: Formats = { screen: w.number, csv: (n) => String(n) };
  const periodCell = (p: Period, i: number): Cell => {
    const label = names.periodLabel(p);
    return { text: label, csv: label, sort: i };
  };
  const sourceCell = (s: Source) => textCell(sourceText(s, records, w));
  const quoteCell = (s: Source) => textCell(s.quote);

  const forces: TableRow[] = [];
  const missions: TableRow[] = [];
  const periods: TableRow[] = [];
  const figures: TableRow[] = [];
  const metricRow = (m: Metric, p: Period | undefined, period: Cell, key: string) => {
    const shownUnit = m.unit === '%' || m.unit === 'fraction' ? undefined : m.unit;
    const v = countValue(m.value);
    figures.push(
      row(key, FIGURE_COLUMNS, {
        period,
        figure: textCell(names.metricLabel(p, m)),
        value: {
          // A fraction shows as a percentage, as the figures panel shows it.
          text: metricValueText(m, f.screen, w.percent, w),
          csv: metricValueText(m, f.csv, (p) => `${p}%`, w),
          sort: m.unit === 'fraction' ? v * 100 : v,
        },
        unit: textCell(shownUnit && names.unit(shownUnit)),
        side: textCell(m.side && w.term('side', m.side)),
        account: textCell(m.account && names.account(m.account)),
        covers: textCell(m.start ? (m.end && m.end !== m.start ? `${m.start} – ${m.end}` : m.start) : m.end),
        note: noteCell(names.note(m)),
        source: sourceCell(m.source),
        quote: quoteCell(m.source),
        id: textCell(m.key),
      }),
    );
  };

  records.periods.forEach((p, pi) => {
    const period = periodCell(p, pi);
    for (const m of p.missions) {
      const missionLabel = names.mission(m);
      const mission = { text: missionLabel, csv: missionLabel, sort: missionLabel };
      for (const force of m.forces)
        forces.push(
          row(force.id, FORCE_COLUMNS, {
            period,
            mission,
            airForce: textCell(m.airForce),
            force: textCell(names.force(force) ?? force.id),
            role: textCell(w.term('role', force.role)),
            aircraft: textCell(force.aircraft),
            dispatched: countCell(force.dispatched, w, f),
            effective: countCell(force.effective, w, f),
            aborted: countCell(force.aborted, w, f),
            lost: countCell(force.losses?.lost, w, f),
            damagedBeyondRepair: countCell(force.losses?.damagedBeyondRepair, w, f),
            damaged: countCell(force.losses?.damaged, w, f),
            claims: claimsCell(force.claims, w, f),
            kia: countCell(force.casualties?.kia, w, f),
            wia: countCell(force.casualties?.wia, w, f),
            mia: countCell(force.casualties?.mia, w, f),
            targets: wordedCell((n) => targetsText(force.targets, records, n, w, names), force.targets.length, f),
            outcome: textCell(w.term('outcome', force.outcome)),
            payload: force.payload
              ? wordedCell(
                  (n) => `${countWords(force.payload!.amount, n, w)} ${names.unit(force.payload!.unit)}`,
                  countValue(force.payload.amount),
                  f,
                )
              : EMPTY,
            schematic: textCell(force.schematic.map((a) => w.term('aspect', a)).join(', ')),
            source: sourceCell(force.source),
            quote: quoteCell(force.source),
            note: noteCell(names.note(force)),
            id: textCell(force.id),
          }),
        );
      const { cells, totals, unstated } = totalCells([m], w, f);
      missions.push(
        row(
          m.id,
          MISSION_COLUMNS,
          {
            period,
            mission,
            missionNumber: m.number === undefined ? EMPTY : wordedCell((n) => n(m.number!), m.number, f),
            airForce: textCell(m.airForce),
            missionKind: textCell(w.term('missionKind', m.kind)),
            date: textCell(m.date),
            forceCount: wordedCell((n) => n(m.forces.length), m.forces.length, f),
            ...Object.fromEntries(cells),
            jointFigures: wordedCell((n) => jointFiguresText(m, n, w, names), m.jointFigures.length, f),
            statedTotals: wordedCell((n) => statedTotalsText(m, n, w), m.statedTotals ? 1 : null, f),
            totalsNote: textCell(unstated ? w.unstatedStrength(unstated) : undefined),
            source: sourceCell(m.source),
            quote: quoteCell(m.source),
            note: noteCell(names.note(m)),
            id: textCell(m.id),
          },
          totals,
        ),
      );
    }
    if (p.missions.length > 0) {
      const { cells, totals, unstated } = totalCells(p.missions, w, f);
      const forceCount = p.missions.reduce((s, m) => s + m.forces.length, 0);
      periods.push(
        row(
          p.id,
          PERIOD_COLUMNS,
          {
            period,
            periodStart: textCell(instantText(p.start)),
            periodEnd: textCell(instantText(p.end)),
            missionCount: wordedCell((n) => n(p.missions.length), p.missions.length, f),
            forceCount: wordedCell((n) => n(forceCount), forceCount, f),
            ...Object.fromEntries(cells),
            totalsNote: textCell(unstated ? w.unstatedStrength(unstated) : undefined),
            id: textCell(p.id),
          },
          totals,
        ),
      );
    }
    for (const m of p.metrics) metricRow(m, p, period, `${p.id}/${m.key}`);
  });
  const campaignWide: Cell = { text: w.wholeCampaign, csv: w.wholeCampaign, sort: records.periods.length };
  for (const m of records.metrics) metricRow(m, undefined, campaignWide, `campaign/${m.key}`);

  return {
    forces: { id: 'forces', columns: FORCE_COLUMNS, rows: forces },
    missions: { id: 'missions', columns: MISSION_COLUMNS, rows: missions },
    periods: { id: 'periods', columns: PERIOD_COLUMNS, rows: periods },
    'period-figures': { id: 'period-figures', columns: FIGURE_COLUMNS, rows: figures },
  };
}

// ---------------------------------------------------------------------------------------------
// Sorting, filtering, CSV

export type SortDirection = 'ascending' | 'descending';

/**
 * Rows sorted by one column; nothing stated sorts last either way, and equal keys keep record
 * order, so a second sort never shuffles what the first one ordered.
 */
export function sortRows(rows: TableRow[], column: number, direction: SortDirection, locale = 'en-GB'): TableRow[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = a.r.cells[column]?.sort ?? null;
      const y = b.r.cells[column]?.sort ?? null;
      if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return c === 0 ? a.i - b.i : sign * c;
    })
    .map(({ r }) => r);
}

/** Rows with every word of `query` somewhere in their shown cells (case- and accent-insensitive). */
export function filterRows(table: Table, rows: TableRow[], query: string): TableRow[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  const shown = table.columns.flatMap((c, i) => (c.csvOnly ? [] : [i]));
  return rows.filter((r) => {
    const text = fold(shown.map((i) => r.cells[i]!.text).join('\u0000'));
    return words.every((word) => text.includes(word));
  });
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula; a record
 * file can come from anywhere, so such a cell gets a leading apostrophe (OWASP's advice).
 */
function neutralise(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  const field = neutralise(value);
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * RFC 4180 text: a header row, CRLF after every record, and a UTF-8 byte-order mark so that
 * Excel reads accented names (Mönchengladbach, Schweinfurt–Regensburg) as UTF-8.
 */
export function toCsv(header: string[], records: string[][]): string {
  return '\uFEFF' + [header, ...records].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

/** A table (or some of its rows, as filtered and sorted) as CSV, every column including the CSV-only ones. */
export function tableCsv(
  table: Table,
  heading: (key: ColumnKey) => string = (k) => ENGLISH_COLUMNS[k],
  rows = table.rows,
): string {
  return toCsv(
    table.columns.map((c) => heading(c.key)),
    rows.map((r) => r.cells.map((c) => c.csv)),
  );
}

/** "big-week-1944-forces.csv": campaign ids are lower-case letters, digits and hyphens already. */
export function csvFileName(campaignId: string, table: TableId): string {
  return `${campaignId}-${table}.csv`;
}
