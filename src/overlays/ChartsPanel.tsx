/**
 * Week or campaign charts: per day for Big Week (sorties, losses, claims beside recorded German
 * losses, loss rate against the earlier raids), per month for Korea. Scales and shapes come
 * from d3; every chart names its sources and carries a table for screen readers.
 * Loaded on demand, in its own chunk.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Campaign } from '../app/campaigns.ts';
import { useApp } from '../app/store.ts';
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
            <th scope="col">Period</th>
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
                <td key={i}>{v === null ? 'not given' : format(v)}</td>
              ))}
              {overlay && (
                <td>{overlay.values[k] === null || overlay.values[k] === undefined ? '' : format(overlay.values[k]!)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="chart__note">{note}</p>}
      <p className="chart__source">Source: {[...new Set(sources)].join('; ')}</p>
    </figure>
  );
}

const count = (v: number) => Math.round(v).toLocaleString('en-GB');
const percent = (v: number) => `${+(v * 100).toFixed(1)}%`;

export default function ChartsPanel({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const periodId = useApp((s) => s.periodId);
  const entries = useApp((s) => s.entries);
  const { records } = campaign;
  const long = records.periods.some((p) => Date.parse(p.end) - Date.parse(p.start) > 3 * 86400_000);
  return (
    <section className="panel charts" aria-label="Charts">
      <header className="charts__header">
        <h2 className="panel__title">{long ? 'The campaign month by month' : 'The week day by day'}</h2>
        <button className="charts__close" onClick={onClose} aria-label="Close the charts">
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
  const days = dayFigures(campaign);
  const sources = sourcesOf(
    campaign.records,
    campaign.records.periods,
    campaign.records.periods.flatMap((p) => p.metrics),
  );
  const bar = (d: DayFigures, values: (number | null)[]): Bar => ({
    key: d.periodId,
    label: d.label.replace(/^\w+ /, ''),
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
        title="Aircraft dispatched each day"
        series={['Dispatched']}
        bars={days.map((d) => bar(d, [d.sorties]))}
        format={count}
        sources={sources}
        note="Forces whose strength the sources do not state (the Fifteenth Air Force's raids) are not counted."
      />
      <BarChart
        title="Aircraft lost each day"
        series={['Bombers', 'Fighters']}
        bars={days.map((d) => bar(d, [d.bombersLost, d.fightersLost]))}
        format={count}
        sources={sources}
      />
      <BarChart
        title="Claims beside recorded German losses"
        series={['Claimed destroyed (crews)', 'German losses (as recorded)']}
        bars={days.map((d) => bar(d, [d.claimsDestroyed, d.germanLost]))}
        format={count}
        sources={sources}
        note="Claims are the crews' own accounts and ran high; the German figures are given for two days only (–: not given)."
      />
      <BarChart
        title="Bomber loss rate: Big Week against the earlier raids"
        series={['Lost per dispatched']}
        bars={[
          ...earlier.map(({ d, c }) => ({
            key: `${c.records.campaign.id}-${d.periodId}`,
            label: `${d.label.split(' ').at(-1)} ’${d.periodId.slice(2, 4)}`,
            values: [d.lossRate],
            reference: true,
          })),
          ...days.map((d) => ({ ...bar(d, [d.lossRate]), label: d.label.split(' ')[1]! })),
        ]}
        overlay={{ label: 'Big Week so far', values: [...earlier.map(() => null), ...running.map((r) => r.rate)] }}
        format={percent}
        sources={[...sources, ...context.flatMap((c) => sourcesOf(c.records, c.records.periods))]}
        note={
          earlier.length
            ? `Big Week: 20–26 February 1944. Grey: ${earlier.map(({ d, c }) => `${c.records.periods.find((p) => p.id === d.periodId)!.label}`).join('; ')}.`
            : undefined
        }
      />
    </>
  );
}

function MonthCharts({ campaign, periodId }: { campaign: Campaign; periodId: string | null }) {
  const series = monthlySeries(campaign.records, KOREA_SERIES);
  return (
    <>
      {series.map((s) => (
        <BarChart
          key={s.key}
          title={`${s.label}${s.account ? ` (${s.account})` : ''}`}
          series={[s.unit || 'Value']}
          bars={s.points
            .filter(
              (_, i, all) => all.slice(i).some((q) => q.value !== null) && all.slice(0, i + 1).some((q) => q.value !== null),
            )
            .map((p) => ({
              key: p.periodId,
              label: p.label.replace(/ \d{4}$/, ''),
              values: [p.value],
              current: p.periodId === periodId,
            }))}
          format={count}
          sources={s.sources}
          note={s.points.some((p) => p.qualifier) ? 'Some figures are qualified in the source ("over", "about").' : undefined}
        />
      ))}
    </>
  );
}
