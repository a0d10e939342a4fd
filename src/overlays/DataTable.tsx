/**
 * Every figure of the campaign as a table: the text alternative to the 3D scene. A modal dialog
 * with three views (forces, missions, periods), each a real <table> with a caption, scoped
 * headers, sortable columns, a filter and a CSV download. Screen readers read it with their own
 * table commands; sighted keyboard users tab to the sort buttons and move between cells with the
 * arrow keys.
 *
 * The tables hold the records, not the figures "so far": they are built once per campaign and
 * language and never re-render with the clock. Loaded on demand, in its own chunk.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Campaign } from '../app/campaigns.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import { LOCALES, type Language } from '../i18n/languages.ts';
import { formatNumber, formatPercent } from '../timeline/format.ts';
import {
  VIEW_TABLES,
  buildTables,
  csvFileName,
  filterRows,
  sortRows,
  tableCsv,
  type CampaignTables,
  type ColumnKey,
  type SortDirection,
  type Table,
  type TableId,
  type ViewId,
  type Wording,
} from './tableData.ts';
import './dataTable.css';

const VIEWS: ViewId[] = ['forces', 'missions', 'periods'];

/** Columns of running text: wide, so that a row stays a few lines high. */
const WIDE = new Set<ColumnKey>(['targets', 'source', 'jointFigures', 'statedTotals', 'note', 'totalsNote', 'account', 'figure']);

/** A plain signature for `t`: keys here are built from record values, which typed keys cannot express. */
type Translate = (key: string, options?: Record<string, unknown>) => string;

// React escapes what it renders; i18next must not escape it a second time ("Caldwell &amp; Muller").
const RAW = { interpolation: { escapeValue: false } };

function wordingFrom(t: Translate, language: Language): Wording {
  return {
    number: (n) => formatNumber(n, language),
    percent: (p) => formatPercent(p, language),
    term: (kind, value) => t(`terms.${kind}.${value}`, { defaultValue: value }),
    qualified: (qualifier, value) => t(`wording.qualified.${qualifier}`, { value, ...RAW }),
    wholeCampaign: t('wording.wholeCampaign'),
    including: (sum, qualified) => t('wording.including', { sum, qualified: qualified.join(', '), ...RAW }),
    claimPart: (part, value) => t(`wording.claimPart.${part}`, { value, ...RAW }),
    figure: (key, value) => t(`wording.figure.${key}`, { value, ...RAW }),
    statedTotal: (group, key, value, count) => t(`wording.statedTotal.${group}.${key}`, { value, count, ...RAW }),
    unstatedStrength: (count) => t('wording.unstatedStrength', { count }),
    citing: (publication, cited) => t('wording.citing', { publication, cited, ...RAW }),
    page: (page) => t('wording.page', { page, ...RAW }),
  };
}

