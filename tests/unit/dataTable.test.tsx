// @vitest-environment happy-dom
/**
 * The data table as a keyboard or screen-reader user meets it: a modal dialog with three tabs,
 * real tables with captions and scoped headers, sort buttons that set aria-sort, a filter that
 * says how many rows it shows, arrow keys between cells, Escape to close, a CSV download; and
 * its texts complete in every language.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync, readdirSync } from 'node:fs';
import { Profiler } from 'react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Campaign } from '../../src/app/campaigns.ts';
import { applyLanguage } from '../../src/i18n/i18n.ts';
import DataTable from '../../src/overlays/DataTable.tsx';
import { publish } from '../../src/overlays/live.ts';
import { CampaignFile } from '../../src/records/schema.ts';
import { createClock } from '../../src/timeline/clock.ts';

// The table reads only the records: no flight plan to compile for it.
const campaignOf = (file: string) =>
  ({ file, records: CampaignFile.parse(JSON.parse(readFileSync(`data/${file}`, 'utf8'))) }) as unknown as Campaign;
const bigWeek = campaignOf('big-week-1944.json');
const korea = campaignOf('korea-1951-strangle.json');
const forces = bigWeek.records.periods.flatMap((p) => p.missions.flatMap((m) => m.forces));

afterEach(cleanup);
afterAll(() => applyLanguage('en'));

// Role queries walk the whole DOM, and a table of every force is thousands of cells: plain
// selectors find things here, the role queries check what a screen reader is told.
function open(campaign = bigWeek, onClose = () => {}) {
  render(<DataTable campaign={campaign} onClose={onClose} />);
  return document.querySelector('dialog')!;
}

const tabsOf = (dialog: HTMLElement) => Array.from(dialog.querySelectorAll<HTMLElement>('[role=tab]'));

/** The table, in a shown tab panel, whose caption matches. */
function tableNamed(caption: RegExp): HTMLTableElement {
  const found = Array.from(document.querySelectorAll('[role=tabpanel]:not([hidden]) caption')).find((c) =>
    caption.test(c.textContent!),
  );
  if (!found) throw new Error(`no table ${caption}`);
  return found.closest('table')!;
}

