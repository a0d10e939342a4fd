/**
 * The mission log: what has just happened, following the clock ("13:42, 1st force over
 * Leipzig-Mockau; 3 lost so far"). The list is rewritten only when the clock passes an event,
 * straight into the DOM; a polite live region reads new entries to screen readers, at most one
 * every few seconds so that fast playback does not drown them.
 */
import { useRef } from 'react';
import type { FlightPlan } from '../motion/compile.ts';
import { upperBound, type CampaignTimeline, type TimelineEvent } from '../timeline/events.ts';
import { formatClock } from '../timeline/format.ts';
import { periodLostAt } from '../timeline/periodFigures.ts';
import { useLiveWriter } from './live.ts';

const SHOWN = 4;
const ANNOUNCE_EVERY_MS = 4000;

interface Props {
  timeline: CampaignTimeline;
  plan: FlightPlan;
  utcOffset: string;
}

export function MissionLog({ timeline, plan, utcOffset }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const live = useRef<HTMLDivElement>(null);
  const state = useRef({ index: -1, announcedAt: 0, announcedIndex: -1 });

  useLiveWriter((f) => {
    const index = upperBound(timeline.eventTimes, f.clock.time);
    const s = state.current;
    if (index !== s.index) {
      const moved = index - s.index;
      s.index = index;
      const el = list.current;
      if (el) {
        el.replaceChildren(
          ...timeline.events
            .slice(Math.max(0, index - SHOWN), index)
            .reverse()
            .map((e) => entry(e, plan, utcOffset)),
        );
      }
      // Announce forward progress in play, not every jump back and forth of a scrub.
      const now = performance.now();
      if (f.clock.playing && moved > 0 && index > 0 && now - s.announcedAt > ANNOUNCE_EVERY_MS && live.current) {
        live.current.textContent = logLine(timeline.events[index - 1]!, plan, utcOffset);
        s.announcedAt = now;
      }
    }
  });

  if (timeline.events.length === 0) return null;
  return (
    <section className="panel mission-log" aria-label="Mission log">
      <h2 className="panel__title">Mission log</h2>
      <ol ref={list} className="mission-log__list" />
      <div ref={live} className="visually-hidden" aria-live="polite" role="status" />
    </section>
  );
}

/** "13:42, 1st force (Leipzig) over Leipzig-Mockau; 3 lost so far" */
export function logLine(e: TimelineEvent, plan: FlightPlan, utcOffset: string): string {
  const lost = periodLostAt(plan, e.periodId, e.t);
  return `${formatClock(plan.epochMs + e.t * 1000, utcOffset)}, ${e.text}; ${lost} lost so far`;
}

function entry(e: TimelineEvent, plan: FlightPlan, utcOffset: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `mission-log__entry mission-log__entry--${e.kind}`;
  li.textContent = logLine(e, plan, utcOffset);
  if (e.schematic) li.title = 'Time reconstructed (schematic), not stated by a source';
  return li;
}
