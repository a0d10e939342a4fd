/**
 * The series the charts draw, from the records alone: per day of a campaign of days (sorties,
 * losses, claims, loss rate, running total), per month of a campaign of months (the monthly
 * metrics), and the earlier raids to compare with. Each series names the publications its
 * figures come from.
 */
import type { Campaign } from '../app/campaigns.ts';
import { countValue } from '../records/counts.ts';
import type { CampaignFile, Metric, Period } from '../records/schema.ts';
import { shortPeriodLabel } from '../timeline/format.ts';

export interface DayFigures {
  periodId: string;
  label: string;
  /** Aircraft dispatched with a stated strength, bombers and fighters. */
  sorties: number;
  bombersDispatched: number;
  bombersLost: number;
  fightersLost: number;
  claimsDestroyed: number;
  /** German aircraft lost as the sources record them for the day, where they do. */
  germanLost: number | null;
  /** Bombers lost per bomber dispatched, or null when none was dispatched with a stated strength. */
  lossRate: number | null;
}

export function dayFigures(campaign: Campaign): DayFigures[] {
  const { records, figures } = campaign;
  return records.periods.map((period) => {
    const rows = figures.rows.filter((r) => r.periodId === period.id);
    const sum = (group: 'bombers' | 'fighters' | null, key: 'dispatched' | 'lost' | 'claimsDestroyed') =>
      rows.filter((r) => group === null || r.group === group).reduce((s, r) => s + r.final[key], 0);
    const bombersDispatched = sum('bombers', 'dispatched');
    const bombersLost = sum('bombers', 'lost');
    const german = period.metrics.find((m) => m.side === 'axis' && /aircraft-lost$/.test(m.key));
    return {
      periodId: period.id,
      label: shortPeriodLabel(period.start, period.end, records.campaign.utcOffset),
      sorties: sum(null, 'dispatched'),
      bombersDispatched,
      bombersLost,
      fightersLost: sum('fighters', 'lost'),
      claimsDestroyed: sum(null, 'claimsDestroyed'),
      germanLost: german ? countValue(german.value) : null,
      lossRate: bombersDispatched > 0 ? bombersLost / bombersDispatched : null,
    };
  });
}

/** Running totals of bombers lost and dispatched, day by day. */
export function runningLossRate(days: DayFigures[]): { label: string; lost: number; dispatched: number; rate: number | null }[] {
  let lost = 0;
  let dispatched = 0;
  return days.map((d) => {
    lost += d.bombersLost;
    dispatched += d.bombersDispatched;
    return { label: d.label, lost, dispatched, rate: dispatched > 0 ? lost / dispatched : null };
  });
}

/** The publications the records of these periods cite, by title. */
export function sourcesOf(file: CampaignFile, periods: readonly Period[], metrics: readonly Metric[] = []): string[] {
  const refs = new Set<string>();
  for (const p of periods)
    for (const m of p.missions) {
      refs.add(m.source.ref);
      for (const f of m.forces) refs.add(f.source.ref);
      for (const j of m.jointFigures) refs.add(j.source.ref);
    }
  for (const m of metrics) refs.add(m.source.ref);
  return file.campaign.sources.filter((s) => refs.has(s.id)).map((s) => (s.author ? `${s.author}, ${s.title}` : s.title));
}

export interface MonthlySeries {
  key: string;
  label: string;
  unit: string;
  /** Whose account the figures are (e.g. "Chinese account"). */
  account: string | null;
  points: { periodId: string; label: string; value: number | null; qualifier: string | null }[];
  sources: string[];
}

/** One series per metric key given for several months, in period order, with gaps where not given. */
export function monthlySeries(file: CampaignFile, keys: readonly string[]): MonthlySeries[] {
  return keys.flatMap((key) => {
    const found = file.periods.flatMap((p) => p.metrics.filter((m) => m.key === key));
    if (found.length === 0) return [];
    const first = found[0]!;
    return [
      {
        key,
        label: first.label,
        unit: first.unit ?? '',
        account: first.account ?? null,
        points: file.periods.map((p) => {
          const m = p.metrics.find((x) => x.key === key);
          return {
            periodId: p.id,
            label: shortPeriodLabel(p.start, p.end, file.campaign.utcOffset),
            value: m ? countValue(m.value) : null,
            qualifier: m && typeof m.value !== 'number' ? m.value.qualifier : null,
          };
        }),
        sources: sourcesOf(file, [], found),
      },
    ];
  });
}

/** Korea's monthly figures worth charting, in the order the issue of the campaign reads them. */
export const KOREA_SERIES = [
  'triangle-sorties',
  'triangle-line-station-damage',
  'triangle-bridge-damage',
  'usaf-fb-lost-to-aaa',
  'usaf-fb-damaged-by-aaa',
] as const;
