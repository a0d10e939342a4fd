/**
 * The limits that keep a visitor's file from hanging the app (records/load.ts, app/campaigns.ts,
 * app/importFile.ts): each file past one is refused quickly with a message naming the file, the
 * JSON path and the limit; the estimate of what the scene would draw bounds what it does draw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { FileTooLarge, openCampaign, readLimited } from '../../src/app/campaigns.ts';
import { FILE_LIMIT_MB, campaignFileName, fileSource } from '../../src/app/importFile.ts';
import { THEATRES } from '../../src/geo/projection.ts';
import { koreaSceneOf } from '../../src/motion/koreaScene.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { splitProblem } from '../../src/overlays/ProblemsPanel.tsx';
import {
  LIST_LIMITS,
  MAX_AIRCRAFT,
  MAX_DEPTH,
  MAX_FILE_BYTES,
  MAX_ITEMS,
  estimateScene,
  loadCampaignJson,
  loadCampaignText,
} from '../../src/records/load.ts';
import { minimalCampaign } from './fixtures.ts';

const FORCE = 'periods[0].missions[0].forces[0]';
const dataText = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');
const problemsOf = (result: ReturnType<typeof loadCampaignJson>) => (result.ok ? [] : result.problems);

/** Runs `f` and says how long it took, in ms. */
function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
}

describe('file size', () => {
  it('is stated to visitors as the limit the loader applies', () => {
    expect(FILE_LIMIT_MB * 1024 * 1024).toBe(MAX_FILE_BYTES);
  });

  it('refuses a file over the limit before parsing it, saying how big it is', () => {
    const [result, ms] = timed(() => loadCampaignText('huge.json', `[${'1,'.repeat(3_200_000)}1]`));
    expect(problemsOf(result)).toEqual([
      'huge.json: (root): file is 6.1 MB (6,400,003 bytes); the limit is 5 MB (5,242,880 bytes)',
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it('counts bytes as UTF-8, as the file has them, not characters', () => {
    // 3 million two-byte characters: 6 MB on disk, 3 million characters in memory.
    expect(problemsOf(loadCampaignText('umlauts.json', `"${'ü'.repeat(3_000_000)}"`))[0]).toMatch(
      /^umlauts\.json: \(root\): file is 5\.7 MB \(6,000,002 bytes\)/,
    );
    expect(problemsOf(loadCampaignText('umlauts.json', `"${'ü'.repeat(2_000_000)}"`))[0]).toMatch(/expected object/);
  });

  it('refuses a picked file by its size, without reading it', async () => {
    const read = vi.fn(async () => '{}');
    const entry = await openCampaign({ file: 'video.json', size: 80 * 1024 * 1024, read });
    expect(read).not.toHaveBeenCalled();
    expect(entry).toEqual({
      file: 'video.json',
      status: 'invalid',
      problems: ['video.json: (root): file is 80 MB (83,886,080 bytes); the limit is 5 MB (5,242,880 bytes)'],
    });
  });

  it('refuses a fetched file from its Content-Length, and cuts off one that streams past the limit', async () => {
    const declared = new Response('{}', { headers: { 'Content-Length': String(MAX_FILE_BYTES + 1) } });
    await expect(readLimited(declared)).rejects.toEqual(new FileTooLarge(MAX_FILE_BYTES + 1));

    // An endless body: reading must stop soon after the limit, not run out of memory.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1 << 20;
        controller.enqueue(new Uint8Array(1 << 20).fill(0x20));
      },
    });
    await expect(readLimited(new Response(endless))).rejects.toBeInstanceOf(FileTooLarge);
    expect(sent).toBeLessThanOrEqual(MAX_FILE_BYTES + 2 * (1 << 20));

    const entry = await openCampaign({ file: 'stream.json', read: () => Promise.reject(new FileTooLarge()) });
    expect(entry.status === 'invalid' && entry.problems).toEqual([
      'stream.json: (root): file is larger than the limit; the limit is 5 MB (5,242,880 bytes)',
    ]);
  });

  it('reads a fetched file within the limit whole, multi-byte characters across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"name": "Pyŏngyang 평양"}');
    const chunks = [bytes.slice(0, 17), bytes.slice(17, 22), bytes.slice(22)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    expect(await readLimited(new Response(body))).toBe('{"name": "Pyŏngyang 평양"}');
  });
});

