/** Bundled campaigns as the app opens them, and the frame the scene's loop would publish at a time. */
import { readFileSync } from 'node:fs';
import { openCampaign, type Campaign } from '../../src/app/campaigns.ts';
import type { LiveFrame } from '../../src/overlays/live.ts';
import { createClock } from '../../src/timeline/clock.ts';
import { airborneAt, createFiguresNow, figuresAt, periodLostAt } from '../../src/timeline/periodFigures.ts';

export async function loadCampaign(file: string): Promise<Campaign> {
  const entry = await openCampaign({ file, read: async () => readFileSync(`data/${file}`, 'utf8') });
  if (entry.status !== 'ready') throw new Error(entry.problems.join('\n'));
  return entry.campaign;
}

/** Plan seconds of an ISO instant. */
export const seconds = (c: Campaign, iso: string) => (Date.parse(iso) - c.plan.epochMs) / 1000;

/** What the frame loop publishes at `t`. */
export function frameAt(c: Campaign, t: number, periodId: string): LiveFrame {
  const clock = createClock(0, 1e9);
  clock.time = t;
  return {
    clock,
    timeMs: c.plan.epochMs + t * 1000,
    figures: figuresAt(c.figures, t, createFiguresNow(c.figures)),
    periodId,
    airborne: airborneAt(c.plan, t),
    lost: periodLostAt(c.plan, periodId, t),
  };
}
