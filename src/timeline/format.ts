/**
 * Clock and date text on the campaign's own clock (records carry their UTC offset), in the
 * interface language. English is written as it always was; other languages through Intl, with
 * formatters made once per language and kept, because the live overlays format every frame.
 */
import { LOCALES, type Language } from '../i18n/languages.ts';

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

const STYLES = {
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  stamp: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  shortDay: { weekday: 'short', day: 'numeric', month: 'short' },
  shortMonth: { month: 'short', year: 'numeric' },
  dayMonth: { day: 'numeric', month: 'short' },
  day: { day: 'numeric', month: 'long', year: 'numeric' },
  dayOnly: { day: 'numeric' },
  month: { month: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

type Style = keyof typeof STYLES;
const dateFormats: Partial<Record<Language, Partial<Record<Style, Intl.DateTimeFormat>>>> = {};

/** One Intl formatter per language and style, reading a shifted date as UTC (the campaign's clock). */
function dateFormat(language: Language, style: Style): Intl.DateTimeFormat {
  const styles = (dateFormats[language] ??= {});
  return (styles[style] ??= new Intl.DateTimeFormat(LOCALES[language], { ...STYLES[style], timeZone: 'UTC' }));
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** "1,234" in English, "1.234" in German: a count as the language writes it. */
export function formatNumber(value: number, language: Language = 'en'): string {
  let f = numberFormats.get(language);
  if (!f) numberFormats.set(language, (f = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 3 })));
  return f.format(value);
}

const percentFormats = new Map<Language, Intl.NumberFormat>();

/** "8.6%" in English (as the interface always wrote it), "8,6 %" in German: `value` is in percent. */
export function formatPercent(value: number, language: Language = 'en'): string {
  if (language === 'en') return `${value.toLocaleString('en-GB')}%`;
  let f = percentFormats.get(language);
  if (!f)
    percentFormats.set(language, (f = new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 3 })));
  return f.format(value / 100);
}

/** "Sunday 20 February 1944" */
export function formatDate(timeMs: number, utcOffset: string, language: Language = 'en'): string {
  const d = shifted(timeMs, utcOffset);
  if (language !== 'en') return dateFormat(language, 'date').format(d);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "20 September 1951" from "1951-09-20", in English (the scene's own notes are English). */
export function formatIsoDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "20 Feb 13:42" */
export function formatStamp(timeMs: number, utcOffset: string, language: Language = 'en'): string {
  const d = shifted(timeMs, utcOffset);
  if (language !== 'en') return dateFormat(language, 'stamp').format(d);
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
export function shortPeriodLabel(startIso: string, endIso: string, utcOffset: string, language: Language = 'en'): string {
  const start = Date.parse(startIso);
  const days = (Date.parse(endIso) - start) / 86_400_000;
  // A Big Week period starts at 23:00 the evening before: name it by the day it is mostly in.
  const d = shifted(start + Math.min(days, 1) * 43_200_000, utcOffset);
  if (language !== 'en') return dateFormat(language, days > 20 ? 'shortMonth' : 'shortDay').format(d);
  const month = MONTHS[d.getUTCMonth()]!.slice(0, 3);
  return days > 20 ? `${month} ${d.getUTCFullYear()}` : `${DAYS[d.getUTCDay()]!.slice(0, 3)} ${d.getUTCDate()} ${month}`;
}

/**
 * A period's name on a chart's axis: "20 Feb" (its day and month), "Feb" (its month) or "20"
 * (its day), by the same day shortPeriodLabel names it by; English as the charts always wrote it.
 */
export function periodAxisLabel(
  startIso: string,
  endIso: string,
  utcOffset: string,
  part: 'dayMonth' | 'month' | 'day',
  language: Language = 'en',
): string {
  const start = Date.parse(startIso);
  const days = (Date.parse(endIso) - start) / 86_400_000;
  const d = shifted(start + Math.min(days, 1) * 43_200_000, utcOffset);
  if (language !== 'en')
    return dateFormat(language, part === 'dayMonth' ? 'dayMonth' : part === 'month' ? 'month' : 'dayOnly').format(d);
  const month = MONTHS[d.getUTCMonth()]!.slice(0, 3);
  return part === 'dayMonth' ? `${d.getUTCDate()} ${month}` : part === 'month' ? month : String(d.getUTCDate());
}

/** Periods longer than this are months (Korea) rather than operational days (Big Week). */
export const isLongPeriod = (startIso: string, endIso: string) => Date.parse(endIso) - Date.parse(startIso) > 3 * 86_400_000;

/**
 * A timeline tick's label in `language`, from the English one ticksFor gives: "20 Feb" is a day,
 * "Feb" or "Jan 1944" a month, "13:00" stays as it is.
 */
export function tickLabel(englishLabel: string, timeMs: number, utcOffset: string, language: Language): string {
  if (language === 'en' || /^\d\d:\d\d$/.test(englishLabel)) return englishLabel;
  const d = shifted(timeMs, utcOffset);
  if (/^\d/.test(englishLabel)) return dateFormat(language, 'dayMonth').format(d);
  return dateFormat(language, /\d{4}$/.test(englishLabel) ? 'shortMonth' : 'month').format(d);
}

/** "20 September 1951" (a day as the records and notes write it) in `language`; unchanged in English. */
export function translateDayLabel(englishDay: string, language: Language): string {
  const m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(englishDay);
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (language === 'en' || !m || month < 0) return englishDay;
  return dateFormat(language, 'day').format(new Date(Date.UTC(Number(m[3]), month, Number(m[1]))));
}
