/**
 * Where the sources disagree with themselves. Each disagreement the validator finds in the
 * bundled records is listed here by hand: a new one fails this test until someone has read the
 * source, recorded the reason in the data's notes, and added it below.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCampaignText } from '../../src/records/load.ts';

const KNOWN: Record<string, string[]> = {
  // The RAF's nightly totals include sorties the Campaign Diary does not describe raid by raid.
  'big-week-1944.json': [
    'periods[0].missions[0].statedTotals.aircraft.dispatched: stated 921 aircraft dispatched; the forces recorded add up to 854',
    'periods[1].missions[0].statedTotals.aircraft.dispatched: stated 826 aircraft dispatched; the forces recorded add up to 598',
    'periods[2].missions[0].statedTotals.aircraft.dispatched: stated 69 aircraft dispatched; the forces recorded add up to 17',
    'periods[2].missions[0].statedTotals.aircraft.lost: stated 1 aircraft lost; the forces recorded add up to 0',
    'periods[3].missions[0].statedTotals.aircraft.dispatched: stated 134 aircraft dispatched; the forces recorded add up to 21',
    'periods[4].missions[0].statedTotals.aircraft.dispatched: stated 22 aircraft dispatched; the forces recorded add up to 17',
    'periods[5].missions[0].statedTotals.aircraft.dispatched: stated 1070 aircraft dispatched; the forces recorded add up to 764',
  ],
  'context-raids-1943-44.json': [],
  'korea-1951-strangle.json': [],
};

describe('discrepancies in the sources', () => {
  it('are listed for every bundled campaign file', () => {
    const bundled = readdirSync(new URL('../../data/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(Object.keys(KNOWN).sort()).toEqual(bundled.sort());
  });

  it.each(Object.keys(KNOWN))('%s: every stated total equals the sum of its parts, or is a known discrepancy', (file) => {
    const result = loadCampaignText(file, readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const found = result.discrepancies.map((d) => d.replace(`${file}: `, '').replace(' (discrepancy in the sources)', ''));
    expect(found).toEqual(KNOWN[file]);
  });
});
