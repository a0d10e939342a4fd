/** Clock and date text on the campaign's own clock (records carry their UTC offset). */

export function offsetMinutes(utcOffset: string): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(utcOffset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function shifted(timeMs: number, utcOffset: string): Date {
  return new Date(timeMs + offsetMinutes(utcOffset) * 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "13:42" */
export function formatClock(timeMs: number, utcOffset: string): string {
  const d = shifted(timeMs, utcOffset);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Sunday 20 February 1944" */
export function formatDate(timeMs: number, utcOffset: string): string {
  const d = shifted(timeMs, utcOffset);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "20 Feb 13:42" */
export function formatStamp(timeMs: number, utcOffset: string): string {
  const d = shifted(timeMs, utcOffset);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Parses "HH:MM" typed by a viewer into ms on the same campaign day as `aroundMs`. */
export function parseClock(text: string, aroundMs: number, utcOffset: string): number | null {
  const m = /^\s*(\d{1,2})[:.h]?(\d\d)\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  const d = shifted(aroundMs, utcOffset);
  const dayStart =
    aroundMs - (d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds()) * 1000 - d.getUTCMilliseconds();
  return dayStart + (h * 60 + min) * 60_000;
}

/** "Sun 20 Feb" for a day, "Sep 1951" for a month: labels that fit a row of buttons. */
export function shortPeriodLabel(startIso: string, endIso: string, utcOffset: string): string {
  const start = Date.parse(startIso);
  const days = (Date.parse(endIso) - start) / 86_400_000;
  // A Big Week period starts at 23:00 the evening before: name it by the day it is mostly in.
  const d = shifted(start + Math.min(days, 1) * 43_200_000, utcOffset);
  const month = MONTHS[d.getUTCMonth()]!.slice(0, 3);
  return days > 20 ? `${month} ${d.getUTCFullYear()}` : `${DAYS[d.getUTCDay()]!.slice(0, 3)} ${d.getUTCDate()} ${month}`;
}

/** Periods longer than this are months (Korea) rather than operational days (Big Week). */
export const isLongPeriod = (startIso: string, endIso: string) => Date.parse(endIso) - Date.parse(startIso) > 3 * 86_400_000;
