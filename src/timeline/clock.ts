/**
 * The campaign clock: the one mutable value the scene is a function of. Kept outside React
 * (per-frame state must not re-render), read by every frame consumer with plain property access.
 */
export interface Clock {
  /** Seconds after the flight plan's epoch. */
  time: number;
  playing: boolean;
  /** Simulated seconds per real second. */
  speed: number;
  /** The playable range, in seconds after the epoch. */
  start: number;
  end: number;
  loop: boolean;
  /** Bumped on every seek, so that throttled readers redraw at once. */
  revision: number;
}

/** Real time up to a day in ten seconds (8640), and a week a second for campaigns counted in months. */
export const SPEEDS = [1, 10, 60, 300, 600, 900, 3600, 8640, 86400, 604800] as const;

/** The listed speed that plays `seconds` of campaign time in about `playSeconds` of real time. */
export function speedFor(seconds: number, playSeconds = 150): number {
  const wanted = seconds / playSeconds;
  return SPEEDS.reduce((best, s) => (Math.abs(Math.log(s / wanted)) < Math.abs(Math.log(best / wanted)) ? s : best), SPEEDS[0]);
}

export function createClock(start: number, end: number): Clock {
  return { time: start, playing: false, speed: 600, start, end, loop: false, revision: 0 };
}

export function seek(clock: Clock, time: number): void {
  clock.time = Math.min(clock.end, Math.max(clock.start, time));
  clock.revision++;
}

/** Advances a playing clock by `dt` real seconds; stops (or loops) at the end of the range. */
export function advance(clock: Clock, dt: number): void {
  if (!clock.playing) return;
  // A background tab returns with a huge dt: cap it so the scene never leaps hours.
  const next = clock.time + Math.min(dt, 0.25) * clock.speed;
  if (next >= clock.end) {
    if (clock.loop) clock.time = clock.start + (next - clock.end);
    else {
      clock.time = clock.end;
      clock.playing = false;
    }
  } else clock.time = next;
}

/** Play or pause; playing from the very end starts again from the beginning. */
export function setPlaying(clock: Clock, playing: boolean): void {
  if (playing && clock.time >= clock.end) clock.time = clock.start;
  clock.playing = playing;
  clock.revision++;
}

export function setSpeed(clock: Clock, speed: number): void {
  clock.speed = speed;
}
