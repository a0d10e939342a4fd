import { describe, expect, it } from 'vitest';
import { loadCampaignJson, loadCampaignText } from '../../src/records/load.ts';
import { bigWeekJson, bigWeekText, minimalCampaign } from './fixtures.ts';

type Json = ReturnType<typeof minimalCampaign>;
const FORCE = 'periods[0].missions[0].forces[0]';

function problemsOf(edit: (c: Json) => void, file = 'test.json'): string[] {
  const c = minimalCampaign();
  edit(c);
  const result = loadCampaignJson(file, c);
  return result.ok ? [] : result.problems;
}

describe('loading campaign files', () => {
  it('accepts a minimal valid file', () => {
    expect(loadCampaignJson('test.json', minimalCampaign()).ok).toBe(true);
  });

  it('accepts the bundled Big Week file', () => {
    const result = loadCampaignText('big-week-1944.json', bigWeekText());
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('names file, JSON path and limit when losses exceed dispatched', () => {
    expect(problemsOf((c) => (c.periods[0]!.missions[0]!.forces[0]!.losses.lost = 420), 'big-week-1944.json')).toContain(
      `big-week-1944.json: ${FORCE}.losses.lost: 420 exceeds dispatched 417`,
    );
  });

  it('rejects aircraft on targets adding up to more than dispatched', () => {
    const problems = problemsOf((c) =>
      c.periods[0]!.missions[0]!.forces[0]!.targets.push({ place: 'target', aircraft: 200, kind: 'opportunity' }),
    );
    expect(problems).toContain(`test.json: ${FORCE}.targets: aircraft on targets add up to 439, more than dispatched 417`);
  });

  it('reports references to places that do not exist', () => {
    const problems = problemsOf((c) => (c.periods[0]!.missions[0]!.forces[0]!.route[1] = 'leipzig'));
    expect(problems).toEqual([`test.json: ${FORCE}.route[1]: unknown place "leipzig"`]);
  });

  it('reports duplicate ids with where the first one is', () => {
    const problems = problemsOf((c) => c.places.push({ id: 'base', name: 'Again', lat: 50, lon: 1, kind: 'base' }));
    expect(problems).toEqual(['test.json: places[2].id: duplicate place id "base" (first used at places[0].id)']);
  });

  it('reports places that lie outside the theatre map', () => {
    const problems = problemsOf((c) => c.places.push({ id: 'cairo', name: 'Cairo', lat: 30.04, lon: 31.24, kind: 'city' }));
    expect(problems).toEqual(["test.json: places[2]: 30.04, 31.24 lies outside the europe-1944 theatre's map"]);
  });

  it('reports dates outside the campaign', () => {
    const problems = problemsOf((c) => (c.periods[0]!.missions[0]!.date = '1944-03-04'));
    expect(problems).toEqual([
      'test.json: periods[0].missions[0].date: 1944-03-04 is outside the campaign (1944-02-19 to 1944-02-21)',
    ]);
  });

  it('reports negative and fractional counts', () => {
    const problems = problemsOf((c) => {
      const f = c.periods[0]!.missions[0]!.forces[0]!;
      f.casualties.kia = -1;
      f.claims.destroyed = 2.5;
    });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith(`test.json: ${FORCE}.casualties.kia: `))).toBe(true);
    expect(problems.some((p) => p.startsWith(`test.json: ${FORCE}.claims.destroyed: `))).toBe(true);
  });

  it('reports missing required fields and unknown fields', () => {
    const problems = problemsOf((c) => {
      const f = c.periods[0]!.missions[0]!.forces[0]! as Record<string, unknown>;
      delete f.aircraft;
      f.crew = 10;
    });
    expect(problems).toContain(`test.json: ${FORCE}.aircraft: missing (expected string)`);
    expect(problems).toContain(`test.json: ${FORCE}: unknown field "crew"`);
  });

  it('reports every problem of a file, not only the first', () => {
    const problems = problemsOf((c) => {
      c.periods[0]!.missions[0]!.forces[0]!.route[0] = 'nowhere';
      c.periods[0]!.missions[0]!.forces[0]!.losses.lost = 500;
      c.periods[0]!.missions[0]!.source.ref = 'unknown-book';
    });
    // The fixture's mission and force share one source object, so both report it.
    expect(problems).toEqual([
      'test.json: periods[0].missions[0].source.ref: unknown source "unknown-book"',
      `test.json: ${FORCE}.source.ref: unknown source "unknown-book"`,
      `test.json: ${FORCE}.route[0]: unknown place "nowhere"`,
      `test.json: ${FORCE}.losses.lost: 500 exceeds dispatched 417`,
      `test.json: ${FORCE}.losses: lost, damaged beyond repair and damaged add up to 662, more than dispatched 417`,
    ]);
  });

  it('says where a file is not valid JSON', () => {
    const result = loadCampaignText('broken.json', '{\n  "format": "mission-records/1",\n  "campaign": {,\n}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^broken\.json: \(root\): not valid JSON: .* at line 3, column \d+$/);
  });

  it('refuses files nested deeper than the limit, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = loadCampaignJson('deep.json', { format: 'mission-records/1', deep });
    expect(!result.ok && result.problems[0]).toMatch(/^deep\.json: deep(\[0\])+: nested deeper than 40 levels$/);
  });

  it('keeps a stated total that disagrees with the forces as a discrepancy, not an error', () => {
    const json = bigWeekJson();
    const result = loadCampaignJson('big-week-1944.json', json);
    expect(result.ok).toBe(true);
    // The RAF's 921 sorties include sorties the source does not describe force by force.
    expect(result.ok && result.discrepancies.some((d) => d.includes('stated 921 aircraft dispatched'))).toBe(true);
  });

  it('requires the place where a recalled force turned back', () => {
    const problems = problemsOf((c) => ((c.periods[0]!.missions[0]!.forces[0]! as Record<string, unknown>).outcome = 'recalled'));
    expect(problems).toEqual([`test.json: ${FORCE}.turnBack: a recalled force needs the place where it turned back`]);
  });
});
