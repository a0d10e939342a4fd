import { describe, expect, it } from 'vitest';
import {
  REPLACE_INTERVAL_MS,
  formatTime,
  historyAction,
  parseSelection,
  parseTime,
  parseUrl,
  resolveTime,
  sameSnapshot,
  serializeUrl,
  type UrlSnapshot,
  type UrlWrite,
} from '../../src/app/urlState.ts';

/** Big Week's plan epoch: 19 February 1944, 00:00 on its clock (+01:00). */
const EPOCH = Date.parse('1944-02-19T00:00:00+01:00');

const state: UrlWrite = {
  campaign: 'big-week-1944',
  t: formatTime((13 * 60 + 10) * 60 + 24 * 3600, EPOCH, '+01:00'),
  view: { camera: [123.456, 800.004, -55.5], target: [120, 0, -300.125] },
  selection: { kind: 'loss', forceId: 'm226-f1-leipzig', n: 3 },
  follow: false,
  lang: 'de',
};

describe('the URL of a moment', () => {
  it('writes time on the campaign clock, readable, with only + escaped', () => {
    expect(state.t).toBe('1944-02-20T13:10+01:00');
    const search = serializeUrl(state);
    expect(search).toBe(
      '?campaign=big-week-1944&t=1944-02-20T13:10%2B01:00&view=123.46,800,-55.5,120,0,-300.12&sel=loss:m226-f1-leipzig:3&lang=de',
    );
  });

  it('reads back what it writes: campaign, time, camera to 10 m, selection, follow, language', () => {
    const written = { ...state, selection: { kind: 'force' as const, id: 'm226-p47' }, follow: true };
    const url = parseUrl(serializeUrl(written));
    expect(url.campaign).toBe('big-week-1944');
    expect(resolveTime(url.time!, EPOCH)).toBe(24 * 3600 + (13 * 60 + 10) * 60);
    expect(url.view!.camera[0]).toBeCloseTo(123.456, 1);
    expect(url.view!.target[2]).toBeCloseTo(-300.125, 1);
    expect(url.selection).toEqual({ kind: 'force', id: 'm226-p47' });
    expect(url.follow).toBe(true);
    expect(url.lang).toBe('de');
  });

  it('keeps a paused moment exact to the millisecond, and leaves zero seconds out', () => {
    for (const t of [0, 59, 86399.25, 123456.789, -3600])
      expect(resolveTime(parseTime(formatTime(t, EPOCH, '+01:00'))!, EPOCH)).toBeCloseTo(t, 3);
    expect(formatTime(86399.25, EPOCH, '+01:00')).toBe('1944-02-19T23:59:59.250+01:00');
    expect(formatTime(0, Date.parse('1951-08-01T00:00:00+09:00'), '+09:00')).toBe('1951-08-01T00:00+09:00');
  });

  it('reads plan seconds, instants in any offset, and a + that arrived as a space', () => {
    expect(parseTime('48600')).toEqual({ kind: 'plan', seconds: 48600 });
    expect(parseTime('1944-02-20T12:10:00Z')).toEqual({ kind: 'instant', ms: Date.parse('1944-02-20T13:10+01:00') });
    expect(parseTime('1944-02-20T13:10 01:00')).toEqual({ kind: 'instant', ms: Date.parse('1944-02-20T13:10+01:00') });
    expect(new URLSearchParams('t=1944-02-20T13:10+01:00').get('t')).toBe('1944-02-20T13:10 01:00');
    expect(parseUrl('?t=1944-02-20T13:10+01:00').time).toEqual({ kind: 'instant', ms: Date.parse('1944-02-20T13:10+01:00') });
  });

  it('ignores what it cannot read instead of guessing', () => {
    const url = parseUrl('?campaign=Big%20Week&t=yesterday&view=1,2,3&sel=force:&follow=yes&lang=<b>');
    expect(url).toEqual({ campaign: null, time: null, view: null, selection: null, follow: false, lang: null });
    expect(parseSelection('loss:m226:x')).toBeNull();
    expect(parseSelection('place:tgt-leipzig:2')).toBeNull();
    expect(parseSelection('aircraft:12')).toBeNull();
    expect(parseSelection('place:tgt-leipzig')).toEqual({ kind: 'place', id: 'tgt-leipzig' });
    expect(parseUrl('?view=1,2,,4,5,6').view).toBeNull();
  });

  it("keeps other parameters (a file's src, a kiosk's) in their place, and drops follow without a selection", () => {
    const search = serializeUrl({ ...state, selection: null, follow: true, lang: null }, '?src=/mine.json&campaign=old&kiosk=1');
    expect(search.startsWith('?src=%2Fmine.json&kiosk=1&campaign=big-week-1944&t=')).toBe(true);
    expect(search).not.toContain('follow');
    expect(search).not.toContain('sel=');
  });
});

describe('which changes Back and Forward walk through', () => {
  const base: UrlSnapshot = {
    campaign: 'big-week-1944',
    periodId: '1944-02-20',
    time: 50000,
    playing: false,
    view: { camera: [0, 500, 300], target: [0, 0, 0] },
    selection: null,
    follow: false,
    lang: null,
  };
  const at = (over: Partial<UrlSnapshot>): UrlSnapshot => ({ ...base, ...over });

  it('pushes a new campaign, period or selection at once', () => {
    for (const change of [
      { campaign: 'korea-1951-strangle' },
      { periodId: '1944-02-21' },
      { selection: { kind: 'force' as const, id: 'm226-p47' } },
    ])
      expect(historyAction(base, at(change), base, 0)).toBe('push');
  });

  it('writes follow and language at once, in place: Back does not undo them', () => {
    for (const change of [{ follow: true }, { lang: 'zh' }]) expect(historyAction(base, at(change), base, 0)).toBe('replace');
  });

  it('pushes a seek while paused once it has settled, not while the slider still moves', () => {
    expect(historyAction(base, at({ time: 51000 }), at({ time: 50500 }), 5000)).toBeNull();
    expect(historyAction(base, at({ time: 51000 }), at({ time: 51000 }), 5000)).toBe('push');
  });

  it('only replaces for camera moves and time while playing, at most every 2 s', () => {
    const moved = at({ view: { camera: [10, 500, 300], target: [10, 0, 0] } });
    expect(historyAction(base, moved, moved, REPLACE_INTERVAL_MS - 1)).toBeNull();
    expect(historyAction(base, moved, moved, REPLACE_INTERVAL_MS)).toBe('replace');
    const playing = at({ playing: true });
    expect(historyAction(playing, at({ playing: true, time: 50600 }), at({ playing: true, time: 50300 }), 500)).toBeNull();
    expect(historyAction(playing, at({ playing: true, time: 50600 }), at({ playing: true, time: 50300 }), 2500)).toBe('replace');
  });

  it('writes a pause after playing at once, as a replacement: the link is exact when copied', () => {
    const playing = at({ playing: true, time: 50300 });
    expect(historyAction(playing, at({ time: 50900 }), at({ time: 50900 }), 100)).toBe('replace');
  });

  it('writes nothing when nothing changed; camera jitter under 5 m is no change', () => {
    expect(historyAction(base, base, base, 60_000)).toBeNull();
    const jitter = at({ view: { camera: [0.001, 500.002, 300], target: [0, 0, 0.004] } });
    expect(historyAction(base, jitter, jitter, 60_000)).toBeNull();
    expect(sameSnapshot(base, jitter)).toBe(true);
    expect(sameSnapshot(base, at({ time: 50001 }))).toBe(false);
  });
});
