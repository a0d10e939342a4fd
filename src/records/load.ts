/**
 * Text of a campaign file → validated records, or every problem with its JSON path.
 * Shared by the app, `npm run validate` and the tests, so all report the same messages.
 *
 * A file may come from anyone (a visitor drops it on the page), so every step is bounded before
 * it runs: size before reading, nesting before parsing, list lengths before validating, and the
 * aircraft the scene would draw before compiling. A file past a limit gets a message, not a hang.
 */
import type { z } from 'zod';
import { countValue } from './counts.ts';
import { crossCheck } from './crossCheck.ts';
import { issueToProblem } from './issues.ts';
import { formatPath, formatProblem, type Problem } from './problems.ts';
import { CampaignFile, Qualifier } from './schema.ts';

const QUALIFIERS = Qualifier.options.map((q) => `"${q}"`).join(' | ');

/** Largest file accepted, in bytes (UTF-8). The largest bundled file, Big Week, is 0.2 MB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Deepest nesting of arrays and objects; the format itself needs 10 levels. */
export const MAX_DEPTH = 40;
/** Longest list anywhere in a file (places, metrics, a railway's path), and most forces in one file. */
export const MAX_ITEMS = 20_000;
/**
 * Shorter limits for the lists the compiler walks inside one another (each period over every
 * force, each joint figure over its mission's forces), so that the product stays small. Big
 * Week's longest are 7 periods, 21 places on a route, 11 targets and 6 forces to a mission.
 * `forces` is both a mission's forces and those a joint figure names.
 */
export const LIST_LIMITS: Readonly<Record<string, number>> = {
  periods: 1_000,
  forces: 250,
  jointFigures: 250,
  route: 250,
  targets: 250,
  escorting: 250,
};
/** Most aircraft the scene may draw for one file (the Korean campaign draws about 79,000). */
export const MAX_AIRCRAFT = 200_000;
/** Longest campaign, in days: the scene and the timeline do some work per day. */
export const MAX_CAMPAIGN_DAYS = 7_305;

export type LoadResult =
  { ok: true; file: string; records: CampaignFile; discrepancies: string[] } | { ok: false; file: string; problems: string[] };

const fail = (file: string, problems: Problem[]): LoadResult => ({
  ok: false,
  file,
  problems: problems.map((p) => formatProblem(file, p)),
});

/** `big.json: (root): file is 6.3 MB (6,606,028 bytes); the limit is 5 MB (5,242,880 bytes)`; bytes unknown: "larger than". */
export function oversizeProblem(file: string, bytes?: number): string {
  const size = bytes === undefined ? 'larger than the limit' : `${megabytes(bytes)} (${bytes.toLocaleString('en')} bytes)`;
  return formatProblem(file, {
    path: [],
    severity: 'error',
    message: `file is ${size}; the limit is ${megabytes(MAX_FILE_BYTES)} (${MAX_FILE_BYTES.toLocaleString('en')} bytes)`,
  });
}

/** True when a file of this many bytes is refused before it is read. */
export function isOversize(bytes: number): boolean {
  return bytes > MAX_FILE_BYTES;
}

export function loadCampaignText(file: string, text: string): LoadResult {
  const bytes = utf8Bytes(text, MAX_FILE_BYTES);
  if (bytes > MAX_FILE_BYTES) return { ok: false, file, problems: [oversizeProblem(file, bytes)] };

  // Before JSON.parse: some engines parse recursively, and a deep file would exhaust the stack.
  const deep = tooDeepInText(text, MAX_DEPTH);
  if (deep) return fail(file, [{ path: deep, severity: 'error', message: `nested deeper than ${MAX_DEPTH} levels` }]);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(file, [{ path: [], severity: 'error', message: `not valid JSON: ${jsonErrorWhere(text, e)}` }]);
  }
  return loadCampaignJson(file, json);
}

