/**
 * i18next for the whole interface, initialised synchronously on import so that the first
 * render already has its English texts. Locale files are `locales/<language>/<namespace>.json`;
 * every namespace file there is picked up, whoever adds it (kiosk, explore).
 *
 * English UI texts ship in the first chunk. Every other language is a set of chunks of its own,
 * loaded when it is chosen (all same-origin files, so offline once the service worker has them):
 * the first load carries no German, Chinese or Korean. English record texts are never loaded:
 * the records are English, and each record lookup falls back to the record itself.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { useApp } from '../app/store.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from './languages.ts';
// The fonts that draw Chinese and Korean, and the language buttons' look.
import './fonts.css';

type Bundle = Record<string, unknown>;

// Glob patterns must be literals for Vite to resolve them at build time.
const english = import.meta.glob<Bundle>(['./locales/en/*.json', '!./locales/en/records.json'], {
  eager: true,
  import: 'default',
});
const others = import.meta.glob<Bundle>(['./locales/*/*.json', '!./locales/en/*.json'], { import: 'default' });

const namespaceOf = (path: string) => /([^/]+)\.json$/.exec(path)![1]!;
const languageOf = (path: string) => /locales\/([^/]+)\//.exec(path)![1]!;

/** Every namespace any language has, plus `records` (which English leaves to the records). */
export const NAMESPACES: readonly string[] = [
  ...new Set(['common', 'records', ...Object.keys(english).map(namespaceOf), ...Object.keys(others).map(namespaceOf)]),
];

export const i18n = i18next;

void i18n.use(initReactI18next).init({
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: [...NAMESPACES],
  defaultNS: 'common',
  resources: {
    [DEFAULT_LANGUAGE]: {
      ...Object.fromEntries(NAMESPACES.map((ns) => [ns, {}])),
      ...Object.fromEntries(Object.entries(english).map(([path, bundle]) => [namespaceOf(path), bundle])),
    },
  },
  // Synchronous: the resources are in memory, and React must not render before they are.
  initAsync: false,
  // React escapes what it renders; escaping here as well would show "&amp;".
  interpolation: { escapeValue: false },
  // An empty translation is a gap to fill, not a text: fall back to English.
  returnEmptyString: false,
  react: { useSuspense: false },
});

const loaded = new Set<Language>([DEFAULT_LANGUAGE]);

/** Loads (once) every namespace of `language` into i18next; English is always there. */
export async function loadLanguage(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  const files = Object.entries(others).filter(([path]) => languageOf(path) === language);
  const bundles = await Promise.all(files.map(async ([path, load]) => [namespaceOf(path), await load()] as const));
  for (const ns of NAMESPACES) i18n.addResourceBundle(language, ns, {}, true, false);
  for (const [ns, bundle] of bundles) i18n.addResourceBundle(language, ns, bundle, true, true);
  loaded.add(language);
}

let wanted: Language = DEFAULT_LANGUAGE;

/**
 * Shows the interface in `language`: loads its texts, then switches i18next (which re-renders
 * every component that uses it, and sets `<html lang>`). When choices overlap, the last wins.
 */
export async function applyLanguage(language: Language): Promise<void> {
  wanted = language;
  await loadLanguage(language);
  if (wanted === language && i18n.language !== language) await i18n.changeLanguage(language);
}

function setDocumentLanguage(language: string): void {
  // `:lang(zh)` and `:lang(ko)` pick the fonts that cover the text; screen readers pick a voice.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

i18n.on('languageChanged', setDocumentLanguage);
setDocumentLanguage(i18n.language);

/** Follows the store's language, whoever sets it (the switch, the kiosk's reset, the URL). */
function follow(language: Language): void {
  applyLanguage(language).catch((e: unknown) => {
    console.error(`Language ${language} could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
  });
}

useApp.subscribe((state, previous) => {
  if (state.language !== previous.language && isLanguage(state.language)) follow(state.language);
});
if (useApp.getState().language !== DEFAULT_LANGUAGE) follow(useApp.getState().language);
