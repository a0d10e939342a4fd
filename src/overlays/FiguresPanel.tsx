/**
 * The day's figures so far, mission by mission, accruing with the clock. Every row opens to the
 * passages its figures come from. German losses are shown beside the crews' claims, attributed.
 */
import type { TFunction } from 'i18next';
import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import type { Campaign } from '../app/campaigns.ts';
import { prefersReducedMotion } from '../app/motion.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import type { Language } from '../i18n/languages.ts';
import type { LocalText, RecordTexts } from '../i18n/records.ts';
import { countValue } from '../records/counts.ts';
import type { Count, Metric, Period, SchematicAspect, Source } from '../records/schema.ts';
import { formatNumber, formatPercent, isLongPeriod } from '../timeline/format.ts';
import type { FigureRow, Figures } from '../timeline/periodFigures.ts';
import { useLiveWriter } from './live.ts';

/** The columns, each headed by `figures.columns.<key>` (a short label and a title) in common.json. */
const COLUMNS: { key: keyof Figures | 'claims' }[] = [
  { key: 'dispatched' },
  { key: 'effective' },
  { key: 'lost' },
  { key: 'damagedBeyondRepair' },
  { key: 'damaged' },
  { key: 'claims' },
  { key: 'kia' },
  { key: 'wia' },
  { key: 'mia' },
];

/** "over 1000" as the record states a count; in English exactly as describeCount writes it. */
export function describeCountIn(c: Count, t: TFunction, language: Language): string {
  const value = typeof c === 'number' ? c : c.value;
  const number = language === 'en' ? String(value) : formatNumber(value, language);
  return typeof c === 'number' ? number : t(`qualifier.${c.qualifier}`, { value: number });
}

/** "schematic: route, timing": the aspects of a record that are reconstructed. */
const schematicText = (aspects: readonly SchematicAspect[], t: TFunction) =>
  t('figures.schematic', { aspects: aspects.map((a) => t(`schematicAspect.${a}`)).join(t('figures.listSeparator')) });

type ColumnKey = (typeof COLUMNS)[number]['key'];

/**
 * A figure cell and the numbers it shows. The writer compares numbers every frame and writes text
 * only when one changed, so a frame in which no figure moves allocates nothing.
 */
interface FigureCell {
  el: HTMLElement;
  key: ColumnKey;
  row: number | 'total' | 'escorts';
  /** For claims: destroyed, probable, damaged; else the value in `a`. */
  a: number;
  b: number;
  c: number;
}

function figureCells(table: HTMLTableElement | null): FigureCell[] {
  return Array.from(table?.querySelectorAll<HTMLElement>('[data-cell]') ?? [], (el) => {
    const row = el.dataset.row!;
    return {
      el,
      key: el.dataset.cell as ColumnKey,
      row: row === 'total' || row === 'escorts' ? row : Number(row),
      a: NaN,
      b: NaN,
      c: NaN,
    };
  });
}

/**
 * Writes a figure and, when it changes while the clock plays, flashes it: the number is already
 * the new one, so the animation never lags the scene.
 */
function setFigure(cell: FigureCell, a: number, b: number, c: number, playing: boolean) {
  if (cell.a === a && cell.b === b && cell.c === c) return;
  const first = Number.isNaN(cell.a);
  cell.a = a;
  cell.b = b;
  cell.c = c;
  const { el } = cell;
  el.textContent = cell.key === 'claims' ? `${a}–${b}–${c}` : String(a);
  if (!first && playing && typeof el.animate === 'function' && !prefersReducedMotion())
    el.animate([{ backgroundColor: 'rgba(242, 193, 78, 0.45)' }, { backgroundColor: 'rgba(242, 193, 78, 0)' }], 700);
}

