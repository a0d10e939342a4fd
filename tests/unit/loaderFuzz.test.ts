/**
 * Fuzzing the campaign loader: whatever a visitor opens, loadCampaignText / loadCampaignJson
 * either accept it or return problems, each naming the file and a JSON path (in the form the
 * problems panel highlights); they never throw. When they accept a file, compiling it for the
 * scene does not throw either, and draws no more than the loader's estimate allowed for.
 *
 * Seeded, so a failure reproduces: the seed is in the failure message; run again with
 * FUZZ_SEED=<seed> (and FUZZ_RUNS=<n> for a longer hunt).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { estimateScene, loadCampaignJson, loadCampaignText, type LoadResult } from '../../src/records/load.ts';
import { splitProblem } from '../../src/overlays/ProblemsPanel.tsx';
import { createFigureModel } from '../../src/timeline/periodFigures.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 19_440_220);
/** Scales every property's runs: the defaults keep the whole file near ten seconds on a slow machine. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const FILE = 'fuzz.json';
/** Per test: the runs take a few seconds at the defaults; FUZZ_RUNS scales them. */
const TIMEOUT_MS = 30_000 * RUNS;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')) as Json;
const bigWeek = read('big-week-1944.json') as { periods: Json[] } & Record<string, Json>;
const contextRaids = read('context-raids-1943-44.json');
const korea = read('korea-1951-strangle.json') as { periods: Json[] } & Record<string, Json>;
/** One day of Big Week: small enough to compile in milliseconds, with every kind of record in it. */
const bigWeekDay = (i: number): Json => ({ ...bigWeek, periods: [bigWeek.periods[i % bigWeek.periods.length]!] });

/** The loader's contract, checked on one result; compiles what it accepts, as the app does. */
function holdsContract(result: LoadResult): void {
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      const { file, path } = splitProblem(FILE, p);
      if (file !== FILE || path === null) throw new Error(`not "file: JSON path: reason": ${p.slice(0, 300)}`);
    }
    return;
  }
  const { records } = result;
  const plan = compileFlightPlan(records, THEATRES[records.campaign.theatre]);
  createFigureModel(records, plan);
  const estimate = estimateScene(records).aircraft.reduce((sum, part) => sum + part.n, 0);
  if (plan.instances.count > estimate) throw new Error(`drew ${plan.instances.count} aircraft, estimated at most ${estimate}`);
}

