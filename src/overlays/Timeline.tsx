/**
 * One timeline across the whole campaign: periods, nights, missions and their chapters, losses
 * as they happen, and the playhead. It zooms from the campaign down to one mission's hours;
 * drag, click or touch anywhere seeks. The playhead and the revealed losses move with the
 * clock through direct DOM writes, never a React render.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useApp } from '../app/store.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import type { CampaignFile } from '../records/schema.ts';
import { seek, type Clock } from '../timeline/clock.ts';
import type { CampaignTimeline, Chapter } from '../timeline/events.ts';
import { formatStamp, shortPeriodLabel, tickLabel } from '../timeline/format.ts';
import { clampWindow, follow, nightsIn, ticksFor, zoomWindow, type TimeWindow } from '../timeline/timelineView.ts';
import { useLiveWriter } from './live.ts';

interface Props {
  clock: Clock;
  timeline: CampaignTimeline;
  epochMs: number;
  utcOffset: string;
  /** Where nights are computed: the theatre's centre. */
  lat: number;
  lon: number;
  /** The plan's record loss times, sorted: the red ticks. */
  lossTimes: Float64Array;
  /** The campaign's records, to name periods and missions in the interface language. */
  records: CampaignFile;
}

const HEIGHT = 76;
const ROW = { period: 4, mission: 24, chapter: 36, loss: 52, tick: 66 } as const;

export type ZoomLevel = 'campaign' | 'period' | 'mission';

