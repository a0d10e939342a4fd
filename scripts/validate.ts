/** npm run validate -- data/*.json : prints every problem as `file: json.path: reason`, exits 1 on any. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCampaignText } from '../src/records/load.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run validate -- <campaign.json> [...]');
  process.exit(2);
}
let failed = 0;
for (const path of files) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    console.error(`${basename(path)}: cannot read: ${(e as Error).message}`);
    failed++;
    continue;
  }
  const result = loadCampaignText(basename(path), text);
  if (result.ok) {
    for (const d of result.discrepancies) console.log(d);
    console.log(
      `${result.file}: valid (${result.records.periods.length} periods, ${result.discrepancies.length} discrepancies noted)`,
    );
  } else {
    for (const p of result.problems) console.error(p);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
