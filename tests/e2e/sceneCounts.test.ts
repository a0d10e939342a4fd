/**
 * The scene's counts agree with the overlay's figures at any instant: for several instants of
 * three Big Week days the time slider is moved there, and after the next frames
 *
 *  - the aircraft in the air the period card shows = `__sortie.visibleAircraft` = the aircraft the
 *    CPU twin has in sight, counted one by one = the aircraft the flight shader draws (run on the
 *    GPU with transform feedback, see browser.ts);
 *  - the day total's "Lost" = `__sortie.lostSoFar` = aircraft falling + crash markers on the
 *    ground, each counted by the scene (`falling`, `crashMarkers`), by the twin one by one, and
 *    the markers also by the crash-marker shader on the GPU;
 *  - damage: the scene colours an aircraft damaged at the moment it is hit
 *    (`damagedSoFar`, `damagedBeyondRepairSoFar`), while the overlay counts a force's damage when
 *    it has landed and its crews were debriefed. So the overlay may lag the scene but never lead
 *    it (overlay ≤ scene), and once the day's forces are down the two are equal;
 *  - at the end of the day, the overlay's dispatched, lost, damaged and damaged-beyond-repair
 *    totals equal the records summed independently (tests/shared/recordTotals.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwinProbe } from '../../src/app/diagnostics.ts';
import { loadCampaignText } from '../../src/records/load.ts';
import { periodTotals } from '../shared/recordTotals.ts';
import {
  installShaderHarness,
  openApp,
  overlayFigures,
  planSeconds,
  seekSlider,
  sortie,
  waitForReady,
  type OpenedApp,
} from './browser';

interface PageWindow {
  __sortie: { twin: TwinProbe };
  __shaderHarness: { instances: number; run(shader: 'flight' | 'crash', time: number): Float32Array };
}

const loaded = loadCampaignText(
  'big-week-1944.json',
  readFileSync(new URL('../../data/big-week-1944.json', import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const records = loaded.records;
const dayTotals = (periodId: string) => periodTotals(records.periods.find((p) => p.id === periodId)!);

/** Clock times (GMT+1) of each day: before the day's first take-off, mid-raid, after the day raid has landed, end of day. */
const DAYS = [
  { periodId: '1944-02-20', instants: ['1944-02-20T13:00', '1944-02-19T23:20', '1944-02-20T18:00', '1944-02-20T22:59'] },
  { periodId: '1944-02-22', instants: ['1944-02-21T23:40', '1944-02-22T13:00', '1944-02-22T18:00', '1944-02-22T22:59'] },
  { periodId: '1944-02-24', instants: ['1944-02-23T23:10', '1944-02-24T13:15', '1944-02-24T18:00', '1944-02-24T22:59'] },
];

/** What the overlay shows and the scene counts at one instant. */
async function readInstant(page: OpenedApp['page']) {
  const state = (await sortie(page))!;
  const text = await overlayFigures(page);
  const counted = await page.evaluate((periodId) => {
    const w = window as unknown as PageWindow;
    const twin = w.__sortie.twin;
    const time = twin.frame()!.time;
    const census = twin.census(time, periodId)!;
    // The shaders themselves, on the GPU: aircraft drawn, and crash markers pinned for the period.
    const flight = w.__shaderHarness.run('flight', time);
    const crash = w.__shaderHarness.run('crash', time);
    const drawn = (g: Float32Array, i: number) =>
      !(g[i * 4] === 2 && g[i * 4 + 1] === 2 && g[i * 4 + 2] === 2 && g[i * 4 + 3] === 1);
    let gpuAirborne = 0;
    let gpuMarkers = 0;
    for (let i = 0; i < w.__shaderHarness.instances; i++) {
      const info = twin.instance(i)!;
      if (info.force === null) continue;
      if (drawn(flight, i)) gpuAirborne++;
      if (info.periodId === periodId && drawn(crash, i)) gpuMarkers++;
    }
    return { time, census, gpuAirborne, gpuMarkers };
  }, state.periodId);
  return { state, text, ...counted };
}