export function Timeline({ clock, timeline, epochMs, utcOffset, lat, lon, lossTimes, records }: Props) {
  const { start, end } = timeline;
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useRecordTexts(records);
  // Period and mission names in the interface language, once per language.
  const words = useMemo(() => {
    const periods = new Map(records.periods.map((p) => [p.id, p]));
    return {
      period: new Map(
        timeline.periods.map((p) => {
          const period = periods.get(p.id);
          return [
            p.id,
            period
              ? {
                  label: names.periodLabel(period),
                  short: shortPeriodLabel(period.start, period.end, records.campaign.utcOffset, language),
                }
              : p,
          ];
        }),
      ),
      mission: new Map(timeline.missions.map((m) => [m.id, names.mission(m)])),
    };
  }, [timeline, records, names, language]);
  const chapterName = (c: Chapter) => {
    const week = /^Week (\d+)$/.exec(c.name);
    return week ? t('timeline.week', { n: Number(week[1]) }) : t(`timeline.chapter.${c.name}`, { defaultValue: c.name });
  };
  const periodId = useApp((s) => s.periodId);
  const svg = useRef<SVGSVGElement>(null);
  const playhead = useRef<SVGGElement>(null);
  const played = useRef<SVGRectElement>(null);
  const shownAt = useRef({ halfPixel: NaN, view: null as TimeWindow | null, minute: NaN, language: '' });
  const range = useRef<HTMLInputElement>(null);
  const [width, setWidth] = useState(800);
  const [view, setView] = useState<TimeWindow>(() => initialWindow(timeline, clock.time));
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(100, Math.round(entry!.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const x = useMemo(() => linearScale(view, width), [view, width]);

  useLiveWriter((f) => {
    const t = f.clock.time;
    const w = viewRef.current;
    // A clock that leaves the window takes it along: to its new day or mission when the window
    // showed one, else a page at a time.
    const next = followClock(w, t, timeline);
    if (next !== w) {
      viewRef.current = next;
      setView(next);
      return;
    }
    // Written when they move by half a pixel or a minute: most frames of playback change
    // neither, and then allocate nothing.
    const px = ((t - w.from) / (w.to - w.from)) * width;
    const drawn = shownAt.current;
    const halfPixel = Math.round(px * 2);
    if (drawn.halfPixel !== halfPixel || drawn.view !== w) {
      playhead.current?.setAttribute('transform', `translate(${(halfPixel / 2).toFixed(1)},0)`);
      played.current?.setAttribute('width', String(Math.max(0, halfPixel / 2)));
      drawn.halfPixel = halfPixel;
      drawn.view = w;
    }
    const input = range.current;
    if (input) {
      // The slider takes no pointer (the drawing does), so it can always follow the clock.
      const v = Math.round(t / 60) * 60;
      if (input.valueAsNumber !== v) input.valueAsNumber = v;
      const minute = Math.floor(f.timeMs / 60_000);
      if (drawn.minute !== minute || drawn.language !== language) {
        input.setAttribute('aria-valuetext', formatStamp(f.timeMs, utcOffset, language));
        drawn.minute = minute;
        drawn.language = language;
      }
    }
  }, `${view.from}:${view.to}:${width}:${language}`);

  // Drag, click or touch anywhere on the track seeks; two fingers pinch to zoom.
  const pointers = useRef(new Map<number, number>());
  const pinch = useRef<{ distance: number; window: TimeWindow } | null>(null);
  const timeAt = (clientX: number) => {
    const box = svg.current!.getBoundingClientRect();
    return x.invert(clientX - box.left);
  };
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, e.clientX);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      pinch.current = { distance: Math.abs(a! - b!), window: view };
    } else seek(clock, timeAt(e.clientX));
    range.current?.focus({ preventScroll: true });
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, e.clientX);
    if (pinch.current && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      const factor = pinch.current.distance / Math.max(8, Math.abs(a! - b!));
      setView(zoomWindow(pinch.current.window, factor, timeAt((a! + b!) / 2), start, end));
    } else if (!pinch.current) seek(clock, timeAt(e.clientX));
  };
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  };

  // The wheel zooms about the pointer; it must not scroll the page.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const w = viewRef.current;
      const anchor = w.from + ((e.clientX - box.left) / box.width) * (w.to - w.from);
      setView(zoomWindow(w, Math.exp(e.deltaY * 0.002), anchor, start, end));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [start, end]);

  const zoomTo = (level: ZoomLevel) => setView(windowFor(level, timeline, clock.time));
  const level = levelOf(view, timeline, clock.time);
  const visible = (a: number, b: number) => b > view.from && a < view.to;
  const ticks = useMemo(() => ticksFor(view, epochMs, utcOffset, width), [view, epochMs, utcOffset, width]);
  const nights = useMemo(() => nightsIn(view, epochMs, lat, lon), [view, epochMs, lat, lon]);
  const chapters = view.to - view.from <= 1.5 * 86400 ? focusChapters(timeline, view) : [];
  const lossPath = useMemo(() => {
    let d = '';
    let last = -1;
    for (const t of lossTimes) {
      if (t < view.from || t > view.to) continue;
      const px = Math.round(x(t));
      if (px === last) continue; // one tick per pixel is all the eye can tell
      last = px;
      d += `M${px} ${ROW.loss}v9`;
    }
    return d;
  }, [lossTimes, view, x]);
  const longPeriods = timeline.periods.some((p) => p.to - p.from > 3 * 86400);

  return (
    <div className="timeline">
      <div className="timeline__zoom" role="group" aria-label={t('timeline.zoom')}>
        <button aria-pressed={level === 'campaign'} onClick={() => zoomTo('campaign')}>
          {t('timeline.campaign')}
        </button>
        <button aria-pressed={level === 'period'} onClick={() => zoomTo('period')}>
          {longPeriods ? t('timeline.month') : t('timeline.day')}
        </button>
        <button aria-pressed={level === 'mission'} onClick={() => zoomTo('mission')} disabled={timeline.missions.length === 0}>
          {t('timeline.mission')}
        </button>
      </div>
      <div className="timeline__track">
        <svg
          ref={svg}
          className="timeline__svg"
          height={HEIGHT}
          role="presentation"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          <defs>
            <clipPath id="timeline-played">
              <rect ref={played} x={0} y={0} width={0} height={HEIGHT} />
            </clipPath>
          </defs>
          {nights.map((n) => (
            <rect key={n.from} className="timeline__night" x={x(n.from)} width={x(n.to) - x(n.from)} y={0} height={HEIGHT} />
          ))}
          {timeline.periods
            .filter((p) => visible(p.from, p.to))
            .map((p) => (
              <g key={p.id} className={p.id === periodId ? 'timeline__period timeline__period--current' : 'timeline__period'}>
                <rect x={x(p.from) + 1} width={Math.max(0, x(p.to) - x(p.from) - 2)} y={ROW.period} height={14} rx={3} />
                <text x={Math.max(x(p.from), 0) + 6} y={ROW.period + 11}>
                  {periodText(words.period.get(p.id) ?? p, x(p.to) - x(p.from))}
                </text>
              </g>
            ))}
          {timeline.missions
            .filter((m) => visible(m.from, m.to))
            .map((m, i) => (
              <rect
                key={m.id}
                className="timeline__mission"
                x={x(m.from)}
                width={Math.max(2, x(m.to) - x(m.from))}
                y={ROW.mission + (i % 2) * 4}
                height={4}
              >
                <title>{words.mission.get(m.id) ?? m.label}</title>
              </rect>
            ))}
          {chapters.map((c) => (
            <g
              key={`${c.missionId}-${c.name}`}
              className={`timeline__chapter timeline__chapter--${c.name.toLowerCase().replace(/\s+/g, '-')}`}
            >
              <rect x={x(c.from)} width={Math.max(1, x(c.to) - x(c.from))} y={ROW.chapter} height={12} />
              <text x={x(c.from) + 3} y={ROW.chapter + 9.5}>
                {chapterText(chapterName(c), x(c.to) - x(c.from))}
              </text>
              <title>{c.schematic ? t('timeline.chapterSchematic', { name: chapterName(c) }) : chapterName(c)}</title>
            </g>
          ))}
          <path className="timeline__losses" d={lossPath} clipPath="url(#timeline-played)" />
          {ticks.map((tick) => (
            <g key={tick.t} className={tick.major ? 'timeline__tick timeline__tick--major' : 'timeline__tick'}>
              <line x1={x(tick.t)} x2={x(tick.t)} y1={ROW.tick - 4} y2={ROW.tick} />
              <text x={x(tick.t) + 3} y={ROW.tick + 8}>
                {tickLabel(tick.label, epochMs + tick.t * 1000, utcOffset, language)}
              </text>
            </g>
          ))}
          <g ref={playhead} className="timeline__playhead">
            <line x1={0} x2={0} y1={0} y2={HEIGHT} />
            <path d="M-6 0h12l-6 7z" />
          </g>
        </svg>
        <input
          ref={range}
          className="timeline__range"
          type="range"
          aria-label={t('timeline.time')}
          min={start}
          max={end}
          step={60}
          defaultValue={clock.time}
          onInput={(e) => seek(clock, Number(e.currentTarget.value))}
        />
      </div>
    </div>
  );
}

