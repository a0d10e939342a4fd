/**
 * The mission log: what has just happened, following the clock ("13:42, 1st force over
 * Leipzig-Mockau; 3 lost so far"). The list is rewritten only when the clock passes an event,
 * straight into the DOM; a polite live region reads new entries to screen readers, at most one
 * every few seconds so that fast playback does not drown them.
 */
import type { TFunction } from 'i18next';
import { useMemo, useRef } from 'react';
import { useTranslation } from '../i18n/hooks.ts';
import { recordTextsOf, type RecordTexts } from '../i18n/records.ts';
import type { FlightPlan } from '../motion/compile.ts';
import type { CampaignFile } from '../records/schema.ts';
import type { CampaignTimeline, EventPhrase, ForceName, TimelineEvent } from '../timeline/events.ts';
import { formatClock } from '../timeline/format.ts';
import { periodLostAt } from '../timeline/periodFigures.ts';
import { countAtOrBefore } from '../timeline/sorted.ts';
import { useLiveWriter } from './live.ts';

const SHOWN = 4;
const ANNOUNCE_EVERY_MS = 4000;

interface Props {
  timeline: CampaignTimeline;
  plan: FlightPlan;
  utcOffset: string;
  /** The campaign's records, to name missions, forces and places in the interface language. */
  records?: CampaignFile;
}

export function MissionLog({ timeline, plan, utcOffset, records }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const live = useRef<HTMLDivElement>(null);
  const state = useRef({ index: -1, announcedAt: 0, announcedIndex: -1, lines: null as unknown });
  const { t } = useTranslation();
  const recordsT = useTranslation('records').t;
  // Every line of the log, worded once per language: the writer below runs every frame and
  // only picks lines, never calls t().
  const lines = useMemo(() => {
    const names = records ? recordTextsOf(recordsT, records) : undefined;
    return {
      text: timeline.events.map((e) => logLine(e, plan, utcOffset, t, names)),
      schematic: t('log.schematicTime'),
    };
  }, [timeline, plan, utcOffset, t, recordsT, records]);

  useLiveWriter((f) => {
    const index = countAtOrBefore(timeline.eventTimes, f.clock.time);
    const s = state.current;
    // A new language (new lines) rewrites the entries shown, without announcing them again.
    if (index !== s.index || s.lines !== lines) {
      const moved = s.lines === lines ? index - s.index : 0;
      s.index = index;
      s.lines = lines;
      const el = list.current;
      if (el) {
        const shown: HTMLLIElement[] = [];
        for (let i = index - 1; i >= Math.max(0, index - SHOWN); i--)
          shown.push(entry(timeline.events[i]!, lines.text[i]!, lines.schematic));
        el.replaceChildren(...shown);
      }
      // Announce forward progress in play, not every jump back and forth of a scrub.
      const now = performance.now();
      if (f.clock.playing && moved > 0 && index > 0 && now - s.announcedAt > ANNOUNCE_EVERY_MS && live.current) {
        live.current.textContent = lines.text[index - 1]!;
        s.announcedAt = now;
      }
    }
  }, lines);

  if (timeline.events.length === 0) return null;
  return (
    <section className="panel mission-log" aria-label={t('log.label')}>
      <h2 className="panel__title">{t('log.label')}</h2>
      <ol ref={list} className="mission-log__list" />
      <div ref={live} className="visually-hidden" aria-live="polite" role="status" />
    </section>
  );
}

/**
 * "13:42, 1st force (Leipzig) over Leipzig-Mockau; 3 lost so far", in the language of `t`
 * (English without it), naming missions, forces and places through `names` where given.
 */
export function logLine(e: TimelineEvent, plan: FlightPlan, utcOffset: string, t?: TFunction, names?: RecordTexts): string {
  const lost = periodLostAt(plan, e.periodId, e.t);
  const time = formatClock(plan.epochMs + e.t * 1000, utcOffset);
  if (!t) return `${time}, ${e.text}; ${lost} lost so far`;
  return t('log.line', { time, event: eventText(e.phrase, t, names), lost });
}

/** An event's phrase in the language of `t`. */
export function eventText(p: EventPhrase, t: TFunction, names?: RecordTexts): string {
  const force = (f: ForceName) => {
    const label = names ? names.force(f) : f.label;
    return label ?? t('log.forceOfType', { aircraft: f.aircraft });
  };
  const mission = (m: { id: string; label: string }) => (names ? names.mission(m) : m.label);
  switch (p.kind) {
    case 'takeoff':
      return t('log.takeoff', { mission: mission(p.mission), force: force(p.force) });
    case 'rendezvous':
      return t('log.rendezvous', { force: force(p.force) });
    case 'target':
      return t('log.target', { force: force(p.force), place: names ? names.place(p.place) : p.place.name });
    case 'turnBack':
      return t('log.turnBack', { force: force(p.force) });
    case 'loss':
      return t('log.loss', { n: p.n, aircraft: p.force.aircraft, force: force(p.force) });
    case 'landed':
      return t('log.landed', { mission: mission(p.mission) });
  }
}

function entry(e: TimelineEvent, line: string, schematicTitle: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `mission-log__entry mission-log__entry--${e.kind}`;
  li.textContent = line;
  if (e.schematic) li.title = schematicTitle;
  return li;
}
