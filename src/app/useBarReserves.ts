import { useLayoutEffect, type RefObject } from 'react';

/**
 * Keeps `--top-reserve` and `--bottom-reserve` (where the side panels start and stop) at what the
 * top bar and the bottom bar take: the top bar wraps to another row on a narrow window or with a
 * kiosk's larger buttons, the legend grows with a campaign's layers, and panels must never slide
 * under either. Runs when a bar resizes, not per frame.
 */
export function useBarReserves(top: RefObject<HTMLElement | null>, bottom: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const topBar = top.current;
    const bottomBar = bottom.current;
    const root = document.documentElement;
    const apply = () => {
      if (topBar) root.style.setProperty('--top-reserve', `${Math.ceil(topBar.getBoundingClientRect().bottom) + 4}px`);
      if (bottomBar)
        root.style.setProperty(
          '--bottom-reserve',
          `${Math.ceil(window.innerHeight - bottomBar.getBoundingClientRect().top) + 8}px`,
        );
    };
    apply();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(apply);
    for (const el of [topBar, bottomBar]) if (el) observer.observe(el);
    window.addEventListener('resize', apply);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', apply);
    };
  }, [top, bottom]);
}
