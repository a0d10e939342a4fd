/**
 * The museum's settings for its kiosk: `config/kiosk.json`, served beside the app (in the
 * source tree `public/config/kiosk.json`; in a build `dist/config/kiosk.json`, which a museum
 * may edit without rebuilding). Fetched once at start; validated with messages as the records
 * give them (`kiosk.json: JSON path: reason`). A missing or broken file never stops the kiosk:
 * it runs on the defaults below and shows what is wrong.
 */
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/languages.ts';
import { formatPath } from '../records/problems.ts';

export const KIOSK_FORMAT = 'sortie-kiosk/1';
export const CONFIG_FILE = 'kiosk.json';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id: letters, digits and hyphens');
const Language = z.enum(LANGUAGES);

export const KioskConfigFile = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(KIOSK_FORMAT),
    /** The museum's title for the screen, per language (English at least). */
    title: z.partialRecord(Language, z.string().trim().min(1).max(80)).refine((t) => !!t.en, 'needs an "en" title'),
    /** The museum's logo: a path on this site (a file under public/, e.g. "/kiosk/logo.svg"), or null for none. */
    logo: z
      .string()
      .regex(
        /^\/(?!\/)[^?#:]*\.(svg|png|webp|jpe?g)$/i,
        'must be a path on this site ending in .svg, .png, .webp or .jpg, e.g. "/kiosk/logo.svg"',
      )
      .nullable()
      .default(null),
    /** Seconds without a touch before the countdown back to the tour. */
    idleTimeoutSeconds: z.number().min(15).max(3600).default(90),
    /** Seconds the countdown shows before the tour comes back (any touch cancels it). */
    countdownSeconds: z.number().int().min(3).max(60).default(10),
    /** Languages offered to visitors, in the order of their buttons; the first tour plays in `defaultLanguage`. */
    languages: z
      .array(Language)
      .min(1)
      .default([...LANGUAGES]),
    defaultLanguage: Language.default(DEFAULT_LANGUAGE),
    /** Campaign ids visitors may open; tours may only play these. */
    campaigns: z.array(id).min(1).default(['big-week-1944', 'korea-1951-strangle']),
    /** Tour ids (the `id` in data/tours/*.json) the attract loop plays, in turn. */
    tours: z.array(id).min(1).default(['big-week', 'korea-strangle']),
    /** Pixel-ratio bounds for adaptive quality on a weak GPU (see src/scene/AdaptiveQuality.tsx). */
    quality: z
      .strictObject({ minDpr: z.number().min(0.5).max(2).optional(), maxDpr: z.number().min(0.5).max(3).optional() })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.languages.includes(c.defaultLanguage))
      ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: `"${c.defaultLanguage}" is not among "languages"` });
    if (new Set(c.tours).size !== c.tours.length)
      ctx.addIssue({ code: 'custom', path: ['tours'], message: 'names a tour twice' });
  });

export interface KioskConfig {
  title: Partial<Record<Language, string>>;
  logo: string | null;
  idleTimeoutSeconds: number;
  countdownSeconds: number;
  languages: Language[];
  defaultLanguage: Language;
  campaigns: string[];
  tours: string[];
  quality?: { minDpr?: number; maxDpr?: number };
  /** Test hooks (see applyTestHooks): chapters play this many times faster. */
  tourTimeScale: number;
  /** Test hooks in use: the health watch must not reload the page under a test's software renderer. */
  testRun: boolean;
  /** Test hooks: frames a tour holds still on its first pose once a new scene's terrain is in (a moment to measure). */
  settleFrames: number;
}

export const DEFAULT_CONFIG: KioskConfig = {
  ...stripFile(KioskConfigFile.parse({ format: KIOSK_FORMAT, title: { en: 'Sortie' } })),
  tourTimeScale: 1,
  testRun: false,
  settleFrames: 0,
};

function stripFile(file: z.infer<typeof KioskConfigFile>): Omit<KioskConfig, 'tourTimeScale' | 'testRun' | 'settleFrames'> {
  const { title, logo, idleTimeoutSeconds, countdownSeconds, languages, defaultLanguage, campaigns, tours, quality } = file;
  return { title, logo, idleTimeoutSeconds, countdownSeconds, languages, defaultLanguage, campaigns, tours, quality };
}

export type ConfigResult = { config: KioskConfig; problems: string[] };

/** Text of kiosk.json → the settings, or the defaults with every problem as `kiosk.json: JSON path: reason`. */
export function parseKioskConfig(text: string, file = CONFIG_FILE): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      config: DEFAULT_CONFIG,
      problems: [`${file}: (root): not valid JSON: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  const parsed = KioskConfigFile.safeParse(json, { reportInput: true });
  if (!parsed.success)
    return {
      config: DEFAULT_CONFIG,
      problems: parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${describe(i)}`),
    };
  return { config: { ...stripFile(parsed.data), tourTimeScale: 1, testRun: false, settleFrames: 0 }, problems: [] };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `missing (expected ${issue.expected})`;
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value')
    return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(issue.input)}`;
  if (issue.code === 'too_small' && issue.origin === 'number')
    return `${String(issue.input)} is below the minimum ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number')
    return `${String(issue.input)} is above the maximum ${String(issue.maximum)}`;
  if (issue.code === 'invalid_key')
    return `${JSON.stringify(issue.input)} is not a language of the app (${LANGUAGES.join(', ')})`;
  return issue.message;
}

/**
 * Test-only hooks in the page address, for the end-to-end and soak tests (a visitor cannot
 * change the address of a kiosk):
 *  - `soak=1`: idle timeout and countdown 0.3 s each, chapters 8 times faster, and each tour holds
 *    its first pose for 4 frames once the terrain is in (the soak test measures the scene then);
 *  - `idle=<s>`, `countdown=<s>`: those two alone (fractions allowed);
 *  - `tourScale=<n>`: chapters n times faster.
 * Any of them also keeps the health watch from reloading the page: a test's software renderer
 * is always below its frame-rate floor.
 */
export function applyTestHooks(config: KioskConfig, search: string): KioskConfig {
  const q = new URLSearchParams(search);
  const number = (key: string) => {
    const v = Number(q.get(key));
    return q.has(key) && Number.isFinite(v) && v > 0 ? v : null;
  };
  const out = { ...config };
  if (q.get('soak') === '1') {
    out.idleTimeoutSeconds = 0.3;
    out.countdownSeconds = 0.3;
    out.tourTimeScale = 8;
    out.settleFrames = 4;
  }
  out.idleTimeoutSeconds = number('idle') ?? out.idleTimeoutSeconds;
  out.countdownSeconds = number('countdown') ?? out.countdownSeconds;
  out.tourTimeScale = number('tourScale') ?? out.tourTimeScale;
  out.testRun = ['soak', 'idle', 'countdown', 'tourScale'].some((key) => q.has(key));
  return out;
}

/** Fetches config/kiosk.json from this site; never throws. */
export async function fetchKioskConfig(): Promise<ConfigResult> {
  const url = `${import.meta.env.BASE_URL}config/${CONFIG_FILE}`;
  try {
    // no-cache: a museum's edit shows on the next start (the service worker keeps a copy for offline).
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok)
      return {
        config: DEFAULT_CONFIG,
        problems: [`${CONFIG_FILE}: (root): could not be fetched from ${url}: HTTP ${response.status}`],
      };
    return parseKioskConfig(await response.text());
  } catch (e) {
    return {
      config: DEFAULT_CONFIG,
      problems: [`${CONFIG_FILE}: (root): could not be fetched from ${url}: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
}
