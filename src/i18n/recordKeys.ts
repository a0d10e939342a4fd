/**
 * Where each translatable record text lives in the `records` namespace: under the campaign id,
 * then the record's id (`big-week-1944.periods.1944-02-20.summary`). Texts without an id of
 * their own (whose account a figure is, its unit, how the source names a target it does not
 * place) are keyed by a slug of their English.
 *
 * Curators' notes (a record's `note` or `notes`, a source's `note`) are keyed by the record that
 * owns them: `forces.<id>.note`, `forces.<id>.source.note`, `periods.<id>.metrics.<key>.note`,
 * `placeNotes.<id>` (a place's own key is its name). `notesOf` lists them.
 *
 * Quotes from sources (`source.quote`) have no key: they stay in the language of the source.
 */
import type { CampaignFile, Source } from '../records/schema.ts';

/** "China–North Korea Joint Railway…" → "china-north-korea-joint-railway…" */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Ids are lower-case letters, digits and hyphens; anything else (a free-form metric key) is slugged. */
const part = (id: string) => (/^[a-z0-9-]+$/.test(id) ? id : slug(id));

export const recordKey = {
  title: () => 'campaign.title',
  clockLabel: () => 'campaign.clockLabel',
  period: (periodId: string, field: 'label' | 'summary' | 'weather') => `periods.${part(periodId)}.${field}`,
  /** A metric's label where it differs between periods, else one label for every period. */
  metricInPeriod: (periodId: string, key: string) => `periods.${part(periodId)}.metrics.${part(key)}.label`,
  metric: (key: string) => `metrics.${part(key)}.label`,
  account: (account: string) => `accounts.${slug(account)}`,
  unit: (unit: string) => `units.${slug(unit)}`,
  targetLabel: (label: string) => `targetLabels.${slug(label)}`,
  mission: (id: string) => `missions.${part(id)}.label`,
  force: (id: string) => `forces.${part(id)}.label`,
  jointFigure: (id: string) => `jointFigures.${part(id)}.label`,
  place: (id: string) => `places.${part(id)}`,
  /**
   * A curator's note, under the record that owns it (`forces.m226-p38`, `periods.1951-09.metrics.
   * triangle-sorties`, `sources.usaf-combat-chronology`…), or that record's source (`….source`): `owner`
   * is the record's key without its field. A place's note is `placeNotes.<id>`.
   */
  note: (owner: string) => `${owner}.note`,
  placeNote: (id: string) => `placeNotes.${part(id)}`,
};

/** A record that may carry a curator's note: forces, missions and periods have `notes`, the rest `note`. */
export type Noted = { note?: string } | { notes?: string };

/** The English of a record's note, whichever field holds it. */
export const noteOf = (owner: Noted): string | undefined =>
  (owner as { notes?: string }).notes ?? (owner as { note?: string }).note;

/** A note of a file: the record (or source) that carries it, its key, its English. */
export interface FileNote {
  owner: Noted;
  key: string;
  text: string;
}

/**
 * Every curator's note of a file, in file order: on the campaign's sources, its places, its
 * periods, their metrics, missions, forces, joint figures and stated totals (and the sources of
 * each), the campaign-wide metrics and the map features.
 */
