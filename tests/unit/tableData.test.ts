/**
 * The data table's rows and CSV, from the bundled records: every force has its row, the period
 * totals are what a reader adds up from the records, qualified counts keep their qualifier, and
 * the CSV survives a strict RFC 4180 reader, names with quotes, commas and line breaks included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMetricValue } from '../../src/overlays/FiguresPanel.tsx';
import {
  ENGLISH_COLUMNS,
  buildTables,
  csvField,
  csvFileName,
  filterRows,
  sortRows,
  tableCsv,
  toCsv,
  type Table,
} from '../../src/overlays/tableData.ts';
import { CampaignFile } from '../../src/records/schema.ts';
import { periodTotals } from '../shared/recordTotals.ts';

const read = (file: string) => CampaignFile.parse(JSON.parse(readFileSync(`data/${file}`, 'utf8')));
const FILES = ['big-week-1944.json', 'context-raids-1943-44.json', 'korea-1951-strangle.json'];
const campaigns = FILES.map((file) => ({ file, records: read(file) }));
const bigWeek = campaigns[0]!.records;

/** The text of the cell of `column` in the row `key`. */
function cell(table: Table, key: string, column: string): string {
  const r = table.rows.find((x) => x.key === key);
  const i = table.columns.findIndex((c) => c.key === column);
  if (!r || i < 0) throw new Error(`no cell ${key}/${column}`);
  return r.cells[i]!.text;
}

