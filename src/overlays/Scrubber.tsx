/**
 * Play, pause, speed and a time slider over the current period. Dragging seeks: the scene and
 * every figure are evaluated at the new time on the next frame, with nothing replayed.
 */
import { useRef, useState } from 'react';
import { SPEEDS, seek, setPlaying, setSpeed, type Clock } from '../timeline/clock.ts';
import { formatClock, formatStamp, parseClock } from '../timeline/format.ts';
import { setText, useLiveWriter } from './live.ts';

interface Props {
  clock: Clock;
  epochMs: number;
  utcOffset: string;
  clockLabel: string;
}

const speedLabel = (s: number) =>
  s < 60 ? `${s}×` : s < 3600 ? `${s / 60} min/s` : `${(s / 3600).toFixed(s % 3600 ? 1 : 0)} h/s`;

export function Scrubber({ clock, epochMs, utcOffset, clockLabel }: Props) {
  const range = useRef<HTMLInputElement>(null);
  const play = useRef<HTMLButtonElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [speed, setSpeedShown] = useState(clock.speed);

  useLiveWriter((f) => {
    const input = range.current;
    if (input && document.activeElement !== input) {
      const v = String(Math.round(f.clock.time));
      if (input.value !== v) input.value = v;
    }
    if (input) input.setAttribute('aria-valuetext', formatStamp(f.timeMs, utcOffset));
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

  return (
    <div className="scrubber" role="group" aria-label="Timeline">
      <button ref={play} className="scrubber__play" aria-label="Play" data-playing="false" onClick={togglePlay}>
        <span aria-hidden="true" className="scrubber__icon" />
      </button>
      <input
        ref={range}
        className="scrubber__range"
        type="range"
        aria-label="Time"
        min={clock.start}
        max={clock.end}
        step={60}
        defaultValue={clock.time}
        onInput={(e) => seek(clock, Number(e.currentTarget.value))}
      />
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