export function FiguresPanel({ campaign, period }: { campaign: Campaign; period: Period }) {
  const { t } = useTranslation();
  const names = useRecordTexts(campaign.records);
  const table = useRef<HTMLTableElement>(null);
  const cells = useRef<FigureCell[]>([]);
  const rows = campaign.figures.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.periodId === period.id);

  useLayoutEffect(() => {
    cells.current = figureCells(table.current);
  }, [period.id, campaign]);

  const [open, setOpen] = useState<number | null>(null);
  const escortRows = rows.filter(({ row }) => row.group === 'fighters').map(({ index }) => index);
  useLiveWriter((frame) => {
    const totals = frame.figures.periods.get(period.id);
    let escortsDispatched = 0;
    let escortsLost = 0;
    for (let i = 0; i < escortRows.length; i++) {
      // Right after a switch of campaign the last frame is still the old campaign's, with other rows.
      const f = frame.figures.rows[escortRows[i]!];
      if (!f) continue;
      escortsDispatched += f.dispatched;
      escortsLost += f.lost;
    }
    const playing = frame.clock.playing;
    const all = cells.current;
    for (let i = 0; i < all.length; i++) {
      const cell = all[i]!;
      const { key, row } = cell;
      if (row === 'escorts') {
        setFigure(cell, key === 'dispatched' ? escortsDispatched : escortsLost, 0, 0, playing);
        continue;
      }
      const f = row === 'total' ? totals : frame.figures.rows[row];
      if (!f) continue;
      if (key === 'claims') setFigure(cell, f.claimsDestroyed, f.claimsProbable, f.claimsDamaged, playing);
      else setFigure(cell, f[key], 0, 0, playing);
    }
  }, period.id);

  const long = isLongPeriod(period.start, period.end);
  if (rows.length === 0)
    return (
      <section className="panel figures" aria-label={t('figures.periodLabel')}>
        <h2 className="panel__title">{long ? t('figures.monthInFigures') : t('figures.dayInFigures')}</h2>
        <AccountedFigures campaign={campaign} period={period} />
      </section>
    );
  return (
    <section className="panel figures" aria-label={t('figures.soFarLabel')}>
      <h2 className="panel__title">{long ? t('figures.soFarMonth') : t('figures.soFarDay')}</h2>
      <table ref={table} className="figures__table">
        <thead>
          <tr>
            <th scope="col">{t('figures.mission')}</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" title={t(`figures.columns.${c.key}.title`)}>
                {t(`figures.columns.${c.key}.label`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, index }) => (
            <Fragment key={index}>
              <tr>
                <th scope="row" title={t('figures.rowTitle', { dispatched: row.final.dispatched, lost: row.final.lost })}>
                  <button
                    className="figures__row-toggle"
                    aria-expanded={open === index}
                    aria-controls={`figures-sources-${index}`}
                    onClick={() => setOpen(open === index ? null : index)}
                  >
                    {rowLabel(row, period, names, t)}
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
            <th scope="row">{long ? t('figures.monthTotal') : t('figures.dayTotal')}</th>
            {COLUMNS.map((c) => (
              <td key={c.key} data-row="total" data-cell={c.key} data-figure={c.key}>
                0
              </td>
            ))}
          </tr>
          {escortRows.length > 0 && (
            <tr className="figures__escorts">
              <th scope="row">{t('figures.ofWhichEscorts')}</th>
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
        {t('figures.note')} <ClaimsAgainstLosses period={period} />
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
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useRecordTexts(campaign.records);
  const stated = (key: string, c: Count | undefined) =>
    c === undefined ? [] : [t(`figures.stated.${key}`, { value: describeCountIn(c, t, language) })];
  return (
    <ul className="figures__row-sources">
      {forces.map((f) => (
        <li key={f.id}>
          <SourceNote source={f.source} campaign={campaign} note={names.note(f)}>
            <strong>{names.force(f) ?? f.aircraft}</strong> ({f.aircraft}):{' '}
            {[
              ...stated('dispatched', f.dispatched),
              ...stated('effective', f.effective),
              ...stated('lost', f.losses?.lost),
              ...stated('damagedBeyondRepair', f.losses?.damagedBeyondRepair),
              ...stated('damaged', f.losses?.damaged),
            ].join(t('figures.listSeparator')) || t('figures.strengthNotStated')}
            {f.schematic.length > 0 && <span className="schematic-tag"> {schematicText(f.schematic, t)}</span>}
          </SourceNote>
        </li>
      ))}
      {joints.map((j) => (
        <li key={j.id}>
          <SourceNote source={j.source} campaign={campaign}>
            <strong>{names.jointFigure(j)}</strong> {t('figures.statedTogether')}
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
  const { t } = useTranslation();
  if (!german || claimed === 0) return null;
  const lost = countValue(german.value);
  return (
    <strong>
      {claimed > lost
        ? t('figures.claimsAgainstLossesFewer', { claimed, lost, fewer: claimed - lost })
        : t('figures.claimsAgainstLosses', { claimed, lost })}
    </strong>
  );
}

function StatedFigures({ campaign, period }: { campaign: Campaign; period: Period }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useRecordTexts(campaign.records);
  const axis = period.metrics.filter((m) => m.side === 'axis');
  const other = period.metrics.filter((m) => m.side !== 'axis');
  const totals = period.missions.flatMap((m) => (m.statedTotals ? [{ mission: m, totals: m.statedTotals }] : []));
  return (
    <div className="stated">
      {axis.length > 0 && (
        <>
          <h3 className="stated__title">{t('figures.germanLosses')}</h3>
          <MetricList metrics={axis} campaign={campaign} period={period} />
        </>
      )}
      {(other.length > 0 || totals.length > 0 || campaign.discrepancies.length > 0) && (
        <details className="stated__more">
          <summary>{t('figures.moreFigures')}</summary>
          {other.length > 0 && <MetricList metrics={other} campaign={campaign} period={period} />}
          {totals.length > 0 && (
            <ul className="stated__list">
              {totals.map(({ mission, totals: given }) => {
                const parts = (['aircraft', 'bombers', 'fighters'] as const).flatMap((g) =>
                  (['dispatched', 'lost'] as const).flatMap((k) => {
                    const c = given[g]?.[k];
                    return c === undefined
                      ? []
                      : [t(`figures.totals.${g}.${k}`, { value: describeCountIn(c, t, language), count: countValue(c) })];
                  }),
                );
                return (
                  <li key={mission.id}>
                    <SourceNote source={given.source} campaign={campaign}>
                      <strong>{t('figures.missionTotals', { mission: names.mission(mission) })}</strong>{' '}
                      {parts.join(t('figures.listSeparator'))}
                    </SourceNote>
                  </li>
                );
              })}
            </ul>
          )}
          {campaign.discrepancies.length > 0 && (
            <>
              <h3 className="stated__title">{t('figures.disagree')}</h3>
              <ul className="stated__list stated__discrepancies">
                {campaign.discrepancies.map((d) => (
                  <Discrepancy key={d} message={d} campaign={campaign} />
                ))}
              </ul>
              <p className="figures__note">{t('figures.disagreeNote')}</p>
            </>
          )}
        </details>
      )}
    </div>
  );
}

/**
 * A stated total that the forces recorded do not add up to, as records/crossCheck.ts words it
 * (after the file name): `periods[0].missions[0].statedTotals.aircraft.dispatched: stated 921
 * aircraft dispatched; the forces recorded add up to 854 (discrepancy in the sources)`.
 */
const STATED_TOTAL =
  /^periods\[(\d+)\]\.missions\[(\d+)\]\.statedTotals\.(aircraft|bombers|fighters)\.(dispatched|lost): stated .+; the forces recorded add up to (\d+) \(discrepancy in the sources\)$/;

/**
 * One disagreement in the sources. English shows it as the validator words it (the same text as
 * `npm run validate`); another language words what it knows (a stated total against its
 * forces), and keeps any other message in English, marked as such.
 */
function Discrepancy({ message, campaign }: { message: string; campaign: Campaign }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useRecordTexts(campaign.records);
  const english = message.replace(/^[^:]+: /, '');
  const worded = language === 'en' ? null : discrepancyText(english, campaign, t, names, language);
  return worded ? <li>{worded}</li> : <li lang={language === 'en' ? undefined : 'en'}>{english}</li>;
}

/** A validator's discrepancy in the interface language, or null where it has no wording for it. */
export function discrepancyText(
  message: string,
  campaign: Campaign,
  t: TFunction,
  names: RecordTexts,
  language: Language,
): string | null {
  const m = STATED_TOTAL.exec(message);
  if (!m) return null;
  const mission = campaign.records.periods[Number(m[1])]?.missions[Number(m[2])];
  const group = m[3] as 'aircraft' | 'bombers' | 'fighters';
  const key = m[4] as 'dispatched' | 'lost';
  const stated = mission?.statedTotals?.[group]?.[key];
  if (!mission || stated === undefined) return null;
  return t('figures.discrepancy.statedTotal', {
    mission: names.mission(mission),
    stated: t(`figures.totals.${group}.${key}`, { value: describeCountIn(stated, t, language), count: countValue(stated) }),
    sum: formatNumber(Number(m[5]), language),
  });
}

/** Figures stated for a period with no missions to fly, grouped by whose account they are. */
function AccountedFigures({ campaign, period }: { campaign: Campaign; period: Period }) {
  const { t } = useTranslation();
  const names = useRecordTexts(campaign.records);
  const accounts = new Map<string | undefined, Metric[]>();
  for (const m of period.metrics) accounts.set(m.account, [...(accounts.get(m.account) ?? []), m]);
  if (accounts.size === 0) return <p className="figures__note">{t('figures.noFigures')}</p>;
  return (
    <div className="stated">
      {[...accounts].map(([account, metrics]) => (
        <div key={account ?? ''}>
          <h3 className="stated__title">{account === undefined ? t('figures.unattributed') : names.account(account)}</h3>
          <MetricList metrics={metrics} campaign={campaign} period={period} showAccount={false} />
        </div>
      ))}
    </div>
  );
}

function MetricList({
  metrics,
  campaign,
  period,
  showAccount = true,
}: {
  metrics: Metric[];
  campaign: Campaign;
  period: Period;
  showAccount?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = useRecordTexts(campaign.records);
  return (
    <ul className="stated__list">
      {metrics.map((m) => (
        <li key={m.key}>
          <SourceNote source={m.source} campaign={campaign} note={names.note(m)}>
            <span className="stated__value">{formatMetricValue(m, language, t)}</span> {names.metricLabel(period, m)}
            {m.account && showAccount ? <span className="stated__account"> ({names.account(m.account)})</span> : null}
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
  /** The curator's note on the record: how the figure is read, what disagrees (RecordTexts.note). */
  note?: LocalText;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const names = useRecordTexts(campaign.records);
  const sourceNote = names.note(source);
  const sources = campaign.records.campaign.sources;
  const pub = sources.find((s) => s.id === source.ref);
  const cited = source.cites ? sources.find((s) => s.id === source.cites) : undefined;
  // Publications and the passage keep their own language: a quote is never translated.
  return (
    <details className="source-note">
      <summary>{children}</summary>
      <blockquote className="source-note__quote" lang="en">
        “{source.quote}”
      </blockquote>
      <p className="source-note__ref">
        {pub?.title ?? source.ref}
        {cited
          ? t('figures.citing', {
              work: `${cited.author ? `${cited.author}, ` : ''}${cited.title}${cited.citedAs ? ` ${cited.citedAs}` : ''}`,
            })
          : ''}
        {source.page ? t('figures.page', { page: source.page }) : ''}
      </p>
      {/* Notes are translated where the records namespace has them, else the records' English, marked so. */}
      {sourceNote && (
        <p className="source-note__ref" lang={sourceNote.lang}>
          {sourceNote.text}
        </p>
      )}
      {note && (
        <p className="source-note__curator">
          <Framed text={t('figures.curatorNote', { note: SLOT })}>
            <span lang={note.lang}>{note.text}</span>
          </Framed>
        </p>
      )}
    </details>
  );
}

/** Where a translated frame ("Note: {{note}}") puts a text of another language. */
const SLOT = '\u0000';

/** `text` with its SLOT replaced by `children`: a record's English inside a sentence of the interface language. */
function Framed({ text, children }: { text: string; children: React.ReactNode }) {
  const at = text.indexOf(SLOT);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      {children}
      {text.slice(at + SLOT.length)}
    </>
  );
}

function Sources({ campaign, period }: { campaign: Campaign; period: Period }) {
  const { t } = useTranslation();
  const names = useRecordTexts(campaign.records);
  return (
    <details className="sources">
      <summary>{t('figures.sources')}</summary>
      <ul>
        {period.missions.flatMap((m) =>
          m.forces.map((f) => (
            <li key={f.id}>
              <SourceNote source={f.source} campaign={campaign} note={names.note(f)}>
                {names.force(f) ?? f.id}
                {f.schematic.length > 0 && <span className="schematic-tag"> {schematicText(f.schematic, t)}</span>}
              </SourceNote>
            </li>
          )),
        )}
        {period.missions.flatMap((m) =>
          m.jointFigures.map((j) => (
            <li key={j.id}>
              <SourceNote source={j.source} campaign={campaign}>
                {names.jointFigure(j)}
              </SourceNote>
            </li>
          )),
        )}
      </ul>
    </details>
  );
}

/**
 * "over 1,000", "8.6%", "20%" for a fraction of 0.2: the figure as the source words it, in
 * `language` (the qualifier through `t`; English without it).
 */
export function formatMetricValue(m: Metric, language: Language = 'en', t?: TFunction): string {
  const v = countValue(m.value);
  const number =
    m.unit === '%'
      ? formatPercent(v, language)
      : m.unit === 'fraction'
        ? language === 'en'
          ? `${+(v * 100).toFixed(1)}%`
          : formatPercent(+(v * 100).toFixed(1), language)
        : formatNumber(v, language);
  if (typeof m.value === 'number') return number;
  return t ? t(`qualifier.${m.value.qualifier}`, { value: number }) : `${m.value.qualifier} ${number}`;
}

/** A figures row's label: the mission, and which of its forces when the mission has both kinds. */
function rowLabel(row: FigureRow, period: Period, names: RecordTexts, t: TFunction): string {
  const mission = period.missions.find((m) => m.id === row.missionId);
  if (!mission) return row.label;
  const name = names.mission(mission);
  return row.label === mission.label ? name : t(`figures.row.${row.group}`, { mission: name });
}