/** A button by its text (the sort arrows left out) or its aria-label. */
function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).find(
    (b) => b.getAttribute('aria-label') === name || b.textContent!.replace(/[▲▼↕]/g, '') === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

// Thousands of cells in happy-dom, on a machine shared with browsers: more than the default 5 s.
describe('the data table', { timeout: 60_000 }, () => {
  it('opens as a dialog with a row for every force, a caption and scoped headers', () => {
    const dialog = open();
    expect(screen.getByRole('dialog', { name: /every figure as a table$/ })).toBe(dialog);
    expect(dialog.querySelector('h2')!.textContent).toBe(`${bigWeek.records.campaign.title}: every figure as a table`);
    const tabs = within(dialog.querySelector<HTMLElement>('[role=tablist]')!).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Forces', 'Missions', 'Periods']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tabs[0]);

    const table = tableNamed(/Every force/);
    expect(table.querySelector('caption')!.textContent).toBe('Every force, with the figures its record states');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(forces.length);
    const headers = Array.from(table.querySelectorAll('thead th'));
    expect(headers.every((th) => th.getAttribute('scope') === 'col' && th.querySelector('button'))).toBe(true);
    expect(headers.map((th) => th.textContent!.replace(/[▲▼↕]/g, ''))).toContain('Dispatched (aircraft)');
    expect(table.querySelectorAll('tbody th[scope=row]')).toHaveLength(forces.length);
    // A figure the record does not state is read out as such, not as a blank.
    const b26 = table.querySelectorAll('tbody tr')[forces.findIndex((f) => f.id === 'ix-0220-b26')]!;
    expect(b26.textContent).toContain('about 100');
    expect(b26.textContent).toContain('not stated');
    expect(dialog.textContent).toContain('66 forces in 26 missions over 7 periods.');
  });

  it('switches views with the arrow keys, as a tab list does', () => {
    const dialog = open();
    const [forcesTab, missionsTab, periodsTab] = tabsOf(dialog);
    fireEvent.keyDown(forcesTab!, { key: 'ArrowRight' });
    expect(missionsTab!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(missionsTab);
    expect(missionsTab!.tabIndex).toBe(0);
    expect(forcesTab!.tabIndex).toBe(-1);
    const panel = document.getElementById(missionsTab!.getAttribute('aria-controls')!)!;
    expect(panel.hidden).toBe(false);
    expect(panel.querySelector('table')!.querySelectorAll('tbody tr')).toHaveLength(26);
    fireEvent.keyDown(missionsTab!, { key: 'End' });
    expect(periodsTab!.getAttribute('aria-selected')).toBe('true');
    const periods = document.getElementById(periodsTab!.getAttribute('aria-controls')!)!;
    expect(Array.from(periods.querySelectorAll('table caption'), (c) => c.textContent)).toEqual([
      "Totals per period, summed from the forces' records",
      'Figures the sources state for each period and for the whole campaign',
    ]);
    fireEvent.keyDown(periodsTab!, { key: 'ArrowRight' });
    expect(forcesTab!.getAttribute('aria-selected')).toBe('true');
  });

  it('sorts by a column, largest first, and says so with aria-sort', () => {
    open();
    const table = tableNamed(/Every force/);
    const lost = buttonNamed(table, 'Lost (aircraft)');
    act(() => lost.click());
    const th = lost.closest('th')!;
    expect(th.getAttribute('aria-sort')).toBe('descending');
    const column = Array.from(th.parentElement!.children).indexOf(th);
    const values = () => Array.from(table.querySelectorAll('tbody tr')).map((tr) => tr.children[column]!.textContent!);
    const most = Math.max(...forces.map((f) => (typeof f.losses?.lost === 'number' ? f.losses.lost : 0)));
    expect(values()[0]).toBe(String(most));
    act(() => lost.click());
    expect(th.getAttribute('aria-sort')).toBe('ascending');
    expect(values()[0]).toBe('0');
    // Forces whose losses the record does not state come last either way.
    expect(values().at(-1)).toContain('not stated');
    expect(table.querySelectorAll('th[aria-sort]')).toHaveLength(1);
  });

  it('filters rows and says how many it shows', () => {
    open();
    const tools = document.querySelector<HTMLElement>('[role=tabpanel]:not([hidden]) .data-table__tools')!;
    const filter = within(tools).getByRole('textbox', { name: /^Filter rows\W+forces$/ });
    fireEvent.change(filter, { target: { value: 'b-26' } });
    const table = tableNamed(/Every force/);
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    const b26 = forces.filter((f) => f.aircraft.includes('B-26'));
    expect(rows).toHaveLength(b26.length);
    expect(within(tools).getByRole('status').textContent).toBe(`Showing ${b26.length} of ${forces.length} rows.`);
    fireEvent.change(filter, { target: { value: 'no such aircraft' } });
    expect(document.body.textContent).toContain('No rows match the filter.');
  });

  it('moves between cells with the arrow keys; a header cell hands the focus to its sort button', () => {
    open();
    const table = tableNamed(/Every force/);
    const first = table.querySelector<HTMLElement>('tbody tr td')!;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(first.nextElementSibling);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(table.querySelectorAll('tbody tr')[1]!.children[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(table.querySelectorAll('tbody tr')[1]!.children[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(table.querySelector('thead th button'));
  });

  it('keeps the app’s keys from acting beneath it, and closes with Escape', () => {
    const onClose = vi.fn();
    const dialog = open(bigWeek, onClose);
    const below = vi.fn();
    window.addEventListener('keydown', below);
    fireEvent.keyDown(tabsOf(dialog)[0]!, { key: ' ' });
    expect(below).not.toHaveBeenCalled();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    window.removeEventListener('keydown', below);
  });

  it('downloads the view as a CSV file named after the campaign', async () => {
    open();
    let blob: Blob | undefined;
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:table';
    });
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    act(() => buttonNamed(document, 'Download CSV (big-week-1944-forces.csv)').click());
    expect(names).toEqual(['big-week-1944-forces.csv']);
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toMatch(/^Period,Mission,Air force,Force,Role,Aircraft type,Dispatched \(aircraft\),/);
    expect(text.split('\r\n')).toHaveLength(forces.length + 2);
    created.mockRestore();
    click.mockRestore();
  });

  it('does not re-render as the clock runs: it shows the records, not the figures so far', () => {
    let renders = 0;
    render(
      <Profiler id="table" onRender={() => renders++}>
        <DataTable campaign={bigWeek} onClose={() => {}} />
      </Profiler>,
    );
    const before = renders;
    const clock = createClock(0, 1e6);
    for (const t of [0, 3600, 7200]) {
      clock.time = t;
      act(() =>
        publish({
          clock,
          timeMs: t * 1000,
          figures: { rows: [], periods: new Map() },
          periodId: null,
          airborne: 0,
          lost: 0,
        }),
      );
    }
    expect(renders).toBe(before);
  });

  it('gives Korea its monthly figures, worded as the source words them', () => {
    const dialog = open(korea);
    // Its records hold no forces: the table opens on the periods, and the empty views say why.
    expect(tabsOf(dialog)[2]!.getAttribute('aria-selected')).toBe('true');
    expect(dialog.textContent).toContain('hold no missions');
    expect(dialog.textContent).not.toContain('No rows match the filter');
    act(() => tabsOf(dialog)[0]!.click());
    expect(dialog.querySelector('[role=tabpanel]:not([hidden])')!.textContent).toContain('hold no forces or missions');
    act(() => tabsOf(dialog)[2]!.click());
    const figures = tableNamed(/Figures the sources state/);
    const row = within(figures).getAllByText('U.S. Air Force sorties against the triangular railway')[0]!.closest('tr')!;
    expect(row.textContent).toContain('3,027');
    expect(row.textContent).toContain('China–North Korea Joint Railway Transportation Command');
  });

  it('speaks German: headings, terms, qualifiers and digit grouping', async () => {
    await act(() => applyLanguage('de'));
    const dialog = open();
    expect(tabsOf(dialog).map((t) => t.textContent)).toEqual(['Verbände', 'Einsätze', 'Zeiträume']);
    const table = dialog.querySelector('table')!;
    expect(buttonNamed(table, 'Entsandt (Flugzeuge)')).toBeTruthy();
    expect(table.textContent).toContain('etwa 100');
    act(() =>
      tabsOf(dialog)
        .find((t) => t.textContent === 'Einsätze')!
        .click(),
    );
    expect(dialog.textContent).toContain('1.838');
    expect(dialog.textContent).toContain('über 1.000');
    await act(() => applyLanguage('en'));
  });
});

describe('the table texts', () => {
  const dir = 'src/i18n/locales';
  const languages = readdirSync(dir).filter((l) => readdirSync(`${dir}/${l}`).includes('table.json'));
  const load = (l: string) => JSON.parse(readFileSync(`${dir}/${l}/table.json`, 'utf8')) as Record<string, unknown>;
  const PLURAL = /_(zero|one|two|few|many|other)$/;

  /** key → text, plural forms folded into their key. */
  function flatten(o: Record<string, unknown>, prefix = ''): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [k, v] of Object.entries(o)) {
      const key = prefix + k;
      if (typeof v === 'string') {
        const base = key.replace(PLURAL, '');
        out.set(base, [...(out.get(base) ?? []), v]);
      } else for (const [kk, vv] of flatten(v as Record<string, unknown>, `${key}.`)) out.set(kk, vv);
    }
    return out;
  }
  const english = flatten(load('en'));
  const variables = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('exist in English, German, Chinese and Korean', () => {
    expect(languages.sort()).toEqual(['de', 'en', 'ko', 'zh']);
  });

  it.each(['de', 'zh', 'ko'])('%s has every key, every plural form its language needs, and the same placeholders', (language) => {
    const texts = flatten(load(language));
    expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, forms] of texts) {
      for (const text of forms) {
        expect(text.trim(), key).not.toBe('');
        expect(variables(text), `${language} ${key}`).toEqual(variables(english.get(key)![0]!));
      }
    }
    // Plural keys have each form the language uses (Chinese and Korean: one).
    const raw = JSON.stringify(load(language));
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const key of ['shown', 'forces', 'unstatedStrength'])
      for (const c of categories) expect(raw, `${language} ${key}_${c}`).toContain(`"${key}_${c}"`);
  });
});
