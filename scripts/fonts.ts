/**
 * npm run fonts: subsets Noto Sans SC and Noto Sans KR to the characters the Chinese and
 * Korean interface can show, and writes them to src/i18n/fonts/. The full fonts are megabytes;
 * the subsets hold what the locale files (every namespace), the tours' and the kiosk's captions,
 * the language's own name and the dates and numbers Intl writes in that language need. Latin letters, digits and punctuation
 * are Inter's (the app's Latin font comes first in the font stack), so they are left out.
 *
 * Run it again after changing a zh or ko locale file, tour or kiosk title: tests/unit/i18n.test.ts
 * fails while a character of those is in neither the subset nor Inter.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LANGUAGE_NAMES } from '../src/i18n/languages.ts';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatStamp,
  periodAxisLabel,
  shortPeriodLabel,
} from '../src/timeline/format.ts';

type SubsetFont = (font: Uint8Array, text: string, options: { targetFormat: 'woff2' | 'sfnt' }) => Promise<Uint8Array>;
const require = createRequire(import.meta.url);
// subset-font (HarfBuzz in WebAssembly) ships no types of its own.
export const subsetFont = require('subset-font') as SubsetFont;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const CJK_FONTS = [
  {
    language: 'zh',
    family: 'Noto Sans SC',
    source: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff2',
    output: 'src/i18n/fonts/noto-sans-sc-subset.woff2',
  },
  {
    language: 'ko',
    family: 'Noto Sans KR',
    source: '@fontsource/noto-sans-kr/files/noto-sans-kr-korean-400-normal.woff2',
    output: 'src/i18n/fonts/noto-sans-kr-subset.woff2',
  },
] as const;

/** The app's Latin font, which draws Latin letters, digits and punctuation in every language. */
export const LATIN_FONT = '@fontsource/inter/files/inter-latin-400-normal.woff2';

export const readPackageFile = (path: string): Uint8Array => readFileSync(require.resolve(path));

/** Every string value of a locale file, however nested. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The strings of a JSON value held under the key `language` (a caption's translation), however nested. */
function inLanguage(value: unknown, language: string): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === language && typeof v === 'string' ? [v] : inLanguage(v, language)));
}

/** What Intl writes for dates and numbers in `language`, through the app's own formatters. */
function intlTexts(language: 'zh' | 'ko'): string[] {
  const texts: string[] = [];
  for (let month = 0; month < 12; month++)
    for (let day = 1; day <= 7; day++) {
      const t = Date.UTC(1951, month, day, 13, 42);
      const iso = new Date(t).toISOString();
      const monthEnd = new Date(Date.UTC(1951, month + 1, day)).toISOString();
      texts.push(
        formatDate(t, '+00:00', language),
        formatStamp(t, '+00:00', language),
        shortPeriodLabel(iso, iso.replace(/T.*/, 'T23:00:00Z'), '+00:00', language),
        shortPeriodLabel(iso, monthEnd, '+00:00', language),
        periodAxisLabel(iso, monthEnd, '+00:00', 'month', language),
        periodAxisLabel(iso, iso, '+00:00', 'day', language),
      );
    }
  texts.push(formatNumber(1234567.5, language), formatPercent(12.5, language));
  return texts;
}

/** The characters the interface can show in `language` (zh or ko), sorted and without repeats. */
export function requiredCharacters(language: 'zh' | 'ko'): string[] {
  const dir = join(root, 'src/i18n/locales', language);
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => strings(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  // Tours and the kiosk's title carry their own captions, keyed by language.
  const captioned = [
    ...readdirSync(join(root, 'data/tours'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(root, 'data/tours', f)),
    join(root, 'public/config/kiosk.json'),
  ];
  for (const file of captioned) texts.push(...inLanguage(JSON.parse(readFileSync(file, 'utf8')), language));
  texts.push(LANGUAGE_NAMES[language], ...intlTexts(language));
  return [...new Set([...texts.join('')])].filter((c) => c.trim() !== '').sort();
}

/** The code points an sfnt font (TrueType or OpenType) maps, from its cmap (formats 4 and 12). */
export function cmapCodePoints(sfnt: Uint8Array): Set<number> {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (String.fromCharCode(...sfnt.subarray(record, record + 4)) === 'cmap') cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error('font has no cmap table');
  const points = new Set<number>();
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + view.getUint32(cmap + 4 + i * 8 + 4);
    const format = view.getUint16(at);
    if (format === 12) {
      const groups = view.getUint32(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = view.getUint32(at + 16 + g * 12);
        const end = view.getUint32(at + 20 + g * 12);
        for (let c = start; c <= end; c++) points.add(c);
      }
    } else if (format === 4) {
      const segments = view.getUint16(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const offsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const start = view.getUint16(starts + s * 2);
        const end = view.getUint16(ends + s * 2);
        const delta = view.getInt16(deltas + s * 2);
        const offset = view.getUint16(offsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph = offset === 0 ? (c + delta) & 0xffff : view.getUint16(offsets + s * 2 + offset + (c - start) * 2);
          if (glyph !== 0) points.add(c);
        }
      }
    }
  }
  return points;
}

/** Which of `characters` a font (any format subset-font reads) can draw. */
export async function covered(font: Uint8Array, characters: string[]): Promise<Set<string>> {
  const points = cmapCodePoints(await subsetFont(font, characters.join(''), { targetFormat: 'sfnt' }));
  return new Set(characters.filter((c) => points.has(c.codePointAt(0)!)));
}

/** Chinese characters (hanja) in Korean text, as quoted from Chinese sources. */
export const isHan = (c: string) => /\p{Script=Han}/u.test(c);

/**
 * The characters each subset carries: Korean text's hanja are drawn by the Chinese subset, which
 * follows the Korean one in the Korean font stack (src/i18n/fonts.css), since the Korean source
 * font's subset has Hangul only.
 */
export function subsetCharacters(language: 'zh' | 'ko'): string[] {
  if (language === 'ko') return requiredCharacters('ko').filter((c) => !isHan(c));
  return [...new Set([...requiredCharacters('zh'), ...requiredCharacters('ko').filter(isHan)])].sort();
}

async function main(): Promise<void> {
  const latin = readPackageFile(LATIN_FONT);
  let failed = false;
  for (const font of CJK_FONTS) {
    const wanted = subsetCharacters(font.language);
    const byLatin = await covered(latin, wanted);
    const needed = wanted.filter((c) => !byLatin.has(c));
    const source = readPackageFile(font.source);
    const subset = await subsetFont(source, needed.join(''), { targetFormat: 'woff2' });
    writeFileSync(join(root, font.output), subset);
    const has = await covered(subset, needed);
    const missing = needed.filter((c) => !has.has(c));
    console.log(
      `${font.output}: ${needed.length} characters (${wanted.length - needed.length} more are Inter's), ` +
        `${(subset.length / 1024).toFixed(1)} KiB from ${(source.length / 1024).toFixed(0)} KiB`,
    );
    if (missing.length) {
      failed = true;
      console.error(`  ${font.family} has no glyph for: ${missing.join(' ')}`);
    }
  }
  if (failed) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
