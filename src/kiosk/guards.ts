/**
 * What a kiosk page forbids, beyond what Chromium's kiosk flags already do (scripts/kiosk.ts):
 * no text selection or dragging, no context menu, no page zoom (pinch, ctrl+wheel, ctrl +/-,
 * Safari's gesture events), no way off the page (links elsewhere, new windows, files dropped on
 * it, history and reload keys). The canvas keeps its own gestures: the map controls handle
 * pinch and drag themselves (touch-action: none on the canvas).
 *
 * Styles that go with these are in kiosk.css under html[data-kiosk].
 */

/** Installs every guard; returns the function that removes them. */
export function installKioskGuards(): () => void {
  const removers: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(type: K, handler: (e: WindowEventMap[K]) => void, passive = false) => {
    const options = { capture: true, passive };
    window.addEventListener(type, handler, options);
    removers.push(() => window.removeEventListener(type, handler, options));
  };
  const prevent = (e: Event) => e.preventDefault();

  on('contextmenu', prevent);
  on('dragstart', prevent);
  // A file dropped on the page would replace it, or open as a campaign (explore mode's drop zone).
  const stop = (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
  };
  on('dragenter', stop);
  on('dragover', stop);
  on('drop', stop);
  on('selectstart', (e) => {
    if (!isEditable(e.target)) e.preventDefault();
  });
  // Page zoom: ctrl+wheel (and trackpad pinch, which Chromium sends as ctrl+wheel).
  on('wheel', (e) => {
    if (e.ctrlKey) e.preventDefault();
  });
  // Safari's pinch events (Chromium ignores them; harmless there).
  for (const type of ['gesturestart', 'gesturechange', 'gestureend']) on(type as keyof WindowEventMap, prevent);
  // A second finger on the page outside the canvas would zoom it.
  on('touchmove', (e) => {
    if (e.touches.length > 1 && !(e.target instanceof HTMLCanvasElement)) e.preventDefault();
  });
  on('keydown', (e) => {
    if (blockedKey(e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  });
  on('click', (e) => blockLeavingLink(e));
  on('auxclick', (e) => blockLeavingLink(e));

  const open = window.open;
  window.open = () => null;
  removers.push(() => {
    window.open = open;
  });

  const viewport = document.querySelector<HTMLMetaElement>('meta[name="viewport"]');
  const before = viewport?.content;
  if (viewport) viewport.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no';
  removers.push(() => {
    if (viewport && before !== undefined) viewport.content = before;
  });

  return () => removers.forEach((remove) => remove());
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Keys that zoom, reload, print, save, open, find, navigate history or open developer tools.
 * Chromium reserves a few (ctrl+W, ctrl+N, ctrl+T); its kiosk mode and the docs' keyboard-less
 * setup cover those.
 */
export function blockedKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && ['+', '=', '-', '_', '0', 'r', 'p', 's', 'o', 'f', 'g', 'h', 'j', 'l', 'u', 'd', 'e', 'k'].includes(key))
    return true;
  if (mod && e.shiftKey && ['i', 'j', 'c', 'delete', 'Delete'].includes(key)) return true;
  if (e.altKey && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  return ['F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome'].includes(
    key,
  );
}

/** A link to another site, or to another page of this one, does nothing: the kiosk is one page. */
function blockLeavingLink(e: MouseEvent): void {
  const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement)) return;
  const url = new URL(link.href, window.location.href);
  const here = window.location;
  const samePage = url.origin === here.origin && url.pathname === here.pathname && url.search === here.search;
  if (!samePage || link.target === '_blank' || link.hasAttribute('download')) {
    e.preventDefault();
    e.stopPropagation();
  }
}
