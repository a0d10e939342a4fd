/**
 * The kiosk's life: the attract loop plays tours until someone touches the screen; the visitor
 * has the app; when nobody has touched it for the idle timeout a countdown shows, and at its end
 * everything the visitor changed is put back (time, camera, panels, language, campaign) and the
 * next tour plays. An error the app cannot carry on from also returns to the attract loop.
 *
 * One session per page, outside React: the overlay (KioskLayer.tsx) only shows its state, so an
 * error that unmounts the app does not lose the kiosk. Nothing here runs per frame except the
 * director (director.ts); timers tick four times a second.
 */
import type { CampaignEntry } from '../app/campaigns.ts';
import { onAppError, recoverFromError, type AppError } from '../app/errors.ts';
import { reloadIfDue, setHealthGate } from '../app/health.ts';
import { useApp } from '../app/store.ts';
import { configureQuality } from '../scene/AdaptiveQuality.tsx';
import { cameraRig } from '../scene/cameraRig.ts';
import { setCameraDirector } from '../scene/cameraDirector.ts';
import { loadBundledTours } from '../tours/tours.ts';
import { applyTestHooks, fetchKioskConfig, type KioskConfig } from './config.ts';
import { TourDirector, prepareTour, type PreparedTour } from './director.ts';
import { installKioskGuards } from './guards.ts';
import { kioskMode, nextVisit, setKioskMode, type KioskMode } from './mode.ts';

/** What the overlay shows; a new object on every change (rare), so React can compare by identity. */
export interface KioskView {
  mode: KioskMode;
  config: KioskConfig | null;
  tours: readonly PreparedTour[];
  tourIndex: number;
  chapterIndex: number;
  /** Whole seconds left on the countdown. */
  countdown: number;
  /** Problems with kiosk.json or the tours, as `file: JSON path: reason`. */
  problems: readonly string[];
  /** Returns to the attract loop so far (idle resets and recoveries from errors). */
  resets: number;
  /** The tour holds its first pose while a new scene's terrain loads. */
  holding: boolean;
}

/** Per-frame progress for the overlay's bars: set by the overlay, called by the director. */
export type ProgressWriter = (chapter: number, tour: number) => void;

const TICK_MS = 250;
const TEST_TICK_MS = 50;
/** After an error, the message shows this long before the kiosk starts again. */
const ERROR_RECOVERY_MS = 2500;

class KioskSession {
  private view: KioskView = {
    mode: kioskMode(),
    config: null,
    tours: [],
    tourIndex: 0,
    chapterIndex: 0,
    countdown: 0,
    problems: [],
    resets: 0,
    holding: false,
  };
  private readonly listeners = new Set<() => void>();
  private config: KioskConfig | null = null;
  private director: TourDirector | null = null;
  private lastInput = performance.now();
  private countdownEnd = 0;
  private recovery = 0;
  /** A campaign the tour needs, waiting for the campaigns to load. */
  private pendingCampaign: string | null = null;
  private progressWriter: ProgressWriter | null = null;
  private started = false;
  private campaignsChecked = false;

  getView = (): KioskView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  setProgressWriter(writer: ProgressWriter | null): void {
    this.progressWriter = writer;
  }