/** A chapter's name, or its initial where the chapter is too narrow for it. */
function chapterText(name: string, widthPx: number): string {
  if (widthPx > name.length * 6.5 + 6) return name;
  return widthPx > 12 ? name[0]! : '';
}

/** The period's name as long as fits: "Sunday 20 February 1944", "Sun 20 Feb", "20". */
function periodText(p: { label: string; short: string }, widthPx: number): string {
  if (widthPx > p.label.length * 6.6 + 12) return p.label;
  if (widthPx > p.short.length * 6.6 + 12) return p.short;
  return '';
}

function initialWindow(timeline: CampaignTimeline, t: number): TimeWindow {
  // A campaign of days opens on the whole week; one of months on the current month.
  const long = timeline.periods.some((p) => p.to - p.from > 3 * 86400);
  return windowFor(long ? 'period' : 'campaign', timeline, t);
}

/** Seconds to pixels across the track, and back: all the timeline's drawing needs of a scale. */
function linearScale(view: TimeWindow, width: number) {
  const k = width / Math.max(1, view.to - view.from);
  const x = (t: number) => (t - view.from) * k;
  x.invert = (px: number) => view.from + px / k;
  return x;
}

function followClock(w: TimeWindow, t: number, timeline: CampaignTimeline): TimeWindow {
  if (t >= w.from && t <= w.to) return w;
  const level = levelOf(w, timeline, w.from + (w.to - w.from) / 2);
  if (level === 'period' || level === 'mission') {
    const next = windowFor(level, timeline, t);
    if (t >= next.from && t <= next.to) return next;
  }
  return follow(w, t, timeline.start, timeline.end);
}

export function windowFor(level: ZoomLevel, timeline: CampaignTimeline, t: number): TimeWindow {
  const { start, end } = timeline;
  if (level === 'campaign') return { from: start, to: end };
  if (level === 'period') {
    const p = timeline.periods.find((q) => t >= q.from && t < q.to) ?? timeline.periods[0]!;
    return clampWindow({ from: p.from, to: p.to }, start, end);
  }
  const m = focusMission(timeline, t);
  if (!m) return windowFor('period', timeline, t);
  const pad = (m.to - m.from) * 0.04;
  return clampWindow({ from: m.from - pad, to: m.to + pad }, start, end);
}

function levelOf(view: TimeWindow, timeline: CampaignTimeline, t: number): ZoomLevel | null {
  const same = (w: TimeWindow) => Math.abs(w.from - view.from) < 1 && Math.abs(w.to - view.to) < 1;
  return (['campaign', 'period', 'mission'] as const).find((l) => same(windowFor(l, timeline, t))) ?? null;
}

/** The mission under way at `t` with the longest span, else the next one, else the last. */
function focusMission(timeline: CampaignTimeline, t: number) {
  const active = timeline.missions.filter((m) => t >= m.from && t <= m.to);
  if (active.length) return active.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  return timeline.missions.find((m) => m.from > t) ?? timeline.missions[timeline.missions.length - 1];
}

/** The chapters of the longest mission in view. */
function focusChapters(timeline: CampaignTimeline, view: TimeWindow): Chapter[] {
  const inView = timeline.missions.filter((m) => m.to > view.from && m.from < view.to);
  if (!inView.length) return timeline.chapters.filter((c) => !c.missionId && c.to > view.from && c.from < view.to);
  const main = inView.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  return timeline.chapters.filter((c) => c.missionId === main.id);
}
