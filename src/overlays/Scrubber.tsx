/**
 * The transport: play and pause, step, jump to the previous or next event, loop, a typed time
 * and the speed. Every seek shows the exact state on the next frame, with nothing replayed.
 * Keyboard: Space plays or pauses, arrows step a minute, Shift+arrows go by period, Home/End
 * to the ends of the campaign.
 */
import { useEffect, useRef, useState } from 'react';
import { useLanguage, useTranslation } from '../i18n/hooks.ts';
import type { CampaignFile } from '../records/schema.ts';
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
  /** The campaign's records, for the timeline's names of periods and missions. */
  records: CampaignFile;
}

const STEP_S = 60;
/** The kinds of event the jump buttons go to; each is named by `scrubber.jump.<key>` (common.json). */
const JUMPS: Record<string, { kinds?: ReadonlySet<EventKind> }> = {
  any: { kinds: new Set<EventKind>(['loss', 'target', 'rendezvous', 'takeoff']) },
  loss: { kinds: new Set<EventKind>(['loss']) },
  target: { kinds: new Set<EventKind>(['target']) },
  rendezvous: { kinds: new Set<EventKind>(['rendezvous']) },
};

type T = ReturnType<typeof useTranslation>['t'];
const speedLabel = (s: number, t: T) =>
  s < 60
    ? t('scrubber.speedTimes', { speed: s })
    : s < 3600
      ? t('scrubber.speedMinutes', { speed: s / 60 })
      : t('scrubber.speedHours', { speed: (s / 3600).toFixed(s % 3600 ? 1 : 0) });

export function Scrubber({ clock, timeline, epochMs, utcOffset, clockLabel, lat, lon, lossTimes, records }: Props) {
  const play = useRef<HTMLButtonElement>(null);
  const loop = useRef<HTMLButtonElement>(null);
  const [jump, setJump] = useState('any');
  const readout = useRef<HTMLOutputElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [speed, setSpeedShown] = useState(clock.speed);
  const { t } = useTranslation();
  const language = useLanguage();
  // Worded at render, read by the writer every frame.
  const playLabels = { pause: t('scrubber.pause'), play: t('scrubber.play') };

  const shown = useRef({ minute: NaN, readout: null as HTMLOutputElement | null });
  useLiveWriter((f) => {
    // Formatted once a minute (or for a readout mounted afresh after typing), not every frame.
    const minute = Math.floor(f.timeMs / 60_000);
    if (minute !== shown.current.minute || readout.current !== shown.current.readout) {
      setText(readout.current, formatClock(f.timeMs, utcOffset));
      shown.current.minute = minute;
      shown.current.readout = readout.current;
    }
    const button = play.current;
    if (button) {
      const label = f.clock.playing ? playLabels.pause : playLabels.play;
      if (button.getAttribute('aria-label') !== label) {
        button.setAttribute('aria-label', label);
        button.dataset.playing = String(f.clock.playing);
      }
    }
  }, language);

  const togglePlay = () => setPlaying(clock, !clock.playing);
  const jumpTo = (direction: 1 | -1) => {
    const kinds = JUMPS[jump]!.kinds;
    const e = direction > 0 ? nextEvent(timeline, clock.time, kinds) : previousEvent(timeline, clock.time, kinds);
    if (e) seek(clock, e.t);
  };
  useTransportKeys(clock, timeline);

  return (
    <div className="scrubber" role="group" aria-label={t('scrubber.label')}>
      <button ref={play} className="scrubber__play" aria-label={playLabels.play} data-playing="false" onClick={togglePlay}>
        <span aria-hidden="true" className="scrubber__icon" />
      </button>
      <button className="scrubber__step" aria-label={t('scrubber.stepBack')} onClick={() => seek(clock, clock.time - STEP_S)}>
        <span aria-hidden="true">−1′</span>
      </button>
      <button className="scrubber__step" aria-label={t('scrubber.stepForward')} onClick={() => seek(clock, clock.time + STEP_S)}>
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
        records={records}
      />
      <div className="scrubber__jump" role="group" aria-label={t('scrubber.jumpGroup')}>
        <button aria-label={t(`scrubber.previous.${jump}`)} onClick={() => jumpTo(-1)}>
          <Icon d="M6 5v14M19 5l-10 7 10 7z" />
        </button>
        <label>
          <span className="visually-hidden">{t('scrubber.jumpTo')}</span>
          <select value={jump} onChange={(e) => setJump(e.target.value)}>
            {Object.keys(JUMPS).map((k) => (
              <option key={k} value={k}>
                {t(`scrubber.jump.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button aria-label={t(`scrubber.next.${jump}`)} onClick={() => jumpTo(1)}>
          <Icon d="M18 5v14M5 5l10 7-10 7z" />
        </button>
      </div>
      <button
        ref={loop}
        className="scrubber__loop"
        aria-label={t('scrubber.loop')}
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
            title={t('scrubber.clockTitle', { clock: clockLabel })}
            aria-label={t('scrubber.typeTime')}
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
            aria-label={t('scrubber.goToTime')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={() => setTyped(null)}
          />
        )}
      </form>
      <label className="scrubber__speed">
        <span className="visually-hidden">{t('scrubber.speed')}</span>
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
                {speedLabel(s, t)}
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
