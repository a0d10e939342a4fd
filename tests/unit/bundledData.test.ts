import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCampaignText } from '../../src/records/load.ts';

const dataDir = new URL('../../data/', import.meta.url);
const files = readdirSync(dataDir).filter((f) => f.endsWith('.json'));

describe('bundled campaign files', () => {
  it.each(files)('%s is valid', (file) => {
    const result = loadCampaignText(file, readFileSync(new URL(file, dataDir), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(files)('%s quotes a source for every stated figure and names no unknown source', (file) => {
    const result = loadCampaignText(file, readFileSync(new URL(file, dataDir), 'utf8'));
    if (!result.ok) return;
    const { records } = result;
    for (const period of records.periods)
      for (const mission of period.missions)
        for (const force of mission.forces) {
          // A force without any figure would be drawn from nothing: at least one count is stated.
          const stated = [force.dispatched, force.effective, force.aborted].some((c) => c !== undefined);
          expect(stated, `${force.id} states no aircraft count`).toBe(true);
          expect(force.source.quote.length, force.id).toBeGreaterThan(10);
        }
  });
});
