/**
 * The day's figures so far, mission by mission, accruing with the clock. Every row opens to the
 * passages its figures come from. German losses are shown beside the crews' claims, attributed.
 */
import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import type { Campaign } from '../app/campaigns.ts';
import { countValue, describeCount } from '../records/counts.ts';
import type { Metric, Period, Source } from '../records/schema.ts';
import { isLongPeriod } from '../timeline/format.ts';
import type { Figures } from '../timeline/periodFigures.ts';
import { useLiveWriter } from './live.ts';

const COLUMNS: { key: keyof Figures | 'claims'; label: string; title: string }[] = [
  { key: 'dispatched', label: 'Disp.', title: 'Aircraft dispatched (counted from take-off)' },
  { key: 'effective', label: 'Eff.', title: 'Aircraft credited to the primary targets (counted over the target)' },
  { key: 'lost', label: 'Lost', title: 'Aircraft lost (as each leaves the stream)' },
  { key: 'damagedBeyondRepair', label: 'DBR', title: 'Damaged beyond repair (reported on landing)' },
  { key: 'damaged', label: 'Dmg.', title: 'Damaged (reported on landing)' },
  { key: 'claims', label: 'Claims', title: 'Enemy aircraft claimed destroyed–probable–damaged (reported at debriefing)' },
  { key: 'kia', label: 'KIA', title: 'Killed in action (reported on landing)' },
  { key: 'wia', label: 'WIA', title: 'Wounded in action (reported on landing)' },
  { key: 'mia', label: 'MIA', title: 'Missing in action (reported on landing)' },
];

/**
 * Writes a figure and, when it changes while the clock plays, flashes it: the number is already
 * the new one, so the animation never lags the scene.
 */
function setFigure(el: HTMLElement, value: number | string, playing: boolean) {
  const text = String(value);
  if (el.textContent === text) return;
  el.textContent = text;
  if (playing && typeof el.animate === 'function' && !reducedMotion())
    el.animate([{ backgroundColor: 'rgba(242, 193, 78, 0.45)' }, { backgroundColor: 'rgba(242, 193, 78, 0)' }], 700);
}

let motionQuery: MediaQueryList | undefined;
const reducedMotion = () => (motionQuery ??= window.matchMedia?.('(prefers-reduced-motion: reduce)'))?.matches ?? false;

const cellText = (f: Figures, key: (typeof COLUMNS)[number]['key']) =>
  key === 'claims' ? `${f.claimsDestroyed}–${f.claimsProbable}–${f.claimsDamaged}` : String(f[key]);

export function FiguresPanel({ campaign, period }: { campaign: Campaign; period: Period }) {
  const table = useRef<HTMLTableElement>(null);
  const cells = useRef<HTMLElement[]>([]);
  const rows = campaign.figures.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.periodId === period.id);

  useLayoutEffect(() => {
    cells.current = Array.from(table.current?.querySelectorAll<HTMLElement>('[data-cell]') ?? []);
  }, [period.id, campaign]);

  const [open, setOpen] = useState<number | null>(null);
  const escortRows = rows.filter(({ row }) => row.group === 'fighters').map(({ index }) => index);
  useLiveWriter((frame) => {
    const totals = frame.figures.periods.get(period.id);
    let escortsDispatched = 0;
    let escortsLost = 0;
    for (const r of escortRows) {
      escortsDispatched += frame.figures.rows[r]!.dispatched;
      escortsLost += frame.figures.rows[r]!.lost;
    }
    for (const el of cells.current) {
      const key = el.dataset.cell as (typeof COLUMNS)[number]['key'];
      const r = el.dataset.row!;
      if (r === 'escorts') {
        setFigure(el, key === 'dispatched' ? escortsDispatched : escortsLost, frame.clock.playing);
        continue;
      }
      const f = r === 'total' ? totals : frame.figures.rows[Number(r)];
      if (f) setFigure(el, key === 'claims' ? cellText(f, key) : f[key], frame.clock.playing);
    }
  }, period.id);

  const long = isLongPeriod(period.start, period.end);
  if (rows.length === 0)
    return (
      <section className="panel figures" aria-label="Figures for the period">
        <h2 className="panel__title">{long ? 'The month in figures' : 'The day in figures'}</h2>
        <AccountedFigures campaign={campaign} period={period} />
      </section>
    );
  return (
    <section className="panel figures" aria-label="Figures so far">
      <h2 className="panel__title">{long ? 'So far this month' : 'So far today'}</h2>
      <table ref={table} className="figures__table">
        <thead>
          <tr>
            <th scope="col">Mission</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, index }) => (
            <Fragment key={index}>
              <tr>
                <th scope="row" title={`Of the record: ${row.final.dispatched} dispatched, ${row.final.lost} lost`}>
                  <button
                    className="figures__row-toggle"
                    aria-expanded={open === index}
                    aria-controls={`figures-sources-${index}`}
                    onClick={() => setOpen(open === index ? null : index)}
                  >
                    {row.label}
                  </button>
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.key} data-row={index} data-cell={c.key}>
                    0
                  </td>
                ))}
              </tr>
              {open === index && (
                <tr id={`figures-sources-${index}`} className="figures__sources-row">
                  <td colSpan={COLUMNS.length + 1}>
                    <RowSources campaign={campaign} period={period} missionId={row.missionId} group={row.group} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{long ? 'Month total' : 'Day total'}</th>
            {COLUMNS.map((c) => (
              <td key={c.key} data-row="total" data-cell={c.key} data-figure={c.key}>
                0
              </td>
            ))}
          </tr>
          {escortRows.length > 0 && (
            <tr className="figures__escorts">
              <th scope="row">of which escorts</th>
              {COLUMNS.map((c) =>
                c.key === 'dispatched' || c.key === 'lost' ? (
                  <td key={c.key} data-row="escorts" data-cell={c.key} data-figure={`escorts-${c.key}`}>
                    0
                  </td>
                ) : (
                  <td key={c.key} />
                ),
              )}
            </tr>
          )}
        </tfoot>
      </table>
      <p className="figures__note">
        Losses count as each aircraft leaves its stream; effective aircraft over the target; damage, claims and casualties when
        the force has landed. Claims are the crews' own accounts, not confirmed losses. <ClaimsAgainstLosses period={period} />
      </p>
      <StatedFigures campaign={campaign} period={period} />
      <Sources campaign={campaign} period={period} />
    </section>
  );
}

