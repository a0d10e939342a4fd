/** Writes data/schema/mission-records-1.json from the zod schema (npm run schema). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { campaignJsonSchemaText } from '../src/records/jsonSchema.ts';

const out = fileURLToPath(new URL('../data/schema/mission-records-1.json', import.meta.url));
writeFileSync(out, campaignJsonSchemaText());
console.log(`wrote ${out}`);