export default function DataTable({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t: translate } = useTranslation('table');
  const t = translate as unknown as Translate;
  // Numbers and sorting follow the language the texts are shown in (English keeps en-GB).
  const language = useLanguage();
  const locale = LOCALES[language];
  const names = useRecordTexts(campaign.records);
  const tables = useMemo(() => buildTables(campaign.records, wordingFrom(t, language), names), [campaign, t, language, names]);
  // A campaign whose records hold no forces (Korea's are figures per period) opens on its periods.
  const [view, setView] = useState<ViewId>(() => (tables.forces.rows.length > 0 ? 'forces' : 'periods'));
  const openedOn = useRef(view);
  const dialog = useRef<HTMLDialogElement>(null);
  const tabs = useRef(new Map<ViewId, HTMLButtonElement>());
  const id = useId();
  const { records } = campaign;

  useEffect(() => {
    // Whatever opened the table gets the focus back when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = dialog.current;
    // Modal: the scene and its controls are inert while the table is open, and Tab stays inside.
    if (d && !d.open) d.showModal?.();
    tabs.current.get(openedOn.current)?.focus();
    return () => {
      if (d?.open) d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = VIEWS.indexOf(view);
    const to =
      e.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : e.key === 'ArrowLeft'
          ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length]
          : e.key === 'Home'
            ? VIEWS[0]
            : e.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!to) return;
    e.preventDefault();
    setView(to);
    tabs.current.get(to)?.focus();
  };

  return (
    <dialog
      ref={dialog}
      className="data-table"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        // The app's own keys (Space plays, arrows step the clock) must not act beneath the dialog.
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="data-table__header">
        <h2 id={`${id}-title`} className="data-table__title">
          {t('title', { campaign: names.title(), ...RAW })}
        </h2>
        <button type="button" className="data-table__close" aria-label={t('close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <p id={`${id}-intro`} className="data-table__intro">
        {t('intro')}
      </p>
      <div className="data-table__tabs" role="tablist" aria-label={t('views')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            ref={(el) => {
              if (el) tabs.current.set(v, el);
              else tabs.current.delete(v);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${v}`}
            aria-selected={v === view}
            aria-controls={`${id}-panel-${v}`}
            tabIndex={v === view ? 0 : -1}
            onClick={() => setView(v)}
            onKeyDown={onTabKey}
          >
            {t(`tabs.${v}`)}
          </button>
        ))}
      </div>
      {VIEWS.map((v) => (
        <div
          key={v}
          role="tabpanel"
          id={`${id}-panel-${v}`}
          aria-labelledby={`${id}-tab-${v}`}
          hidden={v !== view}
          className="data-table__panel"
        >
          {tables[VIEW_TABLES[v][0]!].rows.length === 0 && (
            <p className="data-table__note">{t(v === 'periods' ? 'noMissions' : 'noForces')}</p>
          )}
          {VIEW_TABLES[v].map((tableId) =>
            tables[tableId].rows.length === 0 ? null : (
              <TableSection
                key={tableId}
                table={tables[tableId]}
                tables={tables}
                campaignId={records.campaign.id}
                periods={records.periods.length}
                locale={locale}
                t={t}
              />
            ),
          )}
        </div>
      ))}
    </dialog>
  );
}

interface SectionProps {
  table: Table;
  tables: CampaignTables;
  campaignId: string;
  periods: number;
  locale: string;
  t: Translate;
}

/** One table with its filter, its summary and its CSV download. */
function TableSection({ table, tables, campaignId, periods, locale, t }: SectionProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null);
  const tableEl = useRef<HTMLTableElement>(null);
  const rows = useMemo(() => {
    const filtered = filterRows(table, table.rows, query);
    return sort ? sortRows(filtered, sort.column, sort.direction, locale) : filtered;
  }, [table, query, sort, locale]);
  const shown = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.csvOnly);
  const file = csvFileName(campaignId, table.id);
  const heading = (key: ColumnKey) => t(`columns.${key}`);

  const onSort = (column: number, numeric: boolean) =>
    setSort((s) =>
      // Figures open largest first, text A to Z; a second click reverses.
      s?.column === column
        ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: numeric ? 'descending' : 'ascending' },
    );

  const download = () => {
    const url = URL.createObjectURL(new Blob([tableCsv(table, heading, rows)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    a.hidden = true;
    // Inside the dialog: the page outside a modal dialog is inert.
    (tableEl.current?.closest('dialog') ?? document.body).append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="data-table__section" aria-labelledby={`${id}-caption`}>
      <div className="data-table__tools">
        <label className="data-table__filter">
          <span>
            {t('filter')}
            <span className="visually-hidden">: {t(`shortNames.${table.id}`)}</span>
          </span>
          <input
            type="text"
            value={query}
            placeholder={t('filterPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${id}-shown`}
          />
        </label>
        <p id={`${id}-shown`} className="data-table__shown" role="status">
          {t('shown', { shown: rows.length.toLocaleString(locale), count: table.rows.length })}
        </p>
        <button type="button" className="data-table__download" onClick={download}>
          {t('download', { file, ...RAW })}
        </button>
      </div>
      <p id={`${id}-summary`} className="data-table__summary">
        {summaryOf(table.id, tables, periods, t)} <span className="visually-hidden">{t('gridHelp')}</span>
      </p>
      <div className="data-table__scroll">
        <table ref={tableEl} className="data-table__table" aria-describedby={`${id}-summary`} onKeyDown={moveInGrid}>
          <caption id={`${id}-caption`}>{t(`captions.${table.id}`)}</caption>
          <thead>
            <tr>
              {shown.map(({ c, i }) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'data-table__num' : undefined}
                  aria-sort={sort?.column === i ? sort.direction : undefined}
                >
                  <button type="button" className="data-table__sort" onClick={() => onSort(i, c.numeric)}>
                    {heading(c.key)}
                    <span aria-hidden="true" className="data-table__arrow">
                      {sort?.column === i ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                {shown.map(({ c, i }) => {
                  const cell = r.cells[i]!;
                  const content =
                    cell.text === '' ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">{t('notStated')}</span>
                      </>
                    ) : (
                      cell.text
                    );
                  const className = c.numeric ? 'data-table__num' : WIDE.has(c.key) ? 'data-table__wide' : undefined;
                  return c.rowHeader ? (
                    <th key={c.key} scope="row" tabIndex={-1} className={className} lang={cell.lang}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} tabIndex={-1} className={className} lang={cell.lang}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="data-table__note">{t('noRows')}</p>}
      </div>
    </section>
  );
}

function summaryOf(tableId: TableId, tables: CampaignTables, periods: number, t: Translate): string {
  const count = tables[tableId].rows.length;
  return t(`summary.${tableId}`, { count, missions: tables.missions.rows.length, periods });
}

/**
 * Arrow keys move between the cells of a table (a header cell's sort button takes the focus),
 * Home and End to the ends of the row, Ctrl+Home and Ctrl+End to the first and last cell.
 */
function moveInGrid(e: KeyboardEvent<HTMLTableElement>) {
  const cell = (e.target as HTMLElement).closest('td, th') as HTMLTableCellElement | null;
  const table = e.currentTarget;
  if (!cell || !table.contains(cell)) return;
  const rowCount = table.rows.length;
  const columnCount = table.rows[0]?.cells.length ?? 0;
  let r = (cell.parentElement as HTMLTableRowElement).rowIndex;
  let c = cell.cellIndex;
  switch (e.key) {
    case 'ArrowUp':
      r -= 1;
      break;
    case 'ArrowDown':
      r += 1;
      break;
    case 'ArrowLeft':
      c -= 1;
      break;
    case 'ArrowRight':
      c += 1;
      break;
    case 'PageUp':
      r -= 10;
      break;
    case 'PageDown':
      r += 10;
      break;
    case 'Home':
      c = 0;
      if (e.ctrlKey) r = 0;
      break;
    case 'End':
      c = columnCount - 1;
      if (e.ctrlKey) r = rowCount - 1;
      break;
    default:
      return;
  }
  r = Math.max(0, Math.min(rowCount - 1, r));
  c = Math.max(0, Math.min(columnCount - 1, c));
  const next = table.rows[r]?.cells[c];
  if (!next) return;
  e.preventDefault();
  (next.querySelector('button') ?? next).focus();
  next.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