  /** Loads the settings and tours and starts the attract loop; once per page. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const [configResult, tourResults] = await Promise.all([fetchKioskConfig(), loadBundledTours()]);
    const config = applyTestHooks(configResult.config, window.location.search);
    const problems = [...configResult.problems];
    for (const r of tourResults) if (!r.ok) problems.push(...r.problems);
    const byId = new Map(tourResults.flatMap((r) => (r.ok ? [[r.tour.id, r.tour] as const] : [])));
    const tours: PreparedTour[] = [];
    config.tours.forEach((id, i) => {
      const tour = byId.get(id);
      if (!tour)
        problems.push(
          `kiosk.json: tours[${i}]: no tour "${id}" in data/tours (there are: ${[...byId.keys()].join(', ') || 'none'})`,
        );
      else if (!config.campaigns.includes(tour.campaign))
        problems.push(`kiosk.json: tours[${i}]: tour "${id}" plays "${tour.campaign}", which is not among "campaigns"`);
      else tours.push(prepareTour(tour));
    });
    for (const p of problems) console.warn(`kiosk: ${p}`);
    this.config = config;

    if (config.quality) configureQuality(config.quality);
    installKioskGuards();
    // The health watch and a new version of the app reload only between visits (never in a test run,
    // whose software renderer is always below the frame-rate floor).
    setHealthGate(() => !config.testRun && kioskMode() === 'attract');
    onAppError((e) => this.onError(e));
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const)
      window.addEventListener(type, this.onInput, { capture: true, passive: true });
    window.addEventListener('pointermove', this.onMove, { capture: true, passive: true });
    useApp.subscribe((state, previous) => {
      if (state.entries !== previous.entries) this.onEntries(state.entries);
    });

    this.director = new TourDirector(
      tours,
      config.tourTimeScale,
      {
        showCampaign: (id) => this.showCampaign(id),
        chapterStarted: (tourIndex, chapterIndex) => this.update({ tourIndex, chapterIndex }),
        progress: (chapter, tour) => this.progressWriter?.(chapter, tour),
        holdChanged: (holding) => this.update({ holding }),
      },
      () => kioskMode() === 'attract',
      // A test's software renderer may take long over the terrain; a kiosk starts its tour within seconds.
      { settleFrames: config.settleFrames, maxSeconds: config.testRun ? 60 : 4 },
    );
    setCameraDirector(this.director);
    this.update({ config, tours, problems });
    // A curator's preview of one chapter: ?mode=kiosk&tour=<id>&chapter=<n> (counted from 1).
    const q = new URLSearchParams(window.location.search);
    const first = Math.max(
      0,
      tours.findIndex((t) => t.tour.id === q.get('tour')),
    );
    this.director.startAt(first, Number(q.get('chapter') ?? 1) - 1 || 0);
    this.onEntries(useApp.getState().entries);
    this.enter('attract');
    useApp.getState().setLanguage(config.defaultLanguage);
    // A test's sub-second timeouts need a finer tick.
    window.setInterval(this.tick, config.testRun ? TEST_TICK_MS : TICK_MS);
  }

  /** The visitor takes over (also done by any touch, key or wheel while the tour plays). */
  takeOver(): void {
    if (kioskMode() === 'attract' || kioskMode() === 'countdown') this.enter('visitor');
  }

  /** The visitor's "Back to the tour". */
  backToTour(): void {
    if (kioskMode() === 'attract') return;
    // The tour's camera only: no formation followed, no flight to a mission under way.
    useApp.getState().select(null);
    cameraRig.stop?.();
    this.director?.resume();
    this.enter('attract');
  }

  /** Everything back as it was before the visit, then the next tour. */
  reset(): void {
    const config = this.config;
    const director = this.director;
    if (!config || !director) return;
    const tour = director.currentTour();
    director.startTour(director.tourIndex + 1);
    const next = director.currentTour() ?? tour;
    const state = useApp.getState();
    // The store as it starts, but with the campaigns already loaded, the tour's campaign and the default language.
    useApp.setState({
      ...useApp.getInitialState(),
      entries: state.entries,
      loading: state.loading,
      activeFile: state.activeFile,
      language: config.defaultLanguage,
    });
    if (next) this.showCampaign(next.tour.campaign);
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.getSelection()?.removeAllRanges();
    // The campaign view mounts afresh: panels, scroll positions and choices of the visit are gone.
    nextVisit();
    this.update({ resets: this.view.resets + 1 });
    this.enter('attract');
  }

  private enter(mode: KioskMode): void {
    if (mode !== 'attract' && kioskMode() === 'attract') this.director?.releaseClock();
    setKioskMode(mode);
    this.update({ mode });
    // A reload the health watch or a new version is waiting for happens now, between visits.
    if (mode === 'attract') reloadIfDue();
  }

