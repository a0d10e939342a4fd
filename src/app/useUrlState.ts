/**
 * Keeps the address bar on the moment shown, and shows the moment the address names: a link
 * (or a reload) opens the campaign paused at its time, with its camera, selection, follow and
 * language; Back and Forward walk through the meaningful changes (see historyAction), while
 * camera moves and time while playing only replace the current entry, at most every 2 s.
 *
 * Nothing here runs per frame: a timer compares the state twice a second.
 */
import { useEffect, useLayoutEffect } from 'react';
import type { Campaign } from './campaigns.ts';
import { diagnostics } from './diagnostics.ts';
import { motionDuration } from './motion.ts';
import { useApp } from './store.ts';
import {
  formatTime,
  historyAction,
  parseUrl,
  resolveTime,
  sameSelection,
  sameSnapshot,
  sameView,
  serializeUrl,
  type CameraView,
  type UrlSnapshot,
  type UrlState,
} from './urlState.ts';
import { isLanguage } from '../i18n/languages.ts';
import { KIOSK } from '../kiosk/mode.ts';
import { moveCamera } from '../scene/cameraRig.ts';
import { seek, setPlaying, type Clock } from '../timeline/clock.ts';

const TICK_MS = 500;

/** Set by a change that deserves its own history entry though it may look like a seek (a mission chosen). */
let pushRequested = false;
/** True while the app applies a history entry, so that doing so is not recorded as a new one. */
let applyingHistory = false;

/** The next write makes a new history entry (call after a viewer's explicit choice). */
export function requestHistoryEntry(): void {
  pushRequested = true;
}

/**
 * App-level: a campaign chosen in the app starts a new entry at once, before the campaign's
 * view mounts, so that it never reads the previous campaign's time, camera or selection.
 */
export function useUrlCampaignSync(): void {
  useEffect(
    () =>
      // A kiosk's address stays as it was set up: its visitors share no links, and its tours must not read one.
      KIOSK
        ? undefined
        : useApp.subscribe((state, previous) => {
            if (state.activeFile === previous.activeFile || applyingHistory || previous.activeFile === null) return;
            const entry = state.entries.find((e) => e.file === state.activeFile);
            if (entry?.status !== 'ready') return;
            const search = serializeUrl(
              {
                campaign: entry.campaign.records.campaign.id,
                t: null,
                view: null,
                selection: null,
                follow: false,
                lang: languageParam(),
              },
              window.location.search,
            );
            window.history.pushState(null, '', urlWith(search));
          }),
    [],
  );
}

/** Per campaign view: applies the URL once, then keeps it up to date and answers Back/Forward. */
export function useUrlState(campaign: Campaign, clock: Clock): void {
  const id = campaign.records.campaign.id;

  useLayoutEffect(() => {
    if (KIOSK) return;
    const url = parseUrl(window.location.search);
    // The address may still name another campaign (one that failed to load): then only the language applies.
    if (url.campaign === null || url.campaign === id) applyState(url, campaign, clock, false);
    else applyLanguage(url.lang);
    applyingHistory = false;
  }, [campaign, clock, id]);

  useEffect(() => {
    if (KIOSK) return;
    let written: UrlSnapshot | null = null;
    let previous: UrlSnapshot | null = null;
    let writtenAt = 0;

    const write = (action: 'push' | 'replace', now: UrlSnapshot) => {
      if (action === 'push') {
        // The entry left behind keeps the camera as it was just before the change, not as last written.
        if (written && previous && !sameView(previous.view, written.view))
          window.history.replaceState(window.history.state, '', urlFor({ ...written, view: previous.view }, campaign));
        window.history.pushState(null, '', urlFor(now, campaign));
      } else window.history.replaceState(window.history.state, '', urlFor(now, campaign));
      written = now;
      writtenAt = performance.now();
    };

    let waited = 0;
    const tick = () => {
      // Until the scene has drawn this campaign, the camera is not known yet (without WebGL it never is).
      if (diagnostics.campaignId !== id && ++waited < 10) return;
      const now = snapshot(campaign, clock);
      if (!written) write('replace', now);
      else {
        const action =
          pushRequested && !sameSnapshot(now, written)
            ? 'push'
            : historyAction(written, now, previous, performance.now() - writtenAt);
        if (action) write(action, now);
        if (action === 'push') pushRequested = false;
      }
      previous = now;
    };

    const onPop = () => {
      const url = parseUrl(window.location.search);
      if (url.campaign !== null && url.campaign !== id) {
        const entry = useApp
          .getState()
          .entries.find((e) => e.status === 'ready' && e.campaign.records.campaign.id === url.campaign);
        if (entry) {
          // The other campaign's view mounts and applies the rest of the address itself.
          applyingHistory = true;
          useApp.getState().setActive(entry.file);
        }
        return;
      }
      applyState(url, campaign, clock, true);
      // What the entry holds is what is shown now: nothing to write.
      written = previous = snapshot(campaign, clock, url.view);
      writtenAt = performance.now();
      pushRequested = false;
    };

    const timer = window.setInterval(tick, TICK_MS);
    window.addEventListener('popstate', onPop);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('popstate', onPop);
    };
  }, [campaign, clock, id]);
}