export function loadCampaignJson(file: string, json: unknown): LoadResult {
  const shape = checkShape(json);
  if (shape) return fail(file, [shape]);

  const parsed = CampaignFile.safeParse(json);
  if (!parsed.success)
    return fail(
      file,
      parsed.error.issues.map((issue) => issueToProblem(issue, recordWording)),
    );

  const budget = checkBudget(parsed.data);
  const found = crossCheck(parsed.data);
  const errors = [...budget, ...found.filter((p) => p.severity === 'error')];
  // Errors first: they are what stops the file; discrepancies follow for completeness.
  if (errors.length > 0) return fail(file, [...errors, ...found.filter((p) => p.severity !== 'error')]);
  return {
    ok: true,
    file,
    records: parsed.data,
    discrepancies: found.map((p) => formatProblem(file, p)),
  };
}

/** The records' own wording: Count and Amount are the only unions in the format. */
const recordWording = (issue: z.core.$ZodIssue): string | undefined =>
  issue.code === 'invalid_union'
    ? `${JSON.stringify(issue.input)?.slice(0, 60) ?? 'value'} is neither a non-negative number nor {"value": n, "qualifier": ${QUALIFIERS}}`
    : undefined;

function jsonErrorWhere(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const pos = Number(at[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** UTF-8 length of `text` (the file's size); only measured when it could exceed `limit`. */
function utf8Bytes(text: string, limit: number): number {
  // Each UTF-16 unit is one to three bytes: a short text needs no measuring. A Blob measures natively.
  return text.length * 3 <= limit ? text.length : new Blob([text]).size;
}

type Path = (string | number)[];

/**
 * JSON path of the first array or object nested deeper than `limit` in JSON text, in one pass
 * over the characters and without recursion; null when none is. Text that is not JSON is left
 * to JSON.parse to report.
 */
function tooDeepInText(text: string, limit: number): Path | null {
  // Open containers: for an array the index of the current element, for an object the text of
  // the current key (as written, decoded only if it is reported).
  const open: { array: boolean; index: number; keyFrom: number; keyTo: number }[] = [];
  let stringFrom = -1;
  let stringTo = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x22: {
        // A string: skip to its closing quote, past escapes.
        stringFrom = i;
        i++;
        while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
        stringTo = i + 1;
        break;
      }
      case 0x3a: {
        const top = open[open.length - 1];
        if (top && !top.array) [top.keyFrom, top.keyTo] = [stringFrom, stringTo];
        break;
      }
      case 0x2c: {
        const top = open[open.length - 1];
        if (top?.array) top.index++;
        break;
      }
      case 0x5b:
      case 0x7b:
        if (open.length >= limit) return open.map((o) => (o.array ? o.index : decodeKey(text.slice(o.keyFrom, o.keyTo))));
        open.push({ array: c === 0x5b, index: 0, keyFrom: 0, keyTo: 0 });
        break;
      case 0x5d:
      case 0x7d:
        open.pop();
        break;
    }
  }
  return null;
}

function decodeKey(raw: string): string {
  try {
    const key: unknown = JSON.parse(raw);
    return typeof key === 'string' ? key : raw;
  } catch {
    return raw;
  }
}

/**
 * The first value nested deeper than MAX_DEPTH or list longer than allowed, walked without
 * recursion (a hostile value could be deep), before the schema spends time on it; null if none.
 */
function checkShape(root: unknown): Problem | null {
  interface Node {
    value: unknown;
    key: string | number | null;
    parent: Node | null;
    depth: number;
  }
  const pathOf = (node: Node): Path => {
    const path: Path = [];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value: root, key: null, parent: null, depth: 0 }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (value === null || typeof value !== 'object') continue;
    if (node.depth >= MAX_DEPTH)
      return { path: pathOf(node), severity: 'error', message: `nested deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(value)) {
      const limit =
        (typeof node.key === 'string' && Object.hasOwn(LIST_LIMITS, node.key) ? LIST_LIMITS[node.key] : undefined) ?? MAX_ITEMS;
      if (value.length > limit)
        return {
          path: pathOf(node),
          severity: 'error',
          message: `${value.length.toLocaleString('en')} entries; at most ${limit.toLocaleString('en')} are allowed here`,
        };
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node, depth: node.depth + 1 });
    } else {
      const entries = Object.entries(value);
      if (entries.length > MAX_ITEMS)
        return {
          path: pathOf(node),
          severity: 'error',
          message: `${entries.length.toLocaleString('en')} fields; at most ${MAX_ITEMS.toLocaleString('en')} are allowed`,
        };
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node, depth: node.depth + 1 });
    }
  }
  return null;
}

const DAY_MS = 86_400_000;
/** What compile.ts draws for a force whose strength no source states (TOKEN_STRENGTH there). */
const TOKEN_AIRCRAFT = 12;
/** Wagons to a train in the Korean scene (TRAIN_WAGONS in koreaScene.ts); each train adds a locomotive. */
const WAGONS_PER_TRAIN = 20;

/** A figure of the file that makes the scene draw `n` things, and where it is. */
export interface ScenePart {
  path: Path;
  n: number;
}

/**
 * What a schema-valid file would make the scene draw, bounded from above: the forces' strengths,
 * the opposing fighters drawn for their claims and losses, and the aircraft and trains the
 * Korean scene generates from monthly figures. A test holds it against what compileFlightPlan
 * really draws for the bundled files.
 */
export function estimateScene(file: CampaignFile): { forces: number; aircraft: ScenePart[]; vehicles: ScenePart[] } {
  const aircraft: ScenePart[] = [];
  const vehicles: ScenePart[] = [];
  // Rounded up: a fractional figure still draws a whole aircraft (apportioning rounds up remainders).
  const add = (path: Path, n: number, to = aircraft) => {
    if (n > 0) to.push({ path, n: Math.ceil(n) });
  };
  let forces = 0;
  file.periods.forEach((period, pi) => {
    period.missions.forEach((mission, mi) => {
      const mp: Path = ['periods', pi, 'missions', mi];
      mission.forces.forEach((force, fi) => {
        forces++;
        const fp: Path = [...mp, 'forces', fi];
        // As compile.ts's statedStrength: dispatched, else effective plus aborted, else a token.
        if (force.dispatched !== undefined) add([...fp, 'dispatched'], countValue(force.dispatched));
        else if (force.effective !== undefined || force.aborted !== undefined)
          add(
            [...fp, force.effective !== undefined ? 'effective' : 'aborted'],
            countValue(force.effective) + countValue(force.aborted),
          );
        else add(fp, TOKEN_AIRCRAFT);
        // Opposing fighters (attackers.ts): as many as the force claimed, or lost, or its share of the day's.
        add([...fp, 'claims', 'destroyed'], countValue(force.claims?.destroyed));
        add([...fp, 'losses', 'lost'], countValue(force.losses?.lost));
      });
      mission.jointFigures.forEach((joint, ji) => {
        add([...mp, 'jointFigures', ji, 'claims', 'destroyed'], countValue(joint.claims?.destroyed));
        add([...mp, 'jointFigures', ji, 'losses', 'lost'], countValue(joint.losses?.lost));
      });
    });
    period.metrics.forEach((m, k) => {
      if (m.side === 'axis' && /aircraft-lost$/.test(m.key)) add(['periods', pi, 'metrics', k, 'value'], countValue(m.value));
    });
  });
  if (file.campaign.theatre === 'korea-1951') koreaFlows(file, add, vehicles);
  return { forces, aircraft, vehicles };
}

/**
 * What the Korean scene (src/motion/koreaFlows.ts) generates from metrics rather than forces:
 * each month's sorties (stated, or a daily average times the month's days), the MiG divisions'
 * sorties, a token carrier group a month, trains at the rate the transport plan gives, and a
 * token convoy of trucks a night.
 */
function koreaFlows(file: CampaignFile, add: (path: Path, n: number, to?: ScenePart[]) => void, vehicles: ScenePart[]) {
  const everywhere = [
    ...file.metrics.map((m, k) => ({ m, path: ['metrics', k, 'value'] as Path })),
    ...file.periods.flatMap((p, pi) => p.metrics.map((m, k) => ({ m, path: ['periods', pi, 'metrics', k, 'value'] as Path }))),
  ];
  const anyMetric = (key: string) => everywhere.find((e) => e.m.key === key);
  const perDay = anyMetric('feaf-strangle-sorties-per-day');
  const ceiling = anyMetric('q4-wagons-ceiling');
  const window = countValue(anyMetric('q4-compression-window')?.m.value);
  const wagonsPerDay = ceiling && window > 0 ? countValue(ceiling.m.value) / (window * (365.25 / 12)) : 0;
  file.periods.forEach((period, pi) => {
    const days = Math.max(0, Math.ceil((Date.parse(period.end) - Date.parse(period.start)) / DAY_MS)) || 0;
    const k = period.metrics.findIndex((m) => m.key === 'triangle-sorties');
    if (k >= 0) add(['periods', pi, 'metrics', k, 'value'], countValue(period.metrics[k]!.value));
    else if (perDay) add(perDay.path, countValue(perDay.m.value) * days);
    add(['periods', pi], TOKEN_AIRCRAFT);
    // A locomotive to each train, and trains a night rounded up.
    if (ceiling) add(ceiling.path, wagonsPerDay * days * (1 + 1 / WAGONS_PER_TRAIN) + 2 * days, vehicles);
    // A token convoy of trucks a night beside each of the two lines.
    add(['periods', pi], 2 * TOKEN_AIRCRAFT * days, vehicles);
  });
  for (const e of everywhere) if (/^vaf-.+-sorties$/.test(e.m.key)) add(e.path, countValue(e.m.value));
}

/** A schema-valid file the compiler would spend too long on, or too much memory: why, and where. */
function checkBudget(file: CampaignFile): Problem[] {
  const problems: Problem[] = [];
  const error = (path: Path, message: string) => problems.push({ path, message, severity: 'error' });
  const { campaign } = file;
  const days = (Date.parse(`${campaign.end}T00:00:00Z`) - Date.parse(`${campaign.start}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_CAMPAIGN_DAYS)
    error(
      ['campaign', 'end'],
      `the campaign spans ${count(days)} days; at most ${count(MAX_CAMPAIGN_DAYS)} (20 years) are allowed`,
    );
  const scene = estimateScene(file);
  if (scene.forces > MAX_ITEMS)
    error(['periods'], `${count(scene.forces)} forces; at most ${count(MAX_ITEMS)} are allowed in one file`);
  for (const [parts, what] of [
    [scene.aircraft, 'aircraft'],
    [scene.vehicles, 'trains and wagons'],
  ] as const) {
    let total = 0;
    let largest: ScenePart | undefined;
    for (const part of parts) {
      total += part.n;
      if (!largest || part.n > largest.n) largest = part;
    }
    if (!largest) continue;
    if (largest.n > MAX_AIRCRAFT)
      error(
        largest.path,
        `${count(largest.n)} ${what} are more than the scene can draw (at most ${count(MAX_AIRCRAFT)} in one file)`,
      );
    else if (total > MAX_AIRCRAFT)
      error(
        [],
        `the file's figures would put up to ${count(total)} ${what} in the scene; it draws at most ${count(MAX_AIRCRAFT)} in one file (the largest figure is at ${formatPath(largest.path)})`,
      );
  }
  return problems;
}

/** 200,000; an absurd figure in exponent form rather than three hundred digits. */
function count(n: number): string {
  return n < 1e15 ? Math.ceil(n).toLocaleString('en') : n.toExponential(1);
}