/** Where a row's figures come from: each force with its record's figures, quote and publication. */
function RowSources({
  campaign,
  period,
  missionId,
  group,
}: {
  campaign: Campaign;
  period: Period;
  missionId: string;
  group: 'bombers' | 'fighters';
}) {
  const mission = period.missions.find((m) => m.id === missionId)!;
  const fighters = (role: string) => role === 'escort' || role === 'fighter-bomber';
  const forces = mission.forces.filter((f) => fighters(f.role) === (group === 'fighters'));
  const ids = new Set(forces.map((f) => f.id));
  const joints = mission.jointFigures.filter((j) => j.forces.some((id) => ids.has(id)));
  const stated = (label: string, c: Parameters<typeof describeCount>[0] | undefined) =>
    c === undefined ? [] : [`${describeCount(c)} ${label}`];
  return (
    <ul className="figures__row-sources">
      {forces.map((f) => (
        <li key={f.id}>
          <SourceNote source={f.source} campaign={campaign} note={f.notes}>
            <strong>{f.label ?? f.aircraft}</strong> ({f.aircraft}):{' '}
            {[
              ...stated('dispatched', f.dispatched),
              ...stated('effective', f.effective),
              ...stated('lost', f.losses?.lost),
              ...stated('damaged beyond repair', f.losses?.damagedBeyondRepair),
              ...stated('damaged', f.losses?.damaged),
            ].join(', ') || 'strength not stated'}
            {f.schematic.length > 0 && <span className="schematic-tag"> schematic: {f.schematic.join(', ')}</span>}
          </SourceNote>
        </li>
      ))}
      {joints.map((j) => (
        <li key={j.id}>
          <SourceNote source={j.source} campaign={campaign}>
            <strong>{j.label}</strong> (stated for several forces together)
          </SourceNote>
        </li>
      ))}
    </ul>
  );
}

/** The day's claims set against the German losses the sources record, where they record them. */
function ClaimsAgainstLosses({ period }: { period: Period }) {
  const german = period.metrics.find((m) => m.side === 'axis' && /aircraft-lost$/.test(m.key));
  const claimed = period.missions.reduce(
    (n, m) =>
      n +
      m.forces.reduce((k, f) => k + countValue(f.claims?.destroyed), 0) +
      m.jointFigures.reduce((k, j) => k + countValue(j.claims?.destroyed), 0),
    0,
  );
  if (!german || claimed === 0) return null;
  const lost = countValue(german.value);
  return (
    <strong>
      This day the crews claimed {claimed} destroyed; German records give {lost} lost
      {claimed > lost ? `, ${claimed - lost} fewer` : ''}.
    </strong>
  );
}

