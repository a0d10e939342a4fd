/**
 * Record texts in the interface language: a translation from the `records` namespace where
 * there is one, else the record's own English. Figures are never part of a key's lookup: a
 * translation renders the record's text, and the numbers beside it come from the record.
 */
import type { TFunction } from 'i18next';
import type { CampaignFile, Force, JointFigures, Metric, Mission, Period, Place } from '../records/schema.ts';
import { recordKey } from './recordKeys.ts';

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
}

/** Record texts of `file` through `t` (a `records` namespace t of the current language). */
export function recordTextsOf(t: TFunction, file: CampaignFile): RecordTexts {
  const prefix = file.campaign.id;
  const text = (key: string | string[], english: string): string =>
    t(Array.isArray(key) ? key.map((k) => `${prefix}.${k}`) : `${prefix}.${key}`, { ns: 'records', defaultValue: english });
  const optional = (key: string, english: string | undefined) => (english === undefined ? undefined : text(key, english));
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
  };
}
