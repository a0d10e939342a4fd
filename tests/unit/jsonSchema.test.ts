import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignJsonSchemaText } from '../../src/records/jsonSchema.ts';

describe('published JSON Schema', () => {
  it('matches the zod schema (run `npm run schema` after changing src/records/schema.ts)', () => {
    const committed = readFileSync(new URL('../../data/schema/mission-records-1.json', import.meta.url), 'utf8');
    expect(committed).toBe(campaignJsonSchemaText());
  });
});
