/**
 * App state that changes rarely (which campaign, which period, which panels). Per-frame values
 * live in the clock and in frame consumers, never here: a change here re-renders React.
 */
import { create } from 'zustand';
import { DEFAULT_VERTICAL_EXAGGERATION } from '../motion/flight.ts';
import type { CampaignEntry } from './campaigns.ts';

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
}

export const useApp = create<AppState>((set) => ({
  entries: [],
  loading: true,
  activeFile: null,
  periodId: null,
  problemsOpen: false,
  verticalExaggeration: DEFAULT_VERTICAL_EXAGGERATION,
  setVerticalExaggeration: (verticalExaggeration) => set({ verticalExaggeration }),
  setEntries: (entries) =>
    set((s) => {
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
  setActive: (file) => set({ activeFile: file, periodId: null }),
  setPeriod: (periodId) => set({ periodId }),
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
}));
