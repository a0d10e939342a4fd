/**
 * Week or campaign charts: per day for Big Week (sorties, losses, claims beside recorded German
 * losses, loss rate against the earlier raids), per month for Korea. Scales and shapes come
 * from d3; every chart names its sources and carries a table for screen readers.
 * Loaded on demand, in its own chunk.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import type { Campaign } from '../app/campaigns.ts';
import { useApp } from '../app/store.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import type { Language } from '../i18n/languages.ts';
import { recordTextsOf } from '../i18n/records.ts';
import type { CampaignFile } from '../records/schema.ts';
import { formatNumber, formatPercent, periodAxisLabel } from '../timeline/format.ts';
import { dayFigures, KOREA_SERIES, monthlySeries, runningLossRate, sourcesOf, type DayFigures } from './chartData.ts';

interface Bar {
  key: string;
  label: string;
  values: (number | null)[];
  current?: boolean;
  reference?: boolean;
}

interface ChartProps {
  title: string;
  series: string[];
  bars: Bar[];
  format: (v: number) => string;
  sources: string[];
  note?: string;
  /** A line across the bars, e.g. a running total, in the same units. */
  overlay?: { label: string; values: (number | null)[] };
}

const W = 300;
const H = 150;
const M = { top: 14, right: 8, bottom: 30, left: 40 };
const SERIES_CLASS = ['chart__bar--a', 'chart__bar--b'];