  private onInput = (e: Event): void => {
    this.lastInput = performance.now();
    const mode = kioskMode();
    if (mode === 'attract') {
      // Language buttons change the tour's captions without ending it.
      if (e.target instanceof Element && e.target.closest('[data-kiosk-keeps-tour]')) return;
      // The first touch only wakes the kiosk: it must not also pick an aircraft or start a drag
      // under the visitor's finger (the map and its controls never hear of it).
      e.stopPropagation();
      this.enter('visitor');
    } else if (mode === 'countdown') this.enter('visitor');
  };

  /** A drag keeps the visit alive; a mouse merely passing over the screen does not (nor shows the map's hover tips during the tour). */
  private onMove = (e: PointerEvent): void => {
    if (e.buttons !== 0) this.lastInput = performance.now();
    else if (kioskMode() === 'attract') e.stopPropagation();
  };

  private tick = (): void => {
    const config = this.config;
    if (!config) return;
    const now = performance.now();
    const idle = now - this.lastInput;
    const mode = kioskMode();
    if (mode === 'visitor' && idle >= config.idleTimeoutSeconds * 1000) {
      this.countdownEnd = now + config.countdownSeconds * 1000;
      this.update({ countdown: Math.ceil(config.countdownSeconds) });
      this.enter('countdown');
    } else if (mode === 'countdown') {
      const left = this.countdownEnd - now;
      if (left <= 0) this.reset();
      else if (Math.ceil(left / 1000) !== this.view.countdown) this.update({ countdown: Math.ceil(left / 1000) });
    } else if (
      mode === 'attract' &&
      idle >= config.idleTimeoutSeconds * 1000 &&
      useApp.getState().language !== config.defaultLanguage
    ) {
      // Someone chose a language for the tour and left.
      useApp.getState().setLanguage(config.defaultLanguage);
    }
  };

  /** Only the configured campaigns are offered; a campaign a tour asked for before they loaded opens now. */
  private onEntries(entries: CampaignEntry[]): void {
    const config = this.config;
    if (!config || entries.length === 0) return;
    const offered = entries.filter((e) => e.status !== 'ready' || config.campaigns.includes(e.campaign.records.campaign.id));
    if (offered.length !== entries.length) {
      // Re-enters onEntries through the subscription, with the filtered list.
      const active = offered.find((e) => e.file === useApp.getState().activeFile) ?? null;
      useApp.setState({ entries: offered, activeFile: active?.file ?? null });
      return;
    }
    if (!this.campaignsChecked) {
      this.campaignsChecked = true;
      const loaded = new Set(entries.flatMap((e) => (e.status === 'ready' ? [e.campaign.records.campaign.id] : [])));
      const missing = config.campaigns.flatMap((id, i) =>
        loaded.has(id) ? [] : [`kiosk.json: campaigns[${i}]: "${id}" is not among the campaigns that loaded`],
      );
      if (missing.length) this.update({ problems: [...this.view.problems, ...missing] });
    }
    const wanted = this.pendingCampaign ?? this.director?.currentTour()?.tour.campaign ?? null;
    if (wanted) this.showCampaign(wanted);
    else if (!useApp.getState().activeFile) {
      const first = entries.find((e) => e.status === 'ready');
      if (first) useApp.getState().setActive(first.file);
    }
  }

  private showCampaign(campaignId: string): void {
    const entry = useApp.getState().entries.find((e) => e.status === 'ready' && e.campaign.records.campaign.id === campaignId);
    if (!entry) {
      this.pendingCampaign = campaignId;
      return;
    }
    this.pendingCampaign = null;
    if (useApp.getState().activeFile !== entry.file) useApp.getState().setActive(entry.file);
  }

  private onError(e: AppError): void {
    if (e.scope === 'window' || this.recovery) return;
    // The app shows what went wrong for a moment, then the kiosk starts again with the next tour.
    this.recovery = window.setTimeout(() => {
      this.recovery = 0;
      if (e.scope === 'app') recoverFromError();
      this.reset();
    }, ERROR_RECOVERY_MS);
  }

  private update(change: Partial<KioskView>): void {
    this.view = { ...this.view, ...change };
    for (const listener of this.listeners) listener();
  }
}

export const kioskSession = new KioskSession();
