// @vitest-environment happy-dom
/**
 * The overlays as a visitor reads them: figures for a given time from given records, with their
 * sources, a period with a recorded discrepancy and one with no claims.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { countValue } from '../../src/records/counts.ts';
import ChartsPanel from '../../src/overlays/ChartsPanel.tsx';
import { FiguresPanel } from '../../src/overlays/FiguresPanel.tsx';
import { MissionLog } from '../../src/overlays/MissionLog.tsx';
import { PeriodCard } from '../../src/overlays/PeriodCard.tsx';
import { publish } from '../../src/overlays/live.ts';
import { buildTimeline } from '../../src/timeline/events.ts';
import { periodLostAt } from '../../src/timeline/periodFigures.ts';
import { frameAt, loadCampaign, seconds } from '../shared/overlayFrames.ts';
import { periodTotals } from '../shared/recordTotals.ts';

const bigWeek = await loadCampaign('big-week-1944.json');

const dayTotal = (key: string) => document.querySelector(`[data-row="total"][data-cell="${key}"]`)?.textContent;

afterEach(cleanup);

describe('the figures panel', () => {
  it('shows the day total of each figure accrued by a given time, and the whole record at the end of the day', () => {
    const period = bigWeek.records.periods.find((p) => p.id === '1944-02-22')!;
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    const midday = seconds(bigWeek, '1944-02-22T13:00:00+01:00');
    act(() => publish(frameAt(bigWeek, midday, period.id)));
    expect(Number(dayTotal('lost'))).toBe(periodLostAt(bigWeek.plan, period.id, midday));
    expect(Number(dayTotal('lost'))).toBeLessThan(periodTotals(period).lost);

    act(() => publish(frameAt(bigWeek, seconds(bigWeek, period.end) - 1, period.id)));
    const expected = periodTotals(period);
    for (const key of ['dispatched', 'effective', 'lost', 'damagedBeyondRepair', 'damaged', 'kia', 'wia', 'mia'] as const)
      expect(Number(dayTotal(key)), key).toBe(expected[key]);
    expect(dayTotal('claims')).toBe(`${expected.claimsDestroyed}–${expected.claimsProbable}–${expected.claimsDamaged}`);
    const escorts = period.missions.flatMap((m) => m.forces.filter((f) => f.role === 'escort'));
    const escortCell = (key: string) => document.querySelector(`[data-row="escorts"][data-cell="${key}"]`)?.textContent;
    expect(Number(escortCell('dispatched'))).toBe(escorts.reduce((n, f) => n + (f.dispatched as number), 0));
    expect(Number(escortCell('lost'))).toBe(escorts.reduce((n, f) => n + ((f.losses?.lost as number | undefined) ?? 0), 0));
  });

  it('opens each stated figure to its quote and publication', () => {
    const period = bigWeek.records.periods.find((p) => p.id === '1944-02-20')!;
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    const german = screen.getByText('German losses, as recorded').parentElement!;
    const metric = period.metrics.find((m) => m.key === 'luftwaffe-aircraft-lost')!;
    const item = within(german).getByText(metric.label, { exact: false }).closest('details')!;
    expect(item.querySelector('blockquote')!.textContent).toContain(metric.source.quote);
    const publication = bigWeek.records.campaign.sources.find((s) => s.id === metric.source.ref)!;
    expect(item.textContent).toContain(publication.title);
  });

  it('opens a mission row to the records of its forces: figures, schematic aspects, quote', () => {
    const period = bigWeek.records.periods.find((p) => p.id === '1944-02-20')!;
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    const mission = period.missions.find((m) => m.id === 'usaaf-226')!;
    const toggle = screen.getByRole('button', { name: `${mission.label}: bombers` });
    act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    const leipzig = mission.forces.find((f) => f.id === 'm226-f1-leipzig')!;
    expect(panel.textContent).toContain(`${leipzig.dispatched} dispatched`);
    expect(panel.textContent).toContain(`schematic: ${leipzig.schematic.join(', ')}`);
    expect(panel.textContent).toContain(leipzig.source.quote);
    expect(panel.textContent).not.toContain('P-51');
  });

  it('sets the crews claims against the German losses the sources record for the day', () => {
    const period = bigWeek.records.periods.find((p) => p.id === '1944-02-20')!;
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    const german = countValue(period.metrics.find((m) => m.key === 'luftwaffe-aircraft-lost')!.value);
    const claimed = periodTotals(period).claimsDestroyed;
    expect(claimed).toBeGreaterThan(german);
    expect(screen.getByText(/crews claimed/).textContent).toContain(
      `claimed ${claimed} destroyed; German records give ${german} lost`,
    );
  });

  it('shows the discrepancies recorded in the data as such', () => {
    expect(bigWeek.discrepancies.length).toBeGreaterThan(0);
    const period = bigWeek.records.periods.find((p) => p.id === '1944-02-20')!;
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    const list = screen.getByText('Where the records disagree').nextElementSibling!;
    expect(list.querySelectorAll('li')).toHaveLength(bigWeek.discrepancies.length);
    expect(list.textContent).toContain(bigWeek.discrepancies[0]!.replace(/^[^:]+: /, ''));
  });

  it('shows a day whose crews claimed nothing with no claims and no German losses', () => {
    const quiet = bigWeek.records.periods.find(
      (p) =>
        p.missions.length > 0 &&
        periodTotals(p).claimsDestroyed + periodTotals(p).claimsProbable + periodTotals(p).claimsDamaged === 0,
    )!;
    expect(quiet).toBeDefined();
    render(<FiguresPanel campaign={bigWeek} period={quiet} />);
    act(() => publish(frameAt(bigWeek, seconds(bigWeek, quiet.end) - 1, quiet.id)));
    expect(dayTotal('claims')).toBe('0–0–0');
    expect(screen.queryByText('German losses, as recorded')).toBeNull();
  });
});

describe('the period card', () => {
  it('gives the clock its date when the day’s period has begun the evening before', () => {
    const period = bigWeek.records.periods.find((p) => p.id === '1944-02-20')!;
    render(<PeriodCard campaign={bigWeek} period={period} />);
    const clock = () => document.querySelector('[data-figure="clock"]')!.textContent;
    // The night raid of 19/20 February belongs to the 20th's period.
    act(() => publish(frameAt(bigWeek, seconds(bigWeek, '1944-02-19T23:16:00+01:00'), period.id)));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sunday 20 February 1944');
    expect(clock()).toBe('19 Feb 23:16');
    act(() => publish(frameAt(bigWeek, seconds(bigWeek, '1944-02-20T13:10:00+01:00'), period.id)));
    expect(clock()).toBe('13:10');
  });
});

describe('the mission log', () => {
  it('lists what has just happened with the losses so far, newest first', () => {
    const timeline = buildTimeline(bigWeek.records, bigWeek.plan, 0, 1e7);
    render(<MissionLog timeline={timeline} plan={bigWeek.plan} utcOffset="+01:00" />);
    const target = timeline.events.find((e) => e.kind === 'target' && e.missionId === 'usaaf-226')!;
    act(() => publish(frameAt(bigWeek, target.t, target.periodId)));
    const entries = screen.getByRole('region', { name: 'Mission log' }).querySelectorAll('li');
    expect(entries[0]!.textContent).toMatch(/^\d\d:\d\d, .+ over .+; \d+ lost so far$/);
    expect(entries[0]!.textContent).toContain(`${periodLostAt(bigWeek.plan, target.periodId, target.t)} lost so far`);
  });
});

describe('the charts', () => {
  it('draw each day of the week from the records, with their sources', () => {
    render(<ChartsPanel campaign={bigWeek} onClose={() => {}} />);
    const dispatched = screen.getByText('Aircraft dispatched each day', { selector: 'figcaption' }).closest('figure')!;
    const rows = dispatched.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(bigWeek.records.periods.length);
    const feb22 = bigWeek.records.periods.find((p) => p.id === '1944-02-22')!;
    const row = [...rows].find((r) => r.querySelector('th')!.textContent!.includes('22'))!;
    expect(row.querySelector('td')!.textContent).toBe(periodTotals(feb22).dispatched.toLocaleString('en-GB'));
    expect(dispatched.querySelector('.chart__source')!.textContent).toMatch(/^Source: .+/);
  });

  it('draw the monthly figures of the Korean campaign with gaps where the text gives none', async () => {
    const korea = await loadCampaign('korea-1951-strangle.json');
    render(<ChartsPanel campaign={korea} onClose={() => {}} />);
    const sorties = korea.records.periods.flatMap((p) => p.metrics.filter((m) => m.key === 'triangle-sorties'));
    const chart = screen.getByText(sorties[0]!.label, { exact: false, selector: 'figcaption' }).closest('figure')!;
    const cells = [...chart.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells.filter((c) => c !== 'not given')).toEqual(sorties.map((m) => (m.value as number).toLocaleString('en-GB')));
  });
});