export function BarChart({ title, series, bars, format, sources, note, overlay }: ChartProps) {
  const { t } = useTranslation();
  const max = Math.max(1e-9, ...bars.flatMap((b) => b.values.map((v) => v ?? 0)), ...(overlay?.values.map((v) => v ?? 0) ?? []));
  const x = scaleBand()
    .domain(bars.map((b) => b.key))
    .range([M.left, W - M.right])
    .padding(0.22);
  const inner = scaleBand().domain(series.map(String)).range([0, x.bandwidth()]).padding(0.08);
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([H - M.bottom, M.top]);
  const path =
    overlay &&
    line<number | null>()
      .defined((v) => v !== null)
      .x((_, i) => x(bars[i]!.key)! + x.bandwidth() / 2)
      .y((v) => y(v ?? 0))(overlay.values);
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart__svg" aria-hidden="true">
        {y.ticks(4).map((t) => (
          <g key={t} className="chart__grid">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 4} y={y(t) + 3} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {bars.map((b) => (
          <g
            key={b.key}
            className={`chart__group${b.current ? ' chart__group--current' : ''}${b.reference ? ' chart__group--reference' : ''}`}
          >
            {b.values.map((v, i) =>
              v === null ? (
                <text
                  key={i}
                  className="chart__gap"
                  x={x(b.key)! + inner(String(series[i]))! + inner.bandwidth() / 2}
                  y={H - M.bottom - 3}
                  textAnchor="middle"
                >
                  –
                </text>
              ) : (
                <rect
                  key={i}
                  className={`chart__bar ${SERIES_CLASS[i] ?? ''}`}
                  x={x(b.key)! + inner(String(series[i]))!}
                  width={inner.bandwidth()}
                  y={y(v)}
                  height={Math.max(0, H - M.bottom - y(v))}
                />
              ),
            )}
            <text className="chart__label" x={x(b.key)! + x.bandwidth() / 2} y={H - M.bottom + 12} textAnchor="middle">
              {b.label}
            </text>
          </g>
        ))}
        {path && <path className="chart__line" d={path} />}
      </svg>
      {series.length > 1 || overlay ? (
        <p className="chart__legend">
          {series.map((s, i) => (
            <span key={s} className={`chart__key ${SERIES_CLASS[i] ?? ''}`}>
              {s}
            </span>
          ))}
          {overlay && <span className="chart__key chart__key--line">{overlay.label}</span>}
        </p>
      ) : null}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('charts.period')}</th>
            {series.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
            {overlay && <th scope="col">{overlay.label}</th>}
          </tr>
        </thead>
        <tbody>
          {bars.map((b, k) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              {b.values.map((v, i) => (
                <td key={i}>{v === null ? t('charts.notGiven') : format(v)}</td>
              ))}
              {overlay && (
                <td>{overlay.values[k] === null || overlay.values[k] === undefined ? '' : format(overlay.values[k]!)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="chart__note">{note}</p>}
      <p className="chart__source">{t('charts.source', { sources: [...new Set(sources)].join('; ') })}</p>
    </figure>
  );
}

const counter = (language: Language) => (v: number) => formatNumber(Math.round(v), language);
const percenter = (language: Language) => (v: number) => formatPercent(+(v * 100).toFixed(1), language);

/** A period's name on the axis, by its id. */
function axisLabel(file: CampaignFile, periodId: string, part: 'dayMonth' | 'month' | 'day', language: Language): string {
  const p = file.periods.find((q) => q.id === periodId)!;
  return periodAxisLabel(p.start, p.end, file.campaign.utcOffset, part, language);
}

export default function ChartsPanel({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const periodId = useApp((s) => s.periodId);
  const entries = useApp((s) => s.entries);
  const { records } = campaign;
  const long = records.periods.some((p) => Date.parse(p.end) - Date.parse(p.start) > 3 * 86400_000);
  const { t } = useTranslation();
  const panel = useRef<HTMLElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    // Whatever opened the charts (the topbar button) gets the focus back if they close under it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Escape closes the charts from anywhere on the page, unless something in front of them
    // (a dialog, the map's own keys, a typed time) has handled it already.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      if (panel.current?.contains(document.activeElement)) opener?.focus();
      onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section ref={panel} className="panel charts" aria-label={t('charts.label')}>
      <header className="charts__header">
        <h2 className="panel__title">{long ? t('charts.monthByMonth') : t('charts.dayByDay')}</h2>
        <button className="charts__close" onClick={onClose} aria-label={t('charts.close')}>
          ×
        </button>
      </header>
      <div className="charts__grid">
        {long ? (
          <MonthCharts campaign={campaign} periodId={periodId} />
        ) : (
          <DayCharts
            campaign={campaign}
            periodId={periodId}
            context={entries.flatMap((e) =>
              e.status === 'ready' && e.campaign !== campaign && e.campaign.records.campaign.theatre === records.campaign.theatre
                ? [e.campaign]
                : [],
            )}
          />
        )}
      </div>
    </section>
  );
}

function DayCharts({ campaign, periodId, context }: { campaign: Campaign; periodId: string | null; context: Campaign[] }) {
  const { t } = useTranslation();
  const recordsT = useTranslation('records').t;
  const language = useLanguage();
  const count = counter(language);
  const days = dayFigures(campaign);
  const sources = sourcesOf(
    campaign.records,
    campaign.records.periods,
    campaign.records.periods.flatMap((p) => p.metrics),
  );
  const bar = (d: DayFigures, values: (number | null)[]): Bar => ({
    key: d.periodId,
    label: axisLabel(campaign.records, d.periodId, 'dayMonth', language),
    values,
    current: d.periodId === periodId,
  });
  // The earlier raids of the same theatre (Schweinfurt–Regensburg, Black Thursday) as the yardstick.
  const start = Date.parse(campaign.records.periods[0]!.start);
  const endOf = (c: Campaign, d: DayFigures) => Date.parse(c.records.periods.find((p) => p.id === d.periodId)!.end);
  const earlier = context.flatMap((c) =>
    dayFigures(c)
      .filter((d) => d.lossRate !== null && endOf(c, d) <= start)
      .map((d) => ({ d, c })),
  );
  const running = runningLossRate(days);
  return (
    <>
      <BarChart
        title={t('charts.dispatchedTitle')}
        series={[t('charts.dispatched')]}
        bars={days.map((d) => bar(d, [d.sorties]))}
        format={count}
        sources={sources}
        note={t('charts.dispatchedNote')}
      />
      <BarChart
        title={t('charts.lostTitle')}
        series={[t('charts.bombers'), t('charts.fighters')]}
        bars={days.map((d) => bar(d, [d.bombersLost, d.fightersLost]))}
        format={count}
        sources={sources}
      />
      <BarChart
        title={t('charts.claimsTitle')}
        series={[t('charts.claimed'), t('charts.germanLosses')]}
        bars={days.map((d) => bar(d, [d.claimsDestroyed, d.germanLost]))}
        format={count}
        sources={sources}
        note={t('charts.claimsNote')}
      />
      <BarChart
        title={t('charts.lossRateTitle')}
        series={[t('charts.lostPerDispatched')]}
        bars={[
          ...earlier.map(({ d, c }) => ({
            key: `${c.records.campaign.id}-${d.periodId}`,
            label: `${axisLabel(c.records, d.periodId, 'month', language)} ’${d.periodId.slice(2, 4)}`,
            values: [d.lossRate],
            reference: true,
          })),
          ...days.map((d) => ({ ...bar(d, [d.lossRate]), label: axisLabel(campaign.records, d.periodId, 'day', language) })),
        ]}
        overlay={{ label: t('charts.bigWeekSoFar'), values: [...earlier.map(() => null), ...running.map((r) => r.rate)] }}
        format={percenter(language)}
        sources={[...sources, ...context.flatMap((c) => sourcesOf(c.records, c.records.periods))]}
        note={
          earlier.length
            ? t('charts.lossRateNote', {
                earlier: earlier
                  .map(({ d, c }) =>
                    recordTextsOf(recordsT, c.records).periodLabel(c.records.periods.find((p) => p.id === d.periodId)!),
                  )
                  .join('; '),
              })
            : undefined
        }
      />
    </>
  );
}

function MonthCharts({ campaign, periodId }: { campaign: Campaign; periodId: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useRecordTexts(campaign.records);
  const series = monthlySeries(campaign.records, KOREA_SERIES);
  return (
    <>
      {series.map((s) => (
        <BarChart
          key={s.key}
          title={monthTitle(campaign.records, s.key, s.label, s.account, names, t)}
          series={[s.unit ? names.unit(s.unit) : t('charts.value')]}
          bars={s.points
            .filter(
              (_, i, all) => all.slice(i).some((q) => q.value !== null) && all.slice(0, i + 1).some((q) => q.value !== null),
            )
            .map((p) => ({
              key: p.periodId,
              label: axisLabel(campaign.records, p.periodId, 'month', language),
              values: [p.value],
              current: p.periodId === periodId,
            }))}
          format={counter(language)}
          sources={s.sources}
          note={s.points.some((p) => p.qualifier) ? t('charts.qualifiedNote') : undefined}
        />
      ))}
    </>
  );
}

/** A monthly series' title: the metric as its first month labels it, and whose account it is. */
function monthTitle(
  file: CampaignFile,
  key: string,
  label: string,
  account: string | null,
  names: ReturnType<typeof useRecordTexts>,
  t: TFunction,
): string {
  const period = file.periods.find((p) => p.metrics.some((m) => m.key === key));
  const metric = period?.metrics.find((m) => m.key === key);
  const title = metric ? names.metricLabel(period, metric) : label;
  return account ? t('charts.withAccount', { title, account: names.account(account) }) : title;
}