function fuzz<T>(arbitrary: fc.Arbitrary<T>, runs: number, check: (value: T) => void): void {
  try {
    fc.assert(
      fc.property(arbitrary, (value) => check(value)),
      { seed: SEED, numRuns: Math.max(1, Math.round(runs * RUNS)) },
    );
  } catch (e) {
    // fast-check's own report has the seed too; this line says how to use it.
    throw new Error(
      `loader fuzz failed with seed ${SEED} (rerun: FUZZ_SEED=${SEED} npx vitest run tests/unit/loaderFuzz.test.ts)\n${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
      },
    );
  }
}

// ---- Mutations of real files ------------------------------------------------------------------

type Mutation =
  | { kind: 'delete' }
  | { kind: 'replace'; value: Json }
  | { kind: 'deep'; levels: number }
  | { kind: 'long'; length: number }
  | { kind: 'duplicate' }
  | { kind: 'wrap' };

const oddNumbers = fc.constantFrom(1e308, -1, -0, 0, 0.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 10_000_000, 1e9, 1e-7);
const oddStrings = fc.constantFrom(
  '',
  'x',
  '<img src=x onerror=alert(1)>',
  '1944-02-30T25:61:00+01:00',
  '1944-02-20T12:00:00+01:00',
  '9999-12-31',
  '0001-01-01',
  'korea-1951',
  'europe-1944',
  'nowhere',
  '__proto__',
  'constructor',
  'about',
  'recalled',
  'escort',
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'replace' as const, value: value as Json })) },
  {
    weight: 3,
    arbitrary: fc.oneof(oddNumbers, fc.integer({ min: 0, max: 2000 })).map((value) => ({ kind: 'replace' as const, value })),
  },
  { weight: 2, arbitrary: oddStrings.map((value) => ({ kind: 'replace' as const, value })) },
  // Up to 1,000 levels: the harness's own JSON.stringify recurses (importLimits.test.ts nests text 100,000 deep).
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 1000 }).map((levels) => ({ kind: 'deep' as const, levels })) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 100_000 }).map((length) => ({ kind: 'long' as const, length })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'duplicate' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) },
);
const mutations = fc.array(fc.record({ at: fc.nat(), mutation }), { minLength: 1, maxLength: 4 });

/** Every place a value sits in `root`: its container and its key. */
function slots(root: Json): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length) {
    const v = stack.pop()!;
    if (Array.isArray(v))
      v.forEach((child, i) => {
        out.push({ parent: v, key: i });
        stack.push(child);
      });
    else if (v !== null && typeof v === 'object')
      for (const [k, child] of Object.entries(v)) {
        out.push({ parent: v, key: k });
        stack.push(child);
      }
  }
  return out;
}

function mutate(base: Json, edits: { at: number; mutation: Mutation }[]): Json {
  const root = structuredClone(base);
  for (const { at, mutation: m } of edits) {
    const all = slots(root);
    if (all.length === 0) break;
    const { parent, key } = all[at % all.length]!;
    const get = (): Json => (Array.isArray(parent) ? parent[key as number]! : parent[key as string]!);
    const set = (v: Json) => (Array.isArray(parent) ? (parent[key as number] = v) : (parent[key as string] = v));
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'replace':
        set(m.value);
        break;
      case 'deep': {
        let v = get();
        for (let i = 0; i < m.levels; i++) v = [v];
        set(v);
        break;
      }
      case 'long':
        set('Ab<c> "d"\\ é 平壤 '.repeat(Math.ceil(m.length / 18)).slice(0, m.length));
        break;
      case 'duplicate':
        // The same value twice, not a copy: structuredClone recurses, and a 'deep' value would overflow it.
        if (Array.isArray(parent)) parent.push(get());
        else parent[`${String(key)}2`] = get();
        break;
      case 'wrap':
        set([get()]);
        break;
    }
  }
  return root;
}

const COUNT_FIELDS = new Set([
  'dispatched',
  'effective',
  'aborted',
  'lost',
  'damaged',
  'damagedBeyondRepair',
  'destroyed',
  'aircraft',
]);

describe('the campaign loader under fuzzing', () => {
  it(
    'answers any JSON value with records or with located problems',
    () => {
      fuzz(fc.jsonValue({ maxDepth: 6 }), 300, (value) => {
        holdsContract(loadCampaignJson(FILE, value));
        holdsContract(loadCampaignText(FILE, JSON.stringify(value)));
      });
    },
    TIMEOUT_MS,
  );

  it(
    'answers anything JSON can carry, and text that is not JSON',
    () => {
      const asText = fc
        .anything({ maxDepth: 4, withBigInt: false, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true })
        .map((v) => {
          try {
            return JSON.stringify(v) ?? 'undefined';
          } catch {
            return String(v);
          }
        });
      const brackets = fc.string({
        unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', ',', ':', '1', 'a', ' ', '\n'),
        maxLength: 400,
      });
      fuzz(fc.oneof(asText, brackets, fc.string({ unit: 'binary' })), 200, (text) => {
        const result = loadCampaignText(FILE, text);
        holdsContract(result);
        if (text.trim() === '' || text.startsWith('"')) expect(result.ok).toBe(false);
      });
    },
    TIMEOUT_MS,
  );

  it(
    'answers mutated days of Big Week, compiling what it accepts',
    () => {
      let accepted = 0;
      fuzz(fc.tuple(fc.nat(), mutations, fc.boolean()), 120, ([day, edits, viaText]) => {
        const file = mutate(bigWeekDay(day), edits);
        const result = viaText ? loadCampaignText(FILE, JSON.stringify(file)) : loadCampaignJson(FILE, file);
        if (result.ok) accepted++;
        holdsContract(result);
      });
      // Worth something only if some mutated files got through to the compiler.
      expect(accepted).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'compiles months of the Korean campaign with their figures changed',
    () => {
      // The scene draws sorties, losses, cuts and trains from these metrics; the first two months
      // compile in a fraction of a second each (the whole campaign takes a second).
      const amounts = fc.oneof(
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.record({ value: fc.integer({ min: 0, max: 5000 }), qualifier: fc.constantFrom('about', 'over', 'at least') }),
      );
      let accepted = 0;
      fuzz(
        fc.tuple(fc.integer({ min: 0, max: 1 }), fc.array(fc.tuple(fc.nat(), amounts), { minLength: 1, maxLength: 5 })),
        6,
        ([month, edits]) => {
          const file = structuredClone({ ...korea, periods: [korea.periods[month]!] }) as Json;
          const values = slots(file).filter(({ parent, key }) => key === 'value' && 'key' in parent);
          for (const [at, value] of edits) {
            const { parent } = values[at % values.length]!;
            (parent as Record<string, Json>).value = value;
          }
          const result = loadCampaignJson(FILE, file);
          if (result.ok) accepted++;
          holdsContract(result);
        },
      );
      expect(accepted).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'answers mutations of whole files',
    () => {
      fuzz(fc.tuple(fc.boolean(), mutations), 24, ([whole, edits]) => {
        holdsContract(loadCampaignJson(FILE, mutate(whole ? bigWeek : contextRaids, edits)));
      });
    },
    TIMEOUT_MS,
  );

  it(
    'compiles figures changed to any count the schema allows',
    () => {
      // Values the schema accepts, so that most files get through to the compiler.
      const counts = fc.oneof(
        fc.integer({ min: 0, max: 3000 }),
        fc.record({ value: fc.integer({ min: 0, max: 3000 }), qualifier: fc.constantFrom('about', 'over', 'at most') }),
      );
      let accepted = 0;
      fuzz(fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), counts), { minLength: 1, maxLength: 6 })), 60, ([day, edits]) => {
        const file = structuredClone(bigWeekDay(day));
        const targets = slots(file).filter(({ key }) => COUNT_FIELDS.has(String(key)));
        for (const [at, value] of edits) {
          const { parent, key } = targets[at % targets.length]!;
          (parent as Record<string, Json>)[key as string] = value;
        }
        const result = loadCampaignJson(FILE, file);
        if (result.ok) accepted++;
        holdsContract(result);
      });
      // The property is only worth something if the compiler saw some of these files.
      expect(accepted).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
