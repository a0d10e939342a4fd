/**
 * Record texts in the interface language: a translation from the `records` namespace where
 * there is one, else the record's own English. Figures are never part of a key's lookup: a
 * translation renders the record's text, and the numbers beside it come from the record.
 */
import type { TFunction } from 'i18next';
import type { CampaignFile, Force, JointFigures, Metric, Mission, Period, Place } from '../records/schema.ts';
import { noteOf, notesOf, recordKey, type Noted } from './recordKeys.ts';

export type { Noted };

/**
 * A record text with the language it is in: `lang` is 'en' where no translation exists and the
 * record's English stands in (mark the element `lang="en"`), absent where it is translated.
 */
export interface LocalText {
  text: string;
  lang?: 'en';
}

export interface RecordTexts {
  title: () => string;
  clockLabel: () => string | undefined;
  periodLabel: (p: Period) => string;
  summary: (p: Period) => string | undefined;
  weather: (p: Period) => string | undefined;
  metricLabel: (p: Period | undefined, m: Metric) => string;
  account: (account: string) => string;
  unit: (unit: string) => string;
  /** How the source names a target it gives no place for ("targets of opportunity"). */
  targetLabel: (label: string) => string;
  mission: (m: Pick<Mission, 'id' | 'label'>) => string;
  force: (f: Pick<Force, 'id' | 'label'>) => string | undefined;
  jointFigure: (j: Pick<JointFigures, 'id' | 'label'>) => string;
  place: (p: Pick<Place, 'id' | 'name'>) => string;
  /**
   * The curator's note on a record of the file: a force's, mission's or period's `notes`, a
   * metric's, place's, feature's or source's `note` (pass the `source` object for a source's own
   * note). Undefined where the record has none.
   */
  note: (owner: Noted) => LocalText | undefined;
}

/** Where each note of a file is keyed: by the record that carries it, or by its English (a copied record). */
interface NoteKeys {
  byOwner: WeakMap<object, string>;
  byText: Map<string, string>;
}

const noteKeysCache = new WeakMap<CampaignFile, NoteKeys>();

function noteKeysOf(file: CampaignFile): NoteKeys {
  let keys = noteKeysCache.get(file);
  if (!keys) {
    keys = { byOwner: new WeakMap(), byText: new Map() };
    for (const { owner, key, text } of notesOf(file)) {
      keys.byOwner.set(owner, key);
      if (!keys.byText.has(text)) keys.byText.set(text, key);
    }
    noteKeysCache.set(file, keys);
  }
  return keys;
}

/** What `t` returns for a key it lacks: no translation, only the record's English. */
const UNTRANSLATED = '\u0000untranslated';

/** Record texts of `file` through `t` (a `records` namespace t of the current language). */
export function recordTextsOf(t: TFunction, file: CampaignFile): RecordTexts {
  const prefix = file.campaign.id;
  const text = (key: string | string[], english: string): string =>
    t(Array.isArray(key) ? key.map((k) => `${prefix}.${k}`) : `${prefix}.${key}`, { ns: 'records', defaultValue: english });
  const optional = (key: string, english: string | undefined) => (english === undefined ? undefined : text(key, english));
  const note = (owner: Noted): LocalText | undefined => {
    const english = noteOf(owner);
    if (!english) return undefined;
    const keys = noteKeysOf(file);
    const key = keys.byOwner.get(owner) ?? keys.byText.get(english);
    const translated = key === undefined ? UNTRANSLATED : t(`${prefix}.${key}`, { ns: 'records', defaultValue: UNTRANSLATED });
    return translated === UNTRANSLATED ? { text: english, lang: 'en' } : { text: translated };
  };
  return {
    title: () => text(recordKey.title(), file.campaign.title),
    clockLabel: () => optional(recordKey.clockLabel(), file.campaign.clockLabel),
    periodLabel: (p) => text(recordKey.period(p.id, 'label'), p.label),
    summary: (p) => optional(recordKey.period(p.id, 'summary'), p.summary),
    weather: (p) => optional(recordKey.period(p.id, 'weather'), p.weather),
    metricLabel: (p, m) =>
      text(p ? [recordKey.metricInPeriod(p.id, m.key), recordKey.metric(m.key)] : recordKey.metric(m.key), m.label),
    account: (account) => text(recordKey.account(account), account),
    unit: (unit) => text(recordKey.unit(unit), unit),
    targetLabel: (label) => text(recordKey.targetLabel(label), label),
    mission: (m) => text(recordKey.mission(m.id), m.label),
    force: (f) => optional(recordKey.force(f.id), f.label),
    jointFigure: (j) => text(recordKey.jointFigure(j.id), j.label),
    place: (p) => text(recordKey.place(p.id), p.name),
    note,
  };
}
