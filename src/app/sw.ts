/**
 * Registers the service worker that vite-plugin-pwa generates at build time (vite.config.ts):
 * it precaches the whole build, so after the first load the app runs with the network unplugged
 * (docs/offline.md). A plain module, not an inline script, so a strict Content-Security-Policy
 * can forbid inline scripts; and no workbox-window, to keep the first download small.
 *
 * A new version installs in the background and then waits: it takes over only through the
 * health watch's gate (a kiosk between visits), since swapping files under a running page could
 * leave it asking for chunks that no longer exist. In a browser it takes over once every tab of
 * the app has closed.
 */
import { diagnostics, reportError } from './diagnostics.ts';
import { requestUpdateReload } from './health.ts';

/** A kiosk never navigates, so the browser would never look for a new version by itself. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  // The dev server serves modules, not a build: there is nothing to precache.
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  // main.tsx calls this after the load event, so that precaching does not compete with the first paint.
  void register();
}

async function register(): Promise<void> {
  const sw = diagnostics.serviceWorker;
  sw.state = 'registering';
  const container = navigator.serviceWorker;
  try {
    const base = import.meta.env.BASE_URL;
    const registration = (await container.register(`${base}sw.js`, { scope: base })) as ServiceWorkerRegistration | undefined;
    // A browser told to block service workers (Playwright's serviceWorkers: 'block') answers nothing.
    if (!registration) {
      sw.state = 'off';
      return;
    }
    const track = (worker: ServiceWorker | null) => {
      worker?.addEventListener('statechange', () => {
        // Installed while another version controls the page: an update, waiting for the gate.
        if (worker.state === 'installed' && container.controller) updateWaiting(registration);
      });
    };
    // Controlled from the start: installed on an earlier visit, everything is stored.
    sw.state = container.controller ? 'ready' : 'installing';
    track(registration.installing);
    registration.addEventListener('updatefound', () => track(registration.installing));
    if (registration.waiting && container.controller) updateWaiting(registration);
    container.addEventListener('controllerchange', () => {
      // The first install has claimed this page (clientsClaim); its precache is complete by then.
      if (sw.state === 'installing') warmRuntimeCache(base);
      sw.state = 'ready';
    });
    window.setInterval(() => {
      // Offline the check fails; the installed version keeps serving.
      registration.update().catch(() => undefined);
    }, UPDATE_CHECK_MS);
  } catch (e) {
    sw.state = 'failed';
    reportError(`service worker: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Files read fresh at every start rather than precached (config/kiosk.json: a museum edits it
 * in the build without rebuilding) are cached by the service worker as they pass through it,
 * network first. On the very first visit the page asked for them before the worker was in
 * control, so ask once more through it: then they are there offline from the next start on.
 */
const FRESH_FILES = ['config/kiosk.json'];

function warmRuntimeCache(base: string): void {
  for (const file of FRESH_FILES) fetch(`${base}${file}`, { cache: 'no-cache' }).catch(() => undefined);
}

function updateWaiting(registration: ServiceWorkerRegistration): void {
  diagnostics.serviceWorker.updateWaiting = true;
  requestUpdateReload('a new version of the app is installed', () => {
    const waiting = registration.waiting;
    if (!waiting) return;
    // Reload once the new version has taken over, so the page and its chunks match.
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });
}
