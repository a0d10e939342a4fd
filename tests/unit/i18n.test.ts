/**
 * The locale files: German complete beside English, Chinese and Korean complete for the Korean
 * campaign, no empty text, the same placeholders in every language, no figure a translation
 * adds, English record texts equal to the records, and fonts that cover every Chinese and Korean
 * character (rerun `npm run fonts` after changing a zh or ko file).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCampaign, type Campaign } from '../../src/app/campaigns.ts';
import { koreaNoteIn } from '../../src/i18n/flowNotes.ts';
import { i18n, loadLanguage } from '../../src/i18n/i18n.ts';
import { LANGUAGES, LOCALES, languagesFor, type Language } from '../../src/i18n/languages.ts';
import { notesOf, recordTexts } from '../../src/i18n/recordKeys.ts';
import { recordTextsOf } from '../../src/i18n/records.ts';
import { koreaSceneOf } from '../../src/motion/koreaScene.ts';
import { eventText } from '../../src/overlays/MissionLog.tsx';
import { buildTimeline } from '../../src/timeline/events.ts';
import { CJK_FONTS, LATIN_FONT, covered, isHan, readPackageFile, requiredCharacters } from '../../scripts/fonts.ts';

const LOCALE_DIR = 'src/i18n/locales';
type Flat = Map<string, string>;

function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: not a string or an object`);
  return out;
}

const namespaces = (lang: string) =>
  readdirSync(join(LOCALE_DIR, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
const read = (lang: string, ns: string): Flat => {
  try {
    return flatten(JSON.parse(readFileSync(join(LOCALE_DIR, lang, `${ns}.json`), 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
};

/** i18next plural and ordinal suffixes: `x_one`, `x_ordinal_few`… are one key `x`. */
const PLURAL = /_(?:ordinal_)?(?:zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const grouped = (flat: Flat) => {
  const groups = new Map<string, Map<string, string>>();
  for (const [k, v] of flat) {
    const b = base(k);
    if (!groups.has(b)) groups.set(b, new Map());
    groups.get(b)!.set(k.slice(b.length), v);
  }
  return groups;
};
const placeholders = (texts: Iterable<string>) =>
  [...new Set([...texts].flatMap((t) => [...t.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]!)))].sort();

const bundled = readdirSync('data')
  .filter((f) => f.endsWith('.json'))
  .sort();
const campaigns: Campaign[] = await Promise.all(
  bundled.map(async (file) => {
    const entry = await openCampaign({ file, read: async () => readFileSync(join('data', file), 'utf8') });
    if (entry.status !== 'ready') throw new Error(entry.problems.join('\n'));
    return entry.campaign;
  }),
);
const campaignIds = campaigns.map((c) => c.records.campaign.id);
/** Every curator's note's key in `records`, with its campaign id. */
const noteKeys = new Set(campaigns.flatMap((c) => notesOf(c.records).map((n) => `${c.records.campaign.id}.${n.key}`)));
/** A campaign's id and the name before its year ("big-week"), as other namespaces may key it. */
const campaignNames = (id: string) => [id, id.replace(/-\d{4}(-\d{2})?$/, '')];

/**
 * Keys a language must have: every English key, except (outside German) what belongs to a
 * campaign that does not offer the language, and (everywhere) place names, which a language
 * translates only where it has its own name (Braunschweig, 평양) or the campaign offers it.
 * Waypoints a route lists are descriptions ("Rally point west of Gotha"), not names: German
 * gives every one. Curators' notes are texts like any other: required wherever their campaign
 * is offered (a note without one shows in English there, marked so: RecordTexts.note).
 */
function required(lang: Language, ns: string, key: string): boolean {
  const segments = key.split('.');
  const campaign = campaignIds.find((id) => segments.some((s) => campaignNames(id).includes(s)));
  if (campaign && !languagesFor(campaign).includes(lang)) return false;
  if (ns === 'records' && segments[1] === 'places') {
    const place = campaigns.find((c) => c.records.campaign.id === campaign)?.records.places.find((p) => p.id === segments[2]);
    if (lang === 'de') return place?.kind === 'waypoint';
    return campaign !== undefined && languagesFor(campaign).includes(lang) && place !== undefined;
  }
  return true;
}

const allNamespaces = [...new Set(LANGUAGES.flatMap(namespaces))].sort();

