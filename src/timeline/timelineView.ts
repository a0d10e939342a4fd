/**
 * The visible window of the timeline and what is drawn in it: zoom, ticks on the campaign's
 * own clock, night shading. Pure functions of campaign seconds; the component only renders.
 */
import { utcDay, utcHour, utcMonth, utcMinute, type TimeInterval } from 'd3-time';
import { getTimes } from 'suncalc';
import { offsetMinutes } from './format.ts';

export interface TimeWindow {
  from: number;
  to: number;
}

/** Never zoom closer than this: the hours of one mission still read. */
export const MIN_WINDOW_S = 20 * 60;

/** The window scaled by `factor` about `anchor` (seconds), kept inside [start, end]. */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, start: number, end: number): TimeWindow {
  const span = Math.min(end - start, Math.max(MIN_WINDOW_S, (w.to - w.from) * factor));
  const f = w.to > w.from ? (anchor - w.from) / (w.to - w.from) : 0.5;
  return clampWindow({ from: anchor - span * f, to: anchor - span * f + span }, start, end);
}

/** Shifted (not resized) to lie inside [start, end]. */
export function clampWindow(w: TimeWindow, start: number, end: number): TimeWindow {
  const span = Math.min(end - start, w.to - w.from);
  const from = Math.min(Math.max(w.from, start), end - span);
  return { from, to: from + span };
}

/** The window moved on by one page so that `t` is in it, the way a playing clock is followed. */
export function follow(w: TimeWindow, t: number, start: number, end: number): TimeWindow {
  if (t >= w.from && t <= w.to) return w;
  const span = w.to - w.from;
  // Keep a little of what was before the playhead in view.
  return clampWindow({ from: t - span * 0.1, to: t + span * 0.9 }, start, end);
}

export interface Tick {
  t: number;
  label: string;
  major: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Ticks for the window at local (campaign) midnight, hours or months, labelled to suit the
 * span: months for a campaign counted in months, days for a week, hours for a day.
 */
export function ticksFor(w: TimeWindow, epochMs: number, utcOffset: string, widthPx: number): Tick[] {
  const shift = offsetMinutes(utcOffset) * 60_000;
  // Local wall-clock time written as if it were UTC, so d3's UTC intervals fall on local midnights.
  const local = (t: number) => new Date(epochMs + t * 1000 + shift);
  const back = (d: Date) => (d.getTime() - shift - epochMs) / 1000;
  const span = w.to - w.from;
  const perPx = span / Math.max(1, widthPx);
  const ticks = (interval: TimeInterval) => interval.range(local(w.from), new Date(local(w.to).getTime() + 1));
  if (span > 60 * 86400) {
    return ticks(utcMonth.every(1)!).map((d) => ({
      t: back(d),
      label: d.getUTCMonth() === 0 ? `${MONTHS[0]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()]!,
      major: true,
    }));
  }
  if (span > 3 * 86400) {
    const every = perPx * 48 > 86400 ? 7 : 1;
    return ticks(utcDay.every(every)!).map((d) => ({
      t: back(d),
      label: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`,
      major: true,
    }));
  }
  const hours = [1, 2, 3, 6, 12].find((h) => (h * 3600) / perPx >= 56) ?? 12;
  const interval = span < 3 * 3600 ? utcMinute.every(30)! : utcHour.every(hours)!;
  return ticks(interval).map((d) => {
    const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0;
    return {
      t: back(d),
      label: midnight ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
      major: midnight,
    };
  });
}

/** Nights (sunset to sunrise at the theatre's centre) overlapping the window. */
export function nightsIn(w: TimeWindow, epochMs: number, lat: number, lon: number): TimeWindow[] {
  const nights: TimeWindow[] = [];
  const toS = (d: Date) => (d.getTime() - epochMs) / 1000;
  // One step per day, starting the day before so a night already under way is included.
  for (let day = Math.floor(w.from / 86400) - 1; day * 86400 <= w.to; day++) {
    const noon = new Date(epochMs + (day * 86400 + 43200) * 1000);
    const today = getTimes(noon, lat, lon);
    const tomorrow = getTimes(new Date(noon.getTime() + 86400_000), lat, lon);
    if (!today.sunset || !tomorrow.sunrise) continue; // no night at this latitude and season
    const night = { from: toS(today.sunset), to: toS(tomorrow.sunrise) };
    if (night.to > w.from && night.from < w.to) nights.push(night);
  }
  return nights;
}