/**
 * A strict RFC 4180 reader: fields separated by commas, records ended by CRLF, quoted fields
 * with doubled quotes; a bare quote, CR or LF in an unquoted field is an error.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const end = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    if (field === '' && text[i] === '"') {
      // A quoted field runs to the quote that is not doubled.
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      // An empty quoted field followed by more text must not be read as unquoted.
      if (field === '') field = '\u0000';
      continue;
    }
    const ch = text[i]!;
    if (ch === ',') {
      end();
      i++;
    } else if (ch === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      end();
      records.push(record);
      record = [];
      i += 2;
    } else if (ch === '\n' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} in an unquoted field at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records.map((r) => r.map((f) => (f === '\u0000' ? '' : f)));
}

describe('the data table rows', () => {
  it.each(campaigns)('$file: every force of the records has exactly one row, in record order', ({ records }) => {
    const tables = buildTables(records);
    const forceIds = records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces.map((f) => f.id)));
    expect(tables.forces.rows.map((r) => r.key)).toEqual(forceIds);
    const missionIds = records.periods.flatMap((p) => p.missions.map((m) => m.id));
    expect(tables.missions.rows.map((r) => r.key)).toEqual(missionIds);
    // Every figure the sources state per period, and campaign-wide, has a row.
    expect(tables['period-figures'].rows).toHaveLength(
      records.periods.reduce((n, p) => n + p.metrics.length, 0) + records.metrics.length,
    );
  });

  it.each(campaigns)('$file: the totals per period are what the records add up to', ({ records }) => {
    const tables = buildTables(records);
    const withMissions = records.periods.filter((p) => p.missions.length > 0);
    expect(tables.periods.rows.map((r) => r.key)).toEqual(withMissions.map((p) => p.id));
    for (const p of withMissions) {
      const row = tables.periods.rows.find((r) => r.key === p.id)!;
      expect(row.totals, p.id).toEqual(periodTotals(p));
    }
  });

  it('mission totals add up to the period totals', () => {
    const tables = buildTables(bigWeek);
    for (const p of bigWeek.periods) {
      const sum = { ...periodTotals({ ...p, missions: [] }) };
      for (const m of p.missions) {
        const t = tables.missions.rows.find((r) => r.key === m.id)!.totals!;
        for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += t[k];
      }
      expect(sum, p.id).toEqual(periodTotals(p));
    }
  });

  it('shows a force figure by figure, and a count the source qualifies with its qualifier', () => {
    const { forces } = buildTables(bigWeek);
    expect(cell(forces, 'm226-f1-leipzig', 'dispatched')).toBe('417');
    expect(cell(forces, 'm226-f1-leipzig', 'lost')).toBe('7');
    expect(cell(forces, 'm226-f1-leipzig', 'damaged')).toBe('161');
    expect(cell(forces, 'm226-f1-leipzig', 'claims')).toBe('14–5–6');
    expect(cell(forces, 'm226-f1-leipzig', 'mia')).toBe('72');
    expect(cell(forces, 'm226-f1-leipzig', 'targets')).toContain('(primary, 239)');
    expect(cell(forces, 'm226-f1-leipzig', 'targets')).toContain('other targets of opportunity (opportunity, 20)');
    expect(cell(forces, 'm226-f1-leipzig', 'schematic')).toBe('route, timing, formation, loss positions');
    expect(cell(forces, 'm226-f1-leipzig', 'source')).toBe(
      'Operation Argument, citing USAF History Publications, The Army Air Forces in World War II: Combat Chronology [8]',
    );
    // "about 100 B-26s abort": not 100, and no dispatched figure made up.
    expect(cell(forces, 'ix-0220-b26', 'aborted')).toBe('about 100');
    expect(cell(forces, 'ix-0220-b26', 'dispatched')).toBe('');
    const sorted = sortRows(
      forces.rows,
      forces.columns.findIndex((c) => c.key === 'aborted'),
      'descending',
    );
    expect(sorted[0]!.cells.find((c) => c.text.startsWith('nearly'))?.text).toBe('nearly 190');
  });

  it('keeps the qualifier of a stated total and of a joint figure inside a sum', () => {
    const { missions, periods } = buildTables(bigWeek);
    expect(cell(missions, 'usaaf-226', 'statedTotals')).toBe('over 1,000 bombers dispatched, 21 bombers lost, 4 fighters lost');
    expect(cell(missions, 'usaaf-226', 'jointFigures')).toBe(
      'Escort fighters of Mission 226, as a group: claims 61–7–37, 4 damaged, 4 MIA',
    );
    const qualifiedLoss = missions.rows.find((r) => r.cells.some((c) => /incl\. over 30\)/.test(c.text)))!;
    expect(qualifiedLoss).toBeDefined();
    // A period whose claims include "over 90" destroyed says so beside the sum.
    expect(periods.rows.some((r) => r.cells.some((c) => /–.*\(incl\. over 90 destroyed\)$/.test(c.text)))).toBe(true);
  });

  it('words each period figure as the figures panel does (Korea: sorties, percentages, fractions)', () => {
    for (const { records } of campaigns) {
      const figures = buildTables(records)['period-figures'];
      const metrics = [...records.periods.flatMap((p) => p.metrics), ...records.metrics];
      const valueColumn = figures.columns.findIndex((c) => c.key === 'value');
      figures.rows.forEach((r, i) => expect(r.cells[valueColumn]!.text, r.key).toBe(formatMetricValue(metrics[i]!)));
    }
    const korea = buildTables(campaigns[2]!.records)['period-figures'];
    expect(cell(korea, '1951-09/triangle-sorties', 'value')).toBe('3,027');
    expect(cell(korea, '1951-09/triangle-sorties', 'unit')).toBe('sorties');
    expect(cell(korea, '1951-09/triangle-sorties', 'account')).toBe('China–North Korea Joint Railway Transportation Command');
    expect(cell(korea, '1951-09/triangle-sorties', 'covers')).toBe('1951-09-01 – 1951-09-30');
    expect(cell(korea, 'campaign/triangle-railway-length', 'period')).toBe('Whole campaign');
  });

  it('filters on every shown cell, ignoring case and accents, and sorts with unstated figures last', () => {
    const { forces } = buildTables(bigWeek);
    const b17 = filterRows(forces, forces.rows, 'b-17 LEIPZIG');
    expect(b17.length).toBeGreaterThan(0);
    expect(b17.every((r) => r.cells.some((c) => /B-17/.test(c.text)) && r.cells.some((c) => /Leipzig/.test(c.text)))).toBe(true);
    expect(filterRows(forces, forces.rows, '   ')).toBe(forces.rows);
    const dispatched = forces.columns.findIndex((c) => c.key === 'dispatched');
    for (const direction of ['ascending', 'descending'] as const) {
      const sorted = sortRows(forces.rows, dispatched, direction);
      const keys = sorted.map((r) => r.cells[dispatched]!.sort);
      const stated = keys.filter((k) => k !== null) as number[];
      expect(keys.slice(stated.length).every((k) => k === null)).toBe(true);
      expect(stated).toEqual([...stated].sort((a, b) => (direction === 'ascending' ? a - b : b - a)));
    }
  });
});

describe('the CSV export', () => {
  it('is RFC 4180 with a UTF-8 byte-order mark, CRLF line ends and a header row', () => {
    const { forces } = buildTables(bigWeek);
    const csv = tableCsv(forces);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(csv.slice(1));
    expect(parsed[0]).toEqual(forces.columns.map((c) => ENGLISH_COLUMNS[c.key]));
    expect(parsed.slice(1)).toEqual(forces.rows.map((r) => r.cells.map((c) => c.csv)));
    // Numbers without digit grouping; qualifiers kept.
    const row = parsed.find((r) => r.includes('ix-0220-b26'))!;
    expect(row).toContain('about 100');
    expect(csvFileName(bigWeek.campaign.id, 'forces')).toBe('big-week-1944-forces.csv');
  });

  it('round-trips names with quotes, commas and line breaks', () => {
    const records = structuredClone(bigWeek);
    const mission = records.periods[0]!.missions[1]!;
    mission.label = 'Mission "Argument", day 1';
    mission.forces[0]!.label = 'Leipzig force,\r\n"the first"\nof three';
    mission.airForce = 'Eighth Air Force ';
    records.periods[0]!.label = 'Sonntag, 20. Februar – Mönchengladbach';
    for (const table of Object.values(buildTables(records))) {
      const parsed = parseCsv(tableCsv(table).slice(1));
      expect(parsed.slice(1), table.id).toEqual(table.rows.map((r) => r.cells.map((c) => c.csv)));
    }
    const parsed = parseCsv(tableCsv(buildTables(records).forces).slice(1));
    expect(parsed.some((r) => r.includes('Leipzig force,\r\n"the first"\nof three'))).toBe(true);
    expect(parsed.some((r) => r.includes('Mission "Argument", day 1'))).toBe(true);
  });

  it('quotes only where needed, and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('B-17')).toBe('B-17');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(toCsv(['a', 'b'], [['1', '']])).toBe('\uFEFFa,b\r\n1,\r\n');
  });
});