describe('the locale files', () => {
  it('exist for every language, with the common and records namespaces', () => {
    for (const lang of LANGUAGES) expect(namespaces(lang), lang).toEqual(expect.arrayContaining(['common', 'records']));
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en'))
    it(`give every English text in ${lang} where ${lang} is offered`, () => {
      const rules = new Intl.PluralRules(LOCALES[lang]).resolvedOptions().pluralCategories;
      const ordinals = new Intl.PluralRules(LOCALES[lang], { type: 'ordinal' }).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const ns of allNamespaces) {
        const target = grouped(read(lang, ns));
        for (const [key, forms] of grouped(read('en', ns))) {
          if (!required(lang, ns, key)) continue;
          const have = target.get(key);
          if (!have) {
            missing.push(`${ns}:${key}`);
            continue;
          }
          // A plural key needs the forms this language's plural rules ask for.
          const isOrdinal = [...forms.keys()].some((s) => s.startsWith('_ordinal_'));
          const isPlural = [...forms.keys()].some((s) => s !== '');
          if (isPlural)
            for (const category of isOrdinal ? ordinals : rules) {
              const suffix = `${isOrdinal ? '_ordinal' : ''}_${category}`;
              if (!have.has(suffix)) missing.push(`${ns}:${key}${suffix}`);
            }
        }
      }
      expect(missing, `${lang} lacks these keys`).toEqual([]);
    });

  it('have no key that English lacks', () => {
    const stray: string[] = [];
    for (const lang of LANGUAGES)
      for (const ns of allNamespaces) {
        const english = grouped(read('en', ns));
        for (const key of grouped(read(lang, ns)).keys()) if (!english.has(key)) stray.push(`${lang}/${ns}:${key}`);
      }
    expect(stray).toEqual([]);
  });

  it('have no empty text', () => {
    const empty: string[] = [];
    for (const lang of LANGUAGES)
      for (const ns of allNamespaces) for (const [k, v] of read(lang, ns)) if (v.trim() === '') empty.push(`${lang}/${ns}:${k}`);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in every language', () => {
    const differ: string[] = [];
    for (const ns of allNamespaces) {
      const english = grouped(read('en', ns));
      for (const lang of LANGUAGES.filter((l) => l !== 'en'))
        for (const [key, forms] of grouped(read(lang, ns))) {
          const en = english.get(key);
          if (!en) continue;
          const want = placeholders(en.values());
          // A plural form may leave the count out ("Eine Datei"), so compare the forms together.
          const got = placeholders(forms.values());
          if (want.join() !== got.join())
            differ.push(`${lang}/${ns}:${key}: {{${got.join('}}, {{')}}} for {{${want.join('}}, {{')}}}`);
        }
    }
    expect(differ).toEqual([]);
  });
});

/** The numbers of a text, whatever its language writes as separators: "4.128" and "4,128" are 4128. */
const numbers = (text: string) =>
  [...text.replace(/(\d)[.,\u202f\u00a0](?=\d{3}(?!\d))/g, '$1').matchAll(/\d+(?:[.,]\d+)?/g)].map((m) =>
    Number(m[0].replace(',', '.')),
  );

describe('the record texts', () => {
  it('in English are the records’ own texts, campaign by campaign', () => {
    const english = read('en', 'records');
    for (const c of campaigns) {
      const id = c.records.campaign.id;
      const fromData = Object.fromEntries([...recordTexts(c.records)].map(([k, v]) => [`${id}.${k}`, v]));
      const inFile = Object.fromEntries([...english].filter(([k]) => k.startsWith(`${id}.`)));
      // When this fails, a record changed: update locales/en/records.json and every translation of it.
      expect(inFile, id).toEqual(fromData);
    }
  });

  it('never add a figure the English does not give', () => {
    const english = read('en', 'records');
    const added: string[] = [];
    for (const lang of LANGUAGES.filter((l) => l !== 'en'))
      for (const [key, text] of read(lang, 'records')) {
        const given = new Set(numbers(english.get(key) ?? ''));
        const extra = numbers(text).filter(
          (n) =>
            !given.has(n) &&
            // Chinese and Korean write months and days as numbers ("9月", "1~4월").
            !(lang !== 'de' && Number.isInteger(n) && n <= 31) &&
            // "1951–52" may be written out as "1951—1952".
            !(n > 1900 && n < 2000 && given.has(n % 100)),
        );
        if (extra.length) added.push(`${lang}:${key}: ${extra.join(', ')}`);
      }
    expect(added).toEqual([]);
  });

  it('keep what the English quotes word for word: a quote is never translated', () => {
    const english = read('en', 'records');
    const changed: string[] = [];
    for (const lang of LANGUAGES.filter((l) => l !== 'en'))
      for (const [key, text] of read(lang, 'records')) {
        // Place names are names: a language writes them its own way (平壤, not "Pyongyang").
        if (key.split('.')[1] === 'places') continue;
        for (const [, quote] of (english.get(key) ?? '').matchAll(/"([^"]+)"/g))
          if (!text.includes(quote!)) changed.push(`${lang}:${key}: "${quote}"`);
      }
    expect(changed).toEqual([]);
  });

  it('give every curator’s note in German', () => {
    const german = read('de', 'records');
    expect(noteKeys.size).toBeGreaterThan(400);
    expect([...noteKeys].filter((key) => !german.has(key))).toEqual([]);
  });

  it('fall back to the record’s English where a language has no text, and translate where it has', async () => {
    await loadLanguage('de');
    const bigWeek = campaigns.find((c) => c.records.campaign.id === 'big-week-1944')!.records;
    const de = recordTextsOf(i18n.getFixedT('de', 'records'), bigWeek);
    const period = bigWeek.periods.find((p) => p.id === '1944-02-20')!;
    expect(de.periodLabel(period)).toBe('Sonntag, 20. Februar 1944');
    expect(de.place(bigWeek.places.find((p) => p.id === 'tgt-brunswick')!)).toBe('Braunschweig');
    expect(de.place(bigWeek.places.find((p) => p.id === 'tgt-gotha')!)).toBe('Gotha');
    // A note, by the record that carries it (a force, a place, a source) or by a copy's English.
    const force = period.missions.flatMap((m) => m.forces).find((f) => f.id === 'm226-p38')!;
    const place = bigWeek.places.find((p) => p.id === 'base-bassingbourn')!;
    const german = read('de', 'records');
    expect(de.note(force)).toEqual({ text: german.get('big-week-1944.forces.m226-p38.note') });
    expect(de.note(place)?.text).toMatch(/^stellvertretende Basis/);
    expect(de.note({ ...force })).toEqual(de.note(force));
    const source = bigWeek.metrics.find((m) => m.key === 'usaaf-8af-bomber-sorties')!.source;
    expect(de.note(source)?.lang).toBeUndefined();
    expect(de.note(bigWeek.places.find((p) => p.note === undefined)!)).toBeUndefined();
    await loadLanguage('zh');
    const zh = recordTextsOf(i18n.getFixedT('zh', 'records'), bigWeek);
    expect(zh.periodLabel(period)).toBe(period.label);
    // No Chinese note yet: the record's English, marked as English.
    expect(zh.note(force)).toEqual({ text: force.notes, lang: 'en' });
    await loadLanguage('ko');
    const korea = campaigns.find((c) => c.records.campaign.id === 'korea-1951-strangle')!.records;
    const metric = korea.metrics.find((m) => m.note !== undefined)!;
    // Korea offers Korean: its notes are in Korean.
    const korean = recordTextsOf(i18n.getFixedT('ko', 'records'), korea).note(metric)!;
    expect(korean.lang).toBeUndefined();
    expect(korean.text).toMatch(/[\uac00-\ud7a3]/);
  });
});

describe('texts worded from figures', () => {
  const t = i18n.getFixedT('en', 'common');

  it('word the mission log in English exactly as the timeline does', () => {
    const bigWeek = campaigns.find((c) => c.records.campaign.id === 'big-week-1944')!;
    const timeline = buildTimeline(bigWeek.records, bigWeek.plan, 0, 1e9);
    const names = recordTextsOf(i18n.getFixedT('en', 'records'), bigWeek.records);
    expect(timeline.events.length).toBeGreaterThan(0);
    for (const e of timeline.events) {
      expect(eventText(e.phrase, t)).toBe(e.text);
      expect(eventText(e.phrase, t, names)).toBe(e.text);
    }
  });

  it('word the Korean scene’s notes in English exactly as the scene does', () => {
    const korea = campaigns.find((c) => c.records.campaign.id === 'korea-1951-strangle')!;
    const scene = koreaSceneOf(korea.records)!;
    expect(scene.notes.size).toBeGreaterThan(0);
    for (const month of scene.months)
      expect(koreaNoteIn(t, 'en', scene, month), month.periodId).toEqual(scene.notes.get(month.periodId) ?? null);
  });
});

describe('the languages offered', () => {
  it('are English and German everywhere, and Chinese and Korean for the Korean campaign', () => {
    expect(languagesFor('big-week-1944')).toEqual(['en', 'de']);
    expect(languagesFor('korea-1951-strangle')).toEqual(['en', 'de', 'zh', 'ko']);
  });
});

describe('the Chinese and Korean fonts', () => {
  const latin = readPackageFile(LATIN_FONT);
  const chinese = CJK_FONTS.find((f) => f.language === 'zh')!;
  for (const font of CJK_FONTS)
    it(`draw every character of the ${font.language} locale files, tours and kiosk title (with Inter for Latin)`, async () => {
      const wanted = requiredCharacters(font.language);
      const byLatin = await covered(latin, wanted);
      const bySubset = await covered(readFileSync(font.output), wanted);
      // Korean's font stack falls back to the Chinese subset for hanja (src/i18n/fonts.css).
      const byChinese = font.language === 'ko' ? await covered(readFileSync(chinese.output), wanted.filter(isHan)) : new Set();
      const missing = wanted.filter((c) => !byLatin.has(c) && !bySubset.has(c) && !byChinese.has(c));
      // When this fails, run `npm run fonts` and commit the new subsets.
      expect(missing.join(' ')).toBe('');
    }, 60_000);
});
