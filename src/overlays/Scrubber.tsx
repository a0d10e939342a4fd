/**
 * The transport: play and pause, step, jump to the previous or next event, loop, a typed time
 * and the speed. Every seek shows the exact state on the next frame, with nothing replayed.
 * Keyboard: Space plays or pauses, arrows step a minute, Shift+arrows go by period, Home/End
 * to the ends of the campaign.
 */
import { useEffect, useRef, useState } from 'react';
import { SPEEDS, seek, setPlaying, setSpeed, type Clock } from '../timeline/clock.ts';
import { nextEvent, previousEvent, type CampaignTimeline, type EventKind } from '../timeline/events.ts';
import { formatClock, parseClock } from '../timeline/format.ts';
import { Timeline } from './Timeline.tsx';
import { setText, useLiveWriter } from './live.ts';

interface Props {
  clock: Clock;
  timeline: CampaignTimeline;
  epochMs: number;
  utcOffset: string;
  clockLabel: string;
  lat: number;
  lon: number;
  lossTimes: Float64Array;
}

const STEP_S = 60;
const JUMPS: Record<string, { label: string; kinds?: ReadonlySet<EventKind> }> = {
  any: { label: 'any event', kinds: new Set<EventKind>(['loss', 'target', 'rendezvous', 'takeoff']) },
  loss: { label: 'loss', kinds: new Set<EventKind>(['loss']) },
  target: { label: 'target', kinds: new Set<EventKind>(['target']) },
  rendezvous: { label: 'rendezvous', kinds: new Set<EventKind>(['rendezvous']) },
};

const speedLabel = (s: number) =>
  s < 60 ? `${s}×` : s < 3600 ? `${s / 60} min/s` : `${(s / 3600).toFixed(s % 3600 ? 1 : 0)} h/s`;

