/**
 * The moment a link points to, as URL query parameters: campaign, time, camera, selection,
 * follow and language. Pure functions only (parse, serialize, and the rule for when a change is
 * worth a history entry), so that they are unit-tested without a browser; the hook that reads
 * and writes `window.history` is useUrlState.ts.
 *
 *   ?campaign=big-week-1944&t=1944-02-20T13:10+01:00&view=x,y,z,tx,ty,tz&sel=force:m226-f1&follow=1&lang=de
 *
 * `t` is an ISO instant on the campaign's own clock (its UTC offset), which reads like the clock
 * the app shows; plain plan seconds (`t=48600`) are accepted too.
 */

export type Selection =
  | { kind: 'force'; id: string }
  | { kind: 'place'; id: string }
  /** The n-th aircraft of a force to be lost (0-based, in order of loss time). */
  | { kind: 'loss'; forceId: string; n: number };

export interface CameraView {
  camera: [number, number, number];
  target: [number, number, number];
}

/** A time as the URL gives it: resolved to plan seconds only once the campaign is known. */
export type TimeRef = { kind: 'instant'; ms: number } | { kind: 'plan'; seconds: number };

export interface UrlState {
  campaign: string | null;
  time: TimeRef | null;
  view: CameraView | null;
  selection: Selection | null;
  follow: boolean;
  lang: string | null;
}

/** The query parameters this module owns; every other parameter (`src`, a kiosk's) is kept as it is. */
export const URL_KEYS = ['campaign', 't', 'view', 'sel', 'follow', 'lang'] as const;

const ID = /^[a-z0-9][a-z0-9-]*$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function parseUrl(search: string): UrlState {
  const q = new URLSearchParams(search);
  const campaign = q.get('campaign');
  const lang = q.get('lang');
  return {
    campaign: campaign && ID.test(campaign) ? campaign : null,
    time: parseTime(q.get('t')),
    view: parseView(q.get('view')),
    selection: parseSelection(q.get('sel')),
    follow: q.get('follow') === '1',
    lang: lang && LANG.test(lang) ? lang : null,
  };
}

export function parseTime(text: string | null): TimeRef | null {
  if (text === null) return null;
  const s = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return { kind: 'plan', seconds: Number(s) };
  // A '+' that reached us unencoded reads back as a space: "13:10 01:00" was "13:10+01:00".
  const iso = s.replace(/ (\d\d:?\d\d)$/, '+$1');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? { kind: 'instant', ms } : null;
}

export function parseView(text: string | null): CameraView | null {
  const v = text?.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (!v || v.length !== 6 || v.some((n) => !Number.isFinite(n))) return null;
  return { camera: [v[0]!, v[1]!, v[2]!], target: [v[3]!, v[4]!, v[5]!] };
}

export function parseSelection(text: string | null): Selection | null {
  if (!text) return null;
  const [kind, id, n, ...rest] = text.split(':');
  if (!id || !ID.test(id) || rest.length > 0) return null;
  if (kind === 'force' && n === undefined) return { kind, id };
  if (kind === 'place' && n === undefined) return { kind, id };
  if (kind === 'loss' && n !== undefined && /^\d{1,6}$/.test(n)) return { kind, forceId: id, n: Number(n) };
  return null;
}

export function selectionKey(s: Selection | null): string | null {
  if (!s) return null;
  return s.kind === 'loss' ? `loss:${s.forceId}:${s.n}` : `${s.kind}:${s.id}`;
}

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return selectionKey(a) === selectionKey(b);
}

/** Plan seconds of a URL time for a campaign whose plan starts at `epochMs`. */
export function resolveTime(ref: TimeRef, epochMs: number): number {
  return ref.kind === 'plan' ? ref.seconds : (ref.ms - epochMs) / 1000;
}

/**
 * "1944-02-20T13:10+01:00": the instant on the campaign's clock. Seconds appear only when they
 * are not zero, milliseconds only when there are any, so a paused moment comes back exactly.
 */
