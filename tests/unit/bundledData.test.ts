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
});