export function Scrubber({ clock, timeline, epochMs, utcOffset, clockLabel, lat, lon, lossTimes }: Props) {
  const play = useRef<HTMLButtonElement>(null);
  const loop = useRef<HTMLButtonElement>(null);
  const [jump, setJump] = useState('any');
  const readout = useRef<HTMLOutputElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [speed, setSpeedShown] = useState(clock.speed);

  useLiveWriter((f) => {
    setText(readout.current, formatClock(f.timeMs, utcOffset));
    const button = play.current;
    if (button) {
      const label = f.clock.playing ? 'Pause' : 'Play';
      if (button.getAttribute('aria-label') !== label) {
        button.setAttribute('aria-label', label);
        button.dataset.playing = String(f.clock.playing);
      }
    }
  });

  const togglePlay = () => setPlaying(clock, !clock.playing);
  const jumpTo = (direction: 1 | -1) => {
    const kinds = JUMPS[jump]!.kinds;
    const e = direction > 0 ? nextEvent(timeline, clock.time, kinds) : previousEvent(timeline, clock.time, kinds);
    if (e) seek(clock, e.t);
  };
  useTransportKeys(clock, timeline);

  return (
    <div className="scrubber" role="group" aria-label="Timeline">
      <button ref={play} className="scrubber__play" aria-label="Play" data-playing="false" onClick={togglePlay}>
        <span aria-hidden="true" className="scrubber__icon" />
      </button>
      <button className="scrubber__step" aria-label="Step back one minute" onClick={() => seek(clock, clock.time - STEP_S)}>
        <span aria-hidden="true">−1′</span>
      </button>
      <button className="scrubber__step" aria-label="Step forward one minute" onClick={() => seek(clock, clock.time + STEP_S)}>
        <span aria-hidden="true">+1′</span>
      </button>
      <Timeline
        clock={clock}
        timeline={timeline}
        epochMs={epochMs}
        utcOffset={utcOffset}
        lat={lat}
        lon={lon}
        lossTimes={lossTimes}
      />
      <div className="scrubber__jump" role="group" aria-label="Jump between events">
        <button aria-label={`Previous ${JUMPS[jump]!.label}`} onClick={() => jumpTo(-1)}>
          <Icon d="M6 5v14M19 5l-10 7 10 7z" />
        </button>
        <label>
          <span className="visually-hidden">Jump to</span>
          <select value={jump} onChange={(e) => setJump(e.target.value)}>
            {Object.entries(JUMPS).map(([k, j]) => (
              <option key={k} value={k}>
                {j.label}
              </option>
            ))}
          </select>
        </label>
        <button aria-label={`Next ${JUMPS[jump]!.label}`} onClick={() => jumpTo(1)}>
          <Icon d="M18 5v14M5 5l10 7-10 7z" />
        </button>
      </div>
      <button
        ref={loop}
        className="scrubber__loop"
        aria-label="Loop"
        aria-pressed={clock.loop}
        onClick={(e) => toggleLoop(clock, e.currentTarget)}
      >
        <Icon d="M4 12a8 8 0 1 0 2.3-5.6M4 4v5h5" />
      </button>
      <form
        className="scrubber__clock"
        onSubmit={(e) => {
          e.preventDefault();
          const at = typed === null ? null : parseClock(typed, epochMs + clock.time * 1000, utcOffset);
          if (at !== null) seek(clock, (at - epochMs) / 1000);
          setTyped(null);
        }}
      >
        {typed === null ? (
          <button
            type="button"
            className="scrubber__readout"
            title={`Clock: ${clockLabel}. Click to type a time.`}
            aria-label="Type a time to go to"
            onClick={() => setTyped(formatClock(epochMs + clock.time * 1000, utcOffset))}
          >
            <output ref={readout} aria-live="off">
              --:--
            </output>
          </button>
        ) : (
          <input
            autoFocus
            className="scrubber__typed"
            aria-label="Go to time (HH:MM)"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={() => setTyped(null)}
          />
        )}
      </form>
      <label className="scrubber__speed">
        <span className="visually-hidden">Speed</span>
        <select
          value={speed}
          onChange={(e) => {
            setSpeed(clock, Number(e.target.value));
            setSpeedShown(clock.speed);
          }}
        >
          {[...new Set([...SPEEDS, clock.speed])]
            .sort((a, b) => a - b)
            .map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}

function Icon({ d }: { d: string }) {
  return (
    <svg
      aria-hidden="true"
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinejoin="round"
      strokeLinecap="round"
    >
      <path d={d} />
    </svg>
  );
}

function toggleLoop(clock: Clock, button: HTMLButtonElement) {
  clock.loop = !clock.loop;
  button.setAttribute('aria-pressed', String(clock.loop));
}

/** Keys that drive the clock from anywhere on the page, except where they mean something else. */
function useTransportKeys(clock: Clock, timeline: CampaignTimeline) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName ?? '';
      const onRange = tag === 'INPUT' && (target as HTMLInputElement).type === 'range';
      const typing = (tag === 'INPUT' && !onRange) || tag === 'SELECT' || tag === 'TEXTAREA' || target?.isContentEditable;
      if (typing) return;
      const periodStart = (direction: 1 | -1) => {
        const starts = timeline.periods.map((p) => p.from);
        const t = clock.time;
        return direction > 0 ? starts.find((s) => s > t + 1) : [...starts].reverse().find((s) => s < t - 1);
      };
      if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'SUMMARY' && tag !== 'A') {
        setPlaying(clock, !clock.playing);
      } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.shiftKey) {
        const to = periodStart(e.key === 'ArrowRight' ? 1 : -1);
        if (to !== undefined) seek(clock, to);
      } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !onRange && tag !== 'BUTTON') {
        seek(clock, clock.time + (e.key === 'ArrowRight' ? STEP_S : -STEP_S));
      } else if ((e.key === 'Home' || e.key === 'End') && !onRange) {
        seek(clock, e.key === 'Home' ? clock.start : clock.end);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, timeline]);
}