function applyState(url: UrlState, campaign: Campaign, clock: Clock, fromHistory: boolean): void {
  const app = useApp.getState();
  if (url.time) {
    seek(clock, resolveTime(url.time, campaign.plan.epochMs));
    // A shared moment opens paused: the viewer came to see that instant.
    setPlaying(clock, false);
  }
  if (!sameSelection(app.selection, url.selection)) app.select(url.selection);
  app.setFollowing(url.follow);
  // On first load the scene reads `view` itself (viewFromUrl); Back and Forward move the camera.
  if (fromHistory && url.view && !url.follow) moveCamera(url.view, motionDuration(0.6));
  // An entry without a language is one in the default language.
  applyLanguage(url.lang ?? (fromHistory ? 'en' : null));
}

function applyLanguage(lang: string | null): void {
  if (lang && isLanguage(lang) && useApp.getState().language !== lang) useApp.getState().setLanguage(lang);
}

/** The language, when it is not the default one (English links stay short). */
function languageParam(): string | null {
  const { language } = useApp.getState();
  return language === 'en' ? null : language;
}

function snapshot(campaign: Campaign, clock: Clock, view: CameraView | null = null): UrlSnapshot {
  const app = useApp.getState();
  const c = diagnostics.camera;
  return {
    campaign: campaign.records.campaign.id,
    periodId: periodAt(campaign, clock.time),
    time: clock.time,
    playing: clock.playing,
    view:
      view ??
      (diagnostics.campaignId === campaign.records.campaign.id ? { camera: [c.x, c.y, c.z], target: [c.tx, c.ty, c.tz] } : null),
    selection: app.selection,
    follow: app.following,
    lang: languageParam(),
  };
}

/** The period at plan time t, as the frame loop reckons it (the nearest outside the range). */
function periodAt(campaign: Campaign, t: number): string | null {
  const { periods } = campaign.records;
  const ms = campaign.plan.epochMs + t * 1000;
  for (const p of periods) if (ms >= Date.parse(p.start) && ms < Date.parse(p.end)) return p.id;
  if (periods.length === 0) return null;
  return ms < Date.parse(periods[0]!.start) ? periods[0]!.id : periods[periods.length - 1]!.id;
}

function urlFor(s: UrlSnapshot, campaign: Campaign): string {
  const search = serializeUrl(
    {
      campaign: s.campaign,
      t: formatTime(s.time, campaign.plan.epochMs, campaign.records.campaign.utcOffset),
      view: s.view,
      selection: s.selection,
      follow: s.follow,
      lang: s.lang,
    },
    window.location.search,
  );
  return urlWith(search);
}

function urlWith(search: string): string {
  return `${window.location.pathname}${search}${window.location.hash}`;
}
