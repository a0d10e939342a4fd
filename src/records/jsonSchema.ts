import { z } from 'zod';
import { CampaignFile, FORMAT } from './schema.ts';

/** The published JSON Schema text; a test compares it with the committed file. */
export function campaignJsonSchemaText(): string {
  const schema = z.toJSONSchema(CampaignFile, { io: 'input', unrepresentable: 'any' });
  const published = {
    ...schema,
    $id: `https://sortie.invalid/schema/${FORMAT}.json`,
    title: `Sortie campaign file (${FORMAT})`,
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}