describe('nesting', () => {
  it('refuses text nested 100,000 deep before JSON.parse, with the JSON path', () => {
    const [result, ms] = timed(() => loadCampaignText('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expect(problemsOf(result)).toEqual([`deep.json: ${'[0]'.repeat(MAX_DEPTH)}: nested deeper than ${MAX_DEPTH} levels`]);
    expect(ms).toBeLessThan(1000);
  });

  it('names keys and indexes on the way down, and does not count brackets inside strings', () => {
    const deep = `${'['.repeat(MAX_DEPTH)}1${']'.repeat(MAX_DEPTH)}`;
    const text = `{"format": "[[[{{{", "a": [0, {"k[\\"": ${deep}}]}`;
    expect(problemsOf(loadCampaignText('keys.json', text))).toEqual([
      `keys.json: a[1]["k[\\""]${'[0]'.repeat(MAX_DEPTH - 3)}: nested deeper than ${MAX_DEPTH} levels`,
    ]);
    // The same nesting less three levels is fine as far as depth goes (and then not a campaign).
    const shallow = `{"a": ${'['.repeat(MAX_DEPTH - 1)}"]]]]"${']'.repeat(MAX_DEPTH - 1)}}`;
    expect(problemsOf(loadCampaignText('shallow.json', shallow)).join('\n')).not.toMatch(/nested deeper/);
  });
});

describe('list lengths', () => {
  it(`refuses more than ${MAX_ITEMS.toLocaleString('en')} places before validating them`, () => {
    const c = minimalCampaign();
    const place = c.places[1]!;
    c.places = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => ({ ...place, id: `p${i}` }));
    const [result, ms] = timed(() => loadCampaignJson('places.json', c));
    expect(problemsOf(result)).toEqual(['places.json: places: 20,001 entries; at most 20,000 are allowed here']);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses lists the compiler walks inside one another beyond their shorter limits', () => {
    const c = minimalCampaign();
    c.periods[0]!.missions[0]!.forces[0]!.route = Array.from({ length: LIST_LIMITS.route! + 1 }, () => 'base');
    expect(problemsOf(loadCampaignJson('route.json', c))).toEqual([
      `route.json: ${FORCE}.route: 251 entries; at most 250 are allowed here`,
    ]);
  });
});

describe('what the scene would draw', () => {
  it('refuses a force of 10,000,000 aircraft at its figure, without compiling it', async () => {
    const c = minimalCampaign();
    c.periods[0]!.missions[0]!.forces[0]!.dispatched = 10_000_000;
    const text = JSON.stringify(c);
    const t = performance.now();
    const entry = await openCampaign({ file: 'absurd.json', read: async () => text });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(entry.status === 'invalid' && entry.problems[0]).toBe(
      `absurd.json: ${FORCE}.dispatched: 10,000,000 aircraft are more than the scene can draw (at most 200,000 in one file)`,
    );
  });

  it('refuses figures that together go over the limit, naming the largest', () => {
    const c = minimalCampaign();
    const force = c.periods[0]!.missions[0]!.forces[0]!;
    c.periods[0]!.missions[0]!.forces = Array.from({ length: 12 }, (_, i) => ({ ...force, id: `f${i}`, dispatched: 20_000 }));
    const problems = problemsOf(loadCampaignJson('many.json', c));
    expect(problems[0]).toMatch(
      /^many\.json: \(root\): the file's figures would put up to 240,\d{3} aircraft in the scene; it draws at most 200,000 in one file \(the largest figure is at periods\[0\]\.missions\[0\]\.forces\[\d+\]\.dispatched\)$/,
    );
  });

  it('refuses a Korean month whose daily sorties would fill the sky, at that metric', () => {
    const korea = JSON.parse(dataText('korea-1951-strangle.json'));
    const at = korea.metrics.findIndex((m: { key: string }) => m.key === 'feaf-strangle-sorties-per-day');
    korea.metrics[at].value = 100_000;
    expect(problemsOf(loadCampaignJson('korea.json', korea))[0]).toMatch(
      new RegExp(`^korea\\.json: metrics\\[${at}\\]\\.value: [\\d,]+ aircraft are more than the scene can draw`),
    );
  });

  it('refuses a campaign longer than twenty years', () => {
    const c = minimalCampaign();
    c.campaign.end = '1974-02-21';
    expect(problemsOf(loadCampaignJson('long.json', c))[0]).toBe(
      'long.json: campaign.end: the campaign spans 10,961 days; at most 7,305 (20 years) are allowed',
    );
  });

  it('bounds what the compiler draws for every bundled campaign', () => {
    for (const name of ['big-week-1944.json', 'context-raids-1943-44.json', 'korea-1951-strangle.json']) {
      const result = loadCampaignText(name, dataText(name));
      if (!result.ok) throw new Error(result.problems.join('\n'));
      const estimate = estimateScene(result.records);
      const plan = compileFlightPlan(result.records, THEATRES[result.records.campaign.theatre]);
      const aircraft = estimate.aircraft.reduce((sum, p) => sum + p.n, 0);
      const vehicles = estimate.vehicles.reduce((sum, p) => sum + p.n, 0);
      expect(plan.instances.count, name).toBeLessThanOrEqual(aircraft);
      expect(koreaSceneOf(result.records)?.traffic.count ?? 0, name).toBeLessThanOrEqual(vehicles);
      // Within the limit, with room: Korea, the largest, draws about 79,000.
      expect(aircraft, name).toBeLessThan(MAX_AIRCRAFT / 2);
    }
  }, 60_000);
});

describe('files the visitor opens', () => {
  it('are named as the file is, without control characters, and not endlessly', () => {
    expect(campaignFileName('my raid.json')).toBe('my raid.json');
    expect(campaignFileName('a\u0000b\nc.json')).toBe('abc.json');
    expect(campaignFileName('  ')).toBe('campaign.json');
    const long = campaignFileName(`${'x'.repeat(300)}.json`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.json')).toBe(true);
  });

  it('carry their size, so that the size is checked before a byte is read', () => {
    const file = new File(['{}'], 'small.json', { type: 'application/json' });
    expect(fileSource(file)).toMatchObject({ file: 'small.json', size: 2 });
  });
});

describe('problem messages as the panel shows them', () => {
  it('split into file, JSON path and reason, whatever the path holds', () => {
    expect(splitProblem('a.json', 'a.json: periods[0].missions[1].forces[0].losses.lost: 420 exceeds dispatched 417')).toEqual({
      file: 'a.json',
      path: 'periods[0].missions[1].forces[0].losses.lost',
      reason: '420 exceeds dispatched 417',
    });
    expect(splitProblem('a.json', 'a.json: (root): not valid JSON: Unexpected token at line 1, column 2')).toMatchObject({
      path: '(root)',
      reason: 'not valid JSON: Unexpected token at line 1, column 2',
    });
    expect(splitProblem('a.json', 'a.json: places[0]["odd: key"]: unknown field')).toMatchObject({
      path: 'places[0]["odd: key"]',
      reason: 'unknown field',
    });
    // A read error has no path.
    expect(splitProblem('a.json', 'a.json: could not be fetched: HTTP 404')).toEqual({
      file: 'a.json',
      path: null,
      reason: 'could not be fetched: HTTP 404',
    });
  });

  it('keep markup in records as text: an unknown field named like a tag is quoted, not interpreted', () => {
    const c = minimalCampaign() as Record<string, unknown>;
    c['<img src=x onerror=alert(1)>'] = 1;
    const [problem] = problemsOf(loadCampaignJson('tag.json', c));
    expect(splitProblem('tag.json', problem!)).toEqual({
      file: 'tag.json',
      path: '(root)',
      reason: 'unknown field "<img src=x onerror=alert(1)>"',
    });
  });
});
