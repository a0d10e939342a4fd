/**
 * App state that changes rarely (which campaign, which period, which panels). Per-frame values
 * live in the clock and in frame consumers, never here: a change here re-renders React.
 */
import { create } from 'zustand';
import { DEFAULT_VERTICAL_EXAGGERATION } from '../motion/flight.ts';
import type { CampaignEntry } from './campaigns.ts';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.ts';
import type { Selection } from './urlState.ts';

export interface AppState {
  entries: CampaignEntry[];
  loading: boolean;
  activeFile: string | null;
  periodId: string | null;
  problemsOpen: boolean;
  /** Scene km up per real km: relief and altitudes alike. */
  verticalExaggeration: number;
  setVerticalExaggeration: (v: number) => void;
  setEntries: (entries: CampaignEntry[]) => void;
  setActive: (file: string) => void;
  setPeriod: (periodId: string | null) => void;
  setProblemsOpen: (open: boolean) => void;
  /** A file the visitor opened: replaces the entry of the same file name; a valid one is shown at once. */
  addEntry: (entry: CampaignEntry) => void;
  /** Forgets a file that could not be loaded (the problems panel's dismiss). */
  removeEntry: (file: string) => void;
  /**
   * The interface language. src/i18n/i18n.ts follows it (loads the language's texts, then
   * switches i18next and `<html lang>`); the kiosk resets it, explore mode keeps it in the URL.
   */
  language: Language;
  setLanguage: (language: Language) => void;
  /** What the details panel shows: a force, a place or a lost aircraft (explore mode; in the URL as `sel`). */
  selection: Selection | null;
  /** The camera keeps with the selected force's lead aircraft. */
  following: boolean;
  select: (selection: Selection | null) => void;
  setFollowing: (following: boolean) => void;
}

export const useApp = create<AppState>((set) => ({
  entries: [],
  loading: true,
  activeFile: null,
  periodId: null,
  problemsOpen: false,
  verticalExaggeration: DEFAULT_VERTICAL_EXAGGERATION,
  setVerticalExaggeration: (verticalExaggeration) => set({ verticalExaggeration }),
  setEntries: (loaded) =>
    set((s) => {
      // Files the visitor opened while the bundled ones were loading stay, and win over a namesake.
      const entries = [...loaded.filter((l) => !s.entries.some((e) => e.file === l.file)), ...s.entries];
      // ?campaign=<id> opens that campaign; otherwise the first that loaded.
      const wanted = new URLSearchParams(window.location.search).get('campaign');
      const firstReady =
        entries.find((e) => e.status === 'ready' && e.campaign.records.campaign.id === wanted) ??
        entries.find((e) => e.status === 'ready');
      return {
        entries,
        loading: false,
        activeFile: s.activeFile ?? firstReady?.file ?? null,
        problemsOpen: entries.some((e) => e.status === 'invalid'),
      };
    }),
  setActive: (file) => set({ activeFile: file, periodId: null, selection: null, following: false }),
  setPeriod: (periodId) => set({ periodId }),
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
  addEntry: (entry) =>
    set((s) => {
      const at = s.entries.findIndex((e) => e.file === entry.file);
      const entries = at < 0 ? [...s.entries, entry] : s.entries.map((e, i) => (i === at ? entry : e));
      if (entry.status === 'ready')
        return { entries, loading: false, activeFile: entry.file, periodId: null, selection: null, following: false };
      // Still showing what was shown, unless that was this file's earlier version.
      const keep = entries.some((e) => e.file === s.activeFile && e.status === 'ready');
      const firstReady = entries.find((e) => e.status === 'ready');
      return { entries, problemsOpen: true, activeFile: keep ? s.activeFile : (firstReady?.file ?? null) };
    }),
  removeEntry: (file) => set((s) => ({ entries: s.entries.filter((e) => e.file !== file || e.status === 'ready') })),
  language: DEFAULT_LANGUAGE,
  setLanguage: (language) => set({ language }),
  selection: null,
  following: false,
  // Following needs a force: another selection ends it.
  select: (selection) =>
    set((s) => ({
      selection,
      following: s.following && selection?.kind === 'force' && s.selection?.kind === 'force' && s.selection.id === selection.id,
    })),
  setFollowing: (following) => set((s) => ({ following: following && s.selection?.kind === 'force' })),
}));