function StatedFigures({ campaign, period }: { campaign: Campaign; period: Period }) {
  const axis = period.metrics.filter((m) => m.side === 'axis');
  const other = period.metrics.filter((m) => m.side !== 'axis');
  const totals = period.missions.flatMap((m) => (m.statedTotals ? [{ mission: m, totals: m.statedTotals }] : []));
  return (
    <div className="stated">
      {axis.length > 0 && (
        <>
          <h3 className="stated__title">German losses, as recorded</h3>
          <MetricList metrics={axis} campaign={campaign} />
        </>
      )}
      {(other.length > 0 || totals.length > 0 || campaign.discrepancies.length > 0) && (
        <details className="stated__more">
          <summary>More figures the sources state for the day</summary>
          {other.length > 0 && <MetricList metrics={other} campaign={campaign} />}
          {totals.length > 0 && (
            <ul className="stated__list">
              {totals.map(({ mission, totals: t }) => {
                const parts = (['aircraft', 'bombers', 'fighters'] as const).flatMap((g) =>
                  (['dispatched', 'lost'] as const).flatMap((k) => {
                    const c = t[g]?.[k];
                    return c === undefined ? [] : [`${describeCount(c)} ${g} ${k}`];
                  }),
                );
                return (
                  <li key={mission.id}>
                    <SourceNote source={t.source} campaign={campaign}>
                      <strong>{mission.label}:</strong> {parts.join(', ')}
                    </SourceNote>
                  </li>
                );
              })}
            </ul>
          )}
          {campaign.discrepancies.length > 0 && (
            <>
              <h3 className="stated__title">Where the records disagree</h3>
              <ul className="stated__list stated__discrepancies">
                {campaign.discrepancies.map((d) => (
                  <li key={d}>{d.replace(/^[^:]+: /, '')}</li>
                ))}
              </ul>
            </>
          )}
        </details>
      )}
    </div>
  );
}

/** Figures stated for a period with no missions to fly, grouped by whose account they are. */
function AccountedFigures({ campaign, period }: { campaign: Campaign; period: Period }) {
  const accounts = new Map<string, Metric[]>();
  for (const m of period.metrics) {
    const account = m.account ?? 'Unattributed';
    accounts.set(account, [...(accounts.get(account) ?? []), m]);
  }
  if (accounts.size === 0) return <p className="figures__note">The sources give no figures for this period.</p>;
  return (
    <div className="stated">
      {[...accounts].map(([account, metrics]) => (
        <div key={account}>
          <h3 className="stated__title">{account}</h3>
          <MetricList metrics={metrics} campaign={campaign} showAccount={false} />
        </div>
      ))}
    </div>
  );
}

function MetricList({ metrics, campaign, showAccount = true }: { metrics: Metric[]; campaign: Campaign; showAccount?: boolean }) {
  return (
    <ul className="stated__list">
      {metrics.map((m) => (
        <li key={m.key}>
          <SourceNote source={m.source} campaign={campaign} note={m.note}>
            <span className="stated__value">{formatMetricValue(m)}</span> {m.label}
            {m.account && showAccount ? <span className="stated__account"> ({m.account})</span> : null}
          </SourceNote>
        </li>
      ))}
    </ul>
  );
}

/** A figure that opens to its source: publication, cited work and the passage itself. */
export function SourceNote({
  source,
  campaign,
  note,
  children,
}: {
  source: Source;
  campaign: Campaign;
  /** The curator's note on the record: how the figure is read, what disagrees. */
  note?: string;
  children: React.ReactNode;
}) {
  const sources = campaign.records.campaign.sources;
  const pub = sources.find((s) => s.id === source.ref);
  const cited = source.cites ? sources.find((s) => s.id === source.cites) : undefined;
  return (
    <details className="source-note">
      <summary>{children}</summary>
      <blockquote className="source-note__quote">“{source.quote}”</blockquote>
      <p className="source-note__ref">
        {pub?.title ?? source.ref}
        {cited
          ? `, citing ${cited.author ? `${cited.author}, ` : ''}${cited.title}${cited.citedAs ? ` ${cited.citedAs}` : ''}`
          : ''}
        {source.page ? `, p. ${source.page}` : ''}
      </p>
      {source.note && <p className="source-note__ref">{source.note}</p>}
      {note && <p className="source-note__curator">Note: {note}</p>}
    </details>
  );
}

function Sources({ campaign, period }: { campaign: Campaign; period: Period }) {
  return (
    <details className="sources">
      <summary>Sources for every force of the day</summary>
      <ul>
        {period.missions.flatMap((m) =>
          m.forces.map((f) => (
            <li key={f.id}>
              <SourceNote source={f.source} campaign={campaign} note={f.notes}>
                {f.label ?? f.id}
                {f.schematic.length > 0 && <span className="schematic-tag"> schematic: {f.schematic.join(', ')}</span>}
              </SourceNote>
            </li>
          )),
        )}
        {period.missions.flatMap((m) =>
          m.jointFigures.map((j) => (
            <li key={j.id}>
              <SourceNote source={j.source} campaign={campaign}>
                {j.label}
              </SourceNote>
            </li>
          )),
        )}
      </ul>
    </details>
  );
}

/** "over 1,000", "8.6%", "20%" for a fraction of 0.2: the figure as the source words it. */
export function formatMetricValue(m: Metric): string {
  const v = countValue(m.value);
  const qualifier = typeof m.value === 'number' ? '' : `${m.value.qualifier} `;
  const number =
    m.unit === '%'
      ? `${v.toLocaleString('en-GB')}%`
      : m.unit === 'fraction'
        ? `${+(v * 100).toFixed(1)}%`
        : v.toLocaleString('en-GB');
  return qualifier + number;
}