export function notesOf(file: CampaignFile): FileNote[] {
  const notes: FileNote[] = [];
  const add = (owner: Noted | undefined, key: string) => {
    const text = owner && noteOf(owner);
    if (owner && text) notes.push({ owner, key, text });
  };
  /** A record's own note and its source's: `<owner>.note`, `<owner>.source.note`. */
  const record = (owner: Noted, at: string, source?: Source) => {
    add(owner, recordKey.note(at));
    add(source, recordKey.note(`${at}.source`));
  };
  for (const s of file.campaign.sources) add(s, recordKey.note(`sources.${part(s.id)}`));
  for (const place of file.places) add(place, recordKey.placeNote(place.id));
  for (const p of file.periods) {
    const period = `periods.${part(p.id)}`;
    add(p, recordKey.note(period));
    add(p.weatherSource, recordKey.note(`${period}.weatherSource`));
    for (const m of p.metrics) record(m, `${period}.metrics.${part(m.key)}`, m.source);
    for (const mission of p.missions) {
      const at = `missions.${part(mission.id)}`;
      record(mission, at, mission.source);
      add(mission.statedTotals?.source, recordKey.note(`${at}.statedTotals.source`));
      for (const f of mission.forces) {
        record(f, `forces.${part(f.id)}`, f.source);
        add(f.timing.source, recordKey.note(`forces.${part(f.id)}.timing.source`));
      }
      for (const j of mission.jointFigures) add(j.source, recordKey.note(`jointFigures.${part(j.id)}.source`));
    }
  }
  for (const m of file.metrics) record(m, `metrics.${part(m.key)}`, m.source);
  for (const feature of file.features) record(feature, `features.${part(feature.id)}`, feature.source);
  return notes;
}

/**
 * Every translatable text of a campaign file, by key (without the campaign id), in English as
 * the file has it. This is what `locales/en/records.json` holds for each campaign; a unit test
 * keeps that file equal to the data, so a changed record shows up as a translation to redo.
 * Waypoints are never labelled on the map, but a force's route lists them by name (the details
 * panel): those on a route are listed, the others (a front line's points) are not. Every
 * curator's note is listed (`notesOf`), whether or not a panel shows it yet.
 */
export function recordTexts(file: CampaignFile): Map<string, string> {
  const texts = new Map<string, string>();
  const add = (key: string, text: string | undefined) => {
    if (text) texts.set(key, text);
  };
  add(recordKey.title(), file.campaign.title);
  add(recordKey.clockLabel(), file.campaign.clockLabel);
  const labels = new Map<string, Set<string>>();
  for (const p of file.periods) for (const m of p.metrics) labels.set(m.key, (labels.get(m.key) ?? new Set()).add(m.label));
  for (const p of file.periods) {
    add(recordKey.period(p.id, 'label'), p.label);
    add(recordKey.period(p.id, 'summary'), p.summary);
    add(recordKey.period(p.id, 'weather'), p.weather);
    for (const m of p.metrics) {
      add(labels.get(m.key)!.size > 1 ? recordKey.metricInPeriod(p.id, m.key) : recordKey.metric(m.key), m.label);
      if (m.account) add(recordKey.account(m.account), m.account);
      if (m.unit && slug(m.unit)) add(recordKey.unit(m.unit), m.unit);
    }
    for (const mission of p.missions) {
      add(recordKey.mission(mission.id), mission.label);
      for (const f of mission.forces) {
        add(recordKey.force(f.id), f.label);
        // What a force dropped ("bundles of leaflets") is a unit like a figure's.
        if (f.payload && slug(f.payload.unit)) add(recordKey.unit(f.payload.unit), f.payload.unit);
        for (const target of f.targets)
          if (target.label && slug(target.label)) add(recordKey.targetLabel(target.label), target.label);
      }
      for (const j of mission.jointFigures) add(recordKey.jointFigure(j.id), j.label);
    }
  }
  // Figures for the whole campaign (not of one period): their labels, accounts and units likewise.
  for (const m of file.metrics) {
    add(recordKey.metric(m.key), m.label);
    if (m.account) add(recordKey.account(m.account), m.account);
    if (m.unit && slug(m.unit)) add(recordKey.unit(m.unit), m.unit);
  }
  const routed = new Set(file.periods.flatMap((p) => p.missions.flatMap((m) => m.forces.flatMap((f) => f.route))));
  for (const place of file.places)
    if (place.kind !== 'waypoint' || routed.has(place.id)) add(recordKey.place(place.id), place.name);
  for (const note of notesOf(file)) add(note.key, note.text);
  return texts;
}