describe('scene counts and overlay figures of Big Week', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    app = await openApp('/?campaign=big-week-1944', (page) => page.emulateMedia({ reducedMotion: 'reduce' }));
    await waitForReady(app.page);
    await installShaderHarness(app.page);
  });

  afterAll(async () => {
    await app?.close();
  });

  for (const day of DAYS)
    it(`agree at every instant of ${day.periodId}, and end the day at the records' totals`, async () => {
      const page = app.page;
      const instants = day.instants.map((clock) => `${clock}:00+01:00`);
      // One more instant: a minute into the fall of an aircraft lost on this day.
      const fallTime = await page.evaluate((periodId) => {
        const twin = (window as unknown as PageWindow).__sortie.twin;
        for (let i = 0; i < twin.frame()!.instances; i++) {
          const info = twin.instance(i)!;
          if (info.periodId === periodId && info.lossTime !== null) return Math.ceil((info.lossTime + 30) / 60) * 60;
        }
        return null;
      }, day.periodId);
      const times = await Promise.all(instants.map((iso) => planSeconds(page, iso)));
      if (fallTime !== null) times.splice(1, 0, fallTime);

      const seen: string[] = [];
      let falling = 0;
      for (const t of times) {
        await seekSlider(page, t);
        // The panels follow a change of day through React: wait for them to show this instant's day.
        await page.waitForFunction(
          (lost) => document.querySelector('[data-figure=lost]')?.textContent === String(lost),
          (await sortie(page))!.overlay.lost,
          { timeout: 15_000, polling: 100 },
        );
        const { state, text, census, gpuAirborne, gpuMarkers, time } = await readInstant(page);
        const at = new Date(state.time).toISOString();
        expect(time, at).toBe(t);
        expect(state.periodId, at).toBe(day.periodId);

        // Aircraft in the air: the period card, the scene's count, the twin's census, the GPU.
        expect(text.airborne, at).toBe(state.visibleAircraft.toLocaleString('en-GB'));
        expect(census.airborne, at).toBe(state.visibleAircraft);
        expect(gpuAirborne, at).toBe(state.visibleAircraft);

        // Lost so far: the day total = the scene's losses = falling + crash markers, however counted.
        expect(text.lost, at).toBe(String(state.overlay.lost));
        expect(state.lostSoFar, at).toBe(state.overlay.lost);
        expect(state.falling + state.crashMarkers, at).toBe(state.lostSoFar);
        expect({ lost: census.lost, falling: census.falling, crashMarkers: census.crashMarkers }, at).toEqual({
          lost: state.lostSoFar,
          falling: state.falling,
          crashMarkers: state.crashMarkers,
        });
        expect(gpuMarkers, at).toBe(state.crashMarkers);
        falling += state.falling;

        // Damage: the scene counts it when it happens, the overlay at debriefing, never before.
        expect({ damaged: census.damaged, damagedBeyondRepair: census.damagedBeyondRepair }, at).toEqual({
          damaged: state.damagedSoFar,
          damagedBeyondRepair: state.damagedBeyondRepairSoFar,
        });
        expect(text.damaged, at).toBe(String(state.overlay.damaged));
        expect(text.damagedBeyondRepair, at).toBe(String(state.overlay.damagedBeyondRepair));
        expect(state.overlay.damaged!, at).toBeLessThanOrEqual(state.damagedSoFar);
        expect(state.overlay.damagedBeyondRepair!, at).toBeLessThanOrEqual(state.damagedBeyondRepairSoFar);
        seen.push(
          `${text.clock} airborne ${state.visibleAircraft} lost ${state.lostSoFar} (${state.falling} falling, ` +
            `${state.crashMarkers} down) damaged ${state.damagedSoFar}+${state.damagedBeyondRepairSoFar} DBR ` +
            `(overlay ${state.overlay.damaged}+${state.overlay.damagedBeyondRepair})`,
        );
      }
      console.log(`${day.periodId}: ${seen.join('; ')}`);
      expect(falling, 'an aircraft was seen falling').toBeGreaterThan(0);

      // End of the day (the last instant): every figure at the records' totals, scene and overlay alike.
      const { state, text } = await readInstant(page);
      const expected = dayTotals(day.periodId);
      expect(state.overlay).toEqual(expected);
      expect({
        dispatched: text.dispatched,
        lost: text.lost,
        damaged: text.damaged,
        damagedBeyondRepair: text.damagedBeyondRepair,
      }).toEqual({
        dispatched: String(expected.dispatched),
        lost: String(expected.lost),
        damaged: String(expected.damaged),
        damagedBeyondRepair: String(expected.damagedBeyondRepair),
      });
      expect({ lost: state.lostSoFar, damaged: state.damagedSoFar, damagedBeyondRepair: state.damagedBeyondRepairSoFar }).toEqual(
        {
          lost: expected.lost,
          damaged: expected.damaged,
          damagedBeyondRepair: expected.damagedBeyondRepair,
        },
      );
      expect(state.falling).toBe(0);
    });
});
