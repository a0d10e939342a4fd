/**
 * The tours bundled with the app: every `data/tours/*.json`, each in a chunk of its own that
 * loads only when a kiosk asks for it (explore mode never does).
 */
import { loadTourText, type TourResult } from './schema.ts';

const bundled = import.meta.glob<string>('../../data/tours/*.json', { query: '?raw', import: 'default' });

/** File names (`big-week.json`) of the bundled tours, sorted. */
export function bundledTourFiles(): string[] {
  return Object.keys(bundled)
    .map((path) => path.slice(path.lastIndexOf('/') + 1))
    .sort();
}

/** Loads and validates every bundled tour; a file that fails is reported, never dropped silently. */
export async function loadBundledTours(): Promise<TourResult[]> {
  const entries = Object.entries(bundled).sort(([a], [b]) => a.localeCompare(b));
  return Promise.all(
    entries.map(async ([path, read]) => {
      const file = path.slice(path.lastIndexOf('/') + 1);
      try {
        return loadTourText(file, await read());
      } catch (e) {
        return {
          ok: false,
          file,
          problems: [`${file}: could not be read: ${e instanceof Error ? e.message : String(e)}`],
        } as const;
      }
    }),
  );
}
