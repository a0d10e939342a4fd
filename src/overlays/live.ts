/**
 * Live overlay text without React: components register writers that put figures straight into
 * the DOM; the scene's frame loop publishes one frame object to them whenever time moves.
 */
import { useEffect, useRef } from 'react';
import type { Clock } from '../timeline/clock.ts';
import type { FiguresNow } from '../timeline/periodFigures.ts';

export interface LiveFrame {
  clock: Clock;
  /** Campaign clock as ms since the Unix epoch. */
  timeMs: number;
  figures: FiguresNow;
  periodId: string | null;
  airborne: number;
  /** Aircraft of the current period lost so far. */
  lost: number;
}

type Writer = (frame: LiveFrame) => void;
const writers = new Set<Writer>();
let last: LiveFrame | null = null;

export function publish(frame: LiveFrame): void {
  last = frame;
  for (const w of writers) w(frame);
}

/**
 * Registers `writer` for the component's lifetime; it runs at once with the latest frame, and
 * again whenever `redrawOn` changes (new DOM to fill, e.g. another period's rows).
 */
export function useLiveWriter(writer: Writer, redrawOn: unknown = null): void {
  const ref = useRef(writer);
  useEffect(() => {
    ref.current = writer;
  });
  useEffect(() => {
    if (last) ref.current(last);
  }, [redrawOn]);
  useEffect(() => {
    const w: Writer = (f) => ref.current(f);
    writers.add(w);
    if (last) w(last);
    return () => {
      writers.delete(w);
    };
  }, []);
}

/** Sets text only when it changed, so unchanged cells cost no layout. */
export function setText(el: Element | null | undefined, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}
