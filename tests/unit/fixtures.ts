import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { THEATRES } from '../../src/geo/projection.ts';
import { compileFlightPlan } from '../../src/motion/compile.ts';
import { loadCampaignJson } from '../../src/records/load.ts';
import type { CampaignFile } from '../../src/records/schema.ts';

export const BIG_WEEK_PATH = fileURLToPath(new URL('../../data/big-week-1944.json', import.meta.url));
export const bigWeekText = () => readFileSync(BIG_WEEK_PATH, 'utf8');
export const bigWeekJson = () => JSON.parse(bigWeekText()) as Record<string, unknown>;

export function bigWeek(): CampaignFile {
  const result = loadCampaignJson('big-week-1944.json', bigWeekJson());
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.records;
}

export function bigWeekPlan() {
  const records = bigWeek();
  return { records, plan: compileFlightPlan(records, THEATRES[records.campaign.theatre]) };
}

/** A small valid campaign for tests that edit one field at a time. */
export function minimalCampaign() {
  const source = { ref: 'src', quote: 'a quote' };
  return {
    format: 'mission-records/1',
    campaign: {
      id: 'test',
      title: 'Test',
      theatre: 'europe-1944',
      start: '1944-02-19',
      end: '1944-02-21',
      utcOffset: '+01:00',
      summary: 'A test campaign.',
      sources: [{ id: 'src', title: 'A source' }],
    },
    places: [
      { id: 'base', name: 'Base', lat: 52.1, lon: 0.0, kind: 'base' },
      { id: 'target', name: 'Target', lat: 52.3, lon: 10.5, kind: 'target' },
    ],
    periods: [
      {
        id: 'day',
        label: 'Day',
        start: '1944-02-19T23:00:00+01:00',
        end: '1944-02-20T23:00:00+01:00',
        missions: [
          {
            id: 'm1',
            label: 'Mission 1',
            airForce: 'Eighth Air Force',
            date: '1944-02-20',
            kind: 'strategic',
            source,
            forces: [
              {
                id: 'f1',
                role: 'bomber',
                aircraft: 'B-17',
                dispatched: 417,
                route: ['base', 'target', 'base'],
                targets: [{ place: 'target', aircraft: 239, kind: 'primary' }],
                claims: { destroyed: 14, probable: 5, damaged: 6 },
                losses: { lost: 7, damagedBeyondRepair: 1, damaged: 161 },
                casualties: { kia: 7, wia: 17, mia: 72 },
                timing: { takeoff: '1944-02-20T08:30:00+01:00', overTarget: '1944-02-20T12:30:00+01:00' },
                schematic: ['route', 'timing'],
                source,
              },
            ],
          },
        ],
      },
    ],
  };
}