export function formatTime(planSeconds: number, epochMs: number, utcOffset: string): string {
  const ms = Math.round(epochMs + planSeconds * 1000);
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  const offsetMs = sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  const d = new Date(ms + offsetMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const s = d.getUTCSeconds();
  const frac = d.getUTCMilliseconds();
  if (s !== 0 || frac !== 0) text += `:${pad(s)}`;
  if (frac !== 0) text += `.${pad(frac, 3)}`;
  return text + (/^[+-]\d\d:\d\d$/.test(utcOffset) ? utcOffset : 'Z');
}

/** Camera to 10 m: finer than a pixel at any zoom the controls allow, short enough to share. */
export function formatView(v: CameraView): string {
  return [...v.camera, ...v.target].map((n) => String(Math.round(n * 100) / 100)).join(',');
}

/** What the URL is written from: the state with its time already formatted. */
export interface UrlWrite {
  campaign: string | null;
  /** Formatted with formatTime, or null to leave the time out. */
  t: string | null;
  view: CameraView | null;
  selection: Selection | null;
  follow: boolean;
  lang: string | null;
}

/**
 * The query string for `state`, keeping every parameter of `base` this module does not own, in
 * its place. Only characters that would change the meaning are escaped (`:` and `,` stay
 * readable; `+` must become %2B or it reads back as a space).
 */
export function serializeUrl(state: UrlWrite, base = ''): string {
  const values: Record<(typeof URL_KEYS)[number], string | null> = {
    campaign: state.campaign,
    t: state.t,
    view: state.view ? formatView(state.view) : null,
    sel: selectionKey(state.selection),
    follow: state.follow && state.selection ? '1' : null,
    lang: state.lang,
  };
  const owned = new Set<string>(URL_KEYS);
  const parts: string[] = [];
  for (const [k, v] of new URLSearchParams(base)) if (!owned.has(k)) parts.push(`${encode(k)}=${encode(v)}`);
  for (const k of URL_KEYS) {
    const v = values[k];
    if (v !== null) parts.push(`${k}=${encode(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** What the history rule compares: one tick's state, with time in plan seconds. */
export interface UrlSnapshot {
  campaign: string | null;
  periodId: string | null;
  time: number;
  playing: boolean;
  view: CameraView | null;
  selection: Selection | null;
  follow: boolean;
  lang: string | null;
}

/** Camera moves and time while playing are written at most this often (ms). */
export const REPLACE_INTERVAL_MS = 2000;

/**
 * How to record `now` given the state last written to the URL and the state one tick earlier:
 *  - 'push' for a change a viewer would want Back to undo: another campaign, period or
 *    selection, or a new time once the clock is paused there and has settled (a seek finished,
 *    not a slider still being dragged);
 *  - 'replace' at once for a change of follow or language: the link must hold them, but Back
 *    should not turn following on again after a drag ended it, nor switch the language back;
 *  - 'replace' for the rest (camera moves, time while playing, a pause), at most every
 *    REPLACE_INTERVAL_MS;
 *  - null when nothing needs writing yet.
 */
export function historyAction(
  written: UrlSnapshot,
  now: UrlSnapshot,
  previousTick: UrlSnapshot | null,
  msSinceWrite: number,
): 'push' | 'replace' | null {
  if (now.campaign !== written.campaign || now.periodId !== written.periodId || !sameSelection(now.selection, written.selection))
    return 'push';
  if (now.follow !== written.follow || now.lang !== written.lang) return 'replace';
  const timeMoved = !sameTime(now.time, written.time);
  const settled = previousTick !== null && !previousTick.playing && sameTime(previousTick.time, now.time);
  if (timeMoved && !now.playing && !written.playing) return settled ? 'push' : null;
  const changed = timeMoved || now.playing !== written.playing || !sameView(now.view, written.view);
  if (!changed) return null;
  // A pause after playing is written at once, so that the link is exact the moment it is copied.
  if (!now.playing && written.playing && settled) return 'replace';
  return msSinceWrite >= REPLACE_INTERVAL_MS ? 'replace' : null;
}

/** The same moment, view and selection: nothing a new history entry would add. */
export function sameSnapshot(a: UrlSnapshot, b: UrlSnapshot): boolean {
  return (
    a.campaign === b.campaign &&
    a.periodId === b.periodId &&
    sameTime(a.time, b.time) &&
    sameView(a.view, b.view) &&
    sameSelection(a.selection, b.selection) &&
    a.follow === b.follow &&
    a.lang === b.lang
  );
}

function sameTime(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.0005;
}

export function sameView(a: CameraView | null, b: CameraView | null): boolean {
  if (!a || !b) return a === b;
  for (let i = 0; i < 3; i++)
    if (Math.abs(a.camera[i]! - b.camera[i]!) >= 0.005 || Math.abs(a.target[i]! - b.target[i]!) >= 0.005) return false;
  return true;
}
