import { describe, expect, it } from 'vitest';
import { follow, nightsIn, ticksFor, zoomWindow, MIN_WINDOW_S } from '../../src/timeline/timelineView.ts';

// Big Week's clock: t = 0 at 00:00 on 19 February 1944, GMT+1.
const epochMs = Date.parse('1944-02-19T00:00:00+01:00');
const DAY = 86400;

describe('the timeline window', () => {
  it('labels a day by its hours on the campaign clock, midnight by the date', () => {
    const ticks = ticksFor({ from: DAY, to: 2 * DAY }, epochMs, '+01:00', 900);
    expect(ticks[0]).toMatchObject({ t: DAY, label: '20 Feb', major: true });
    expect(ticks.map((t) => t.label)).toContain('12:00');
    expect(ticks.find((t) => t.label === '12:00')!.t).toBe(DAY + 12 * 3600);
  });

  it('labels a week by its days and a year by its months', () => {
    expect(ticksFor({ from: 0, to: 8 * DAY }, epochMs, '+01:00', 900).map((t) => t.label)).toEqual([
      '19 Feb',
      '20 Feb',
      '21 Feb',
      '22 Feb',
      '23 Feb',
      '24 Feb',
      '25 Feb',
      '26 Feb',
      '27 Feb',
    ]);
    const korea = Date.parse('1951-07-01T00:00:00+09:00');
    const months = ticksFor({ from: 0, to: 365 * DAY }, korea, '+09:00', 900).map((t) => t.label);
    expect(months.slice(0, 3)).toEqual(['Jul', 'Aug', 'Sep']);
    expect(months).toContain('Jan 1952');
  });

  it('shades the nights of February in western Germany from about sunset to sunrise', () => {
    const [night] = nightsIn({ from: DAY, to: 2 * DAY }, epochMs, 50, 6);
    const hour = (t: number) => (t % DAY) / 3600;
    expect(hour(night!.from)).toBeGreaterThan(17);
    expect(hour(night!.from)).toBeLessThan(18.5);
    expect(hour(night!.to)).toBeGreaterThan(7);
    expect(hour(night!.to)).toBeLessThan(8.5);
  });

  it('zooms about the pointer, never closer than a mission needs nor beyond the campaign', () => {
    const w = zoomWindow({ from: 0, to: 8 * DAY }, 0.5, 2 * DAY, 0, 8 * DAY);
    expect(w.to - w.from).toBe(4 * DAY);
    expect(w.from).toBe(DAY); // the anchor stays a quarter of the way in
    expect(zoomWindow(w, 1e-6, 2 * DAY, 0, 8 * DAY).to - zoomWindow(w, 1e-6, 2 * DAY, 0, 8 * DAY).from).toBe(MIN_WINDOW_S);
    expect(zoomWindow(w, 100, 2 * DAY, 0, 8 * DAY)).toEqual({ from: 0, to: 8 * DAY });
  });

  it('follows a clock that leaves it, a page at a time', () => {
    const w = { from: 0, to: DAY };
    expect(follow(w, DAY / 2, 0, 8 * DAY)).toBe(w);
    const next = follow(w, 3 * DAY, 0, 8 * DAY);
    expect(next.to - next.from).toBe(DAY);
    expect(3 * DAY).toBeGreaterThan(next.from);
    expect(3 * DAY).toBeLessThan(next.to);
  });
});
