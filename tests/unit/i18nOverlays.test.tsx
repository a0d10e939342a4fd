// @vitest-environment happy-dom
/**
 * The overlays in another language: German headings, period names and figures as German writes
 * them, while a source's quote stays in the language of the source; Chinese and Korean for the
 * Korean campaign.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../src/i18n/i18n.ts';
import { FiguresPanel } from '../../src/overlays/FiguresPanel.tsx';
import { MissionLog } from '../../src/overlays/MissionLog.tsx';
import { PeriodCard } from '../../src/overlays/PeriodCard.tsx';
import { publish } from '../../src/overlays/live.ts';
import { buildTimeline } from '../../src/timeline/events.ts';
import { frameAt, loadCampaign, seconds } from '../shared/overlayFrames.ts';

const bigWeek = await loadCampaign('big-week-1944.json');
const korea = await loadCampaign('korea-1951-strangle.json');

const speak = (language: 'en' | 'de' | 'zh' | 'ko') => act(() => applyLanguage(language));

afterEach(cleanup);
afterAll(() => speak('en'));

describe('in German', () => {
  const period = bigWeek.records.periods.find((p) => p.id === '1944-02-20')!;

  it('heads the figures in German and leaves the source quote as the source words it', async () => {
    await speak('de');
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    expect(screen.getByRole('region', { name: 'Zahlen bisher' })).toBeDefined();
    expect(screen.getByText('Bisher an diesem Tag')).toBeDefined();
    expect(screen.getByText('Tagessumme')).toBeDefined();
    const german = screen.getByText('Deutsche Verluste, wie überliefert').parentElement!;
    const metric = period.metrics.find((m) => m.key === 'luftwaffe-aircraft-lost')!;
    const item = within(german).getByText('Verluste der Luftwaffe an Flugzeugen insgesamt', { exact: false }).closest('details')!;
    // The passage is English, as published: never translated.
    expect(item.querySelector('blockquote')!.textContent).toBe(`“${metric.source.quote}”`);
    expect(item.querySelector('blockquote')!.getAttribute('lang')).toBe('en');
    expect(screen.getByText(/^An diesem Tag meldeten/).textContent).toMatch(
      /^An diesem Tag meldeten die Besatzungen \d+ Abschüsse/,
    );
    // Mission rows: the mission's German name, and which of its forces.
    const mission = period.missions.find((m) => m.id === 'usaaf-226')!;
    expect(mission.label).toBe('Mission 226: Big Week begins');
    expect(screen.getByRole('button', { name: 'Mission 226: Beginn der Big Week: Bomber' })).toBeDefined();
  });

  it('shows the period card in German, with the weather’s quote kept in English', async () => {
    await speak('de');
    render(<PeriodCard campaign={bigWeek} period={period} />);
    act(() => publish(frameAt(bigWeek, seconds(bigWeek, '1944-02-20T13:10:00+01:00'), period.id)));
    expect(screen.getByRole('region', { name: 'Der Tag' })).toBeDefined();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sonntag, 20. Februar 1944');
    expect(screen.getByText('Flugzeuge in der Luft', { exact: false })).toBeDefined();
    expect(screen.getByText(/Eighth Air Force beginnt die Angriffe der „Big Week“/)).toBeDefined();
    const weather = screen.getByText('Wetter').parentElement!.textContent!;
    expect(weather).toContain('about 100 B-26s abort attacks on other airfields because of weather');
    expect(document.querySelector('[data-figure="clock"]')!.textContent).toBe('13:10');
  });

  it('words where the sources disagree in German, not in the validator’s English', async () => {
    await speak('de');
    render(<FiguresPanel campaign={bigWeek} period={period} />);
    const items = [...screen.getByText('Wo die Unterlagen voneinander abweichen').nextElementSibling!.querySelectorAll('li')];
    expect(items).toHaveLength(bigWeek.discrepancies.length);
    for (const item of items) {
      expect(item.textContent).toMatch(/: Laut Quelle insgesamt .+; die einzeln erfassten Verbände ergeben zusammen \d+\.$/);
      expect(item.getAttribute('lang')).toBeNull();
    }
    // "stated 921 aircraft dispatched; the forces recorded add up to 854", in German.
    expect(items[0]!.textContent).toContain('921 Flugzeuge entsandt; die einzeln erfassten Verbände ergeben zusammen 854.');
  });

  it('words the mission log in German', async () => {
    await speak('de');
    const timeline = buildTimeline(bigWeek.records, bigWeek.plan, 0, 1e7);
    render(<MissionLog timeline={timeline} plan={bigWeek.plan} utcOffset="+01:00" records={bigWeek.records} />);
    const target = timeline.events.find((e) => e.kind === 'target' && e.missionId === 'usaaf-226')!;
    act(() => publish(frameAt(bigWeek, target.t, target.periodId)));
    const entries = screen.getByRole('region', { name: 'Einsatzprotokoll' }).querySelectorAll('li');
    expect(entries[0]!.textContent).toMatch(/^\d\d:\d\d, .+ über .+; bisher \d+ verloren$/);
  });
});

describe('in Chinese and Korean, for the Korean campaign', () => {
  const november = korea.records.periods.find((p) => p.id === '1951-11')!;
  const sorties = november.metrics.find((m) => m.key === 'triangle-sorties')!;

  it('gives the month’s figures with their accounts in Chinese', async () => {
    await speak('zh');
    render(<FiguresPanel campaign={korea} period={november} />);
    expect(screen.getByRole('region', { name: '该时段的数字' })).toBeDefined();
    expect(screen.getByText('当月的数字')).toBeDefined();
    expect(screen.getByText('中朝联合铁路运输司令部')).toBeDefined();
    expect(screen.getByText('美国空军对三角铁路的出动架次', { exact: false })).toBeDefined();
    expect(sorties.value).toBe(8343);
    expect(screen.getByText('8,343')).toBeDefined();
  });

  it('gives the period card in Korean', async () => {
    await speak('ko');
    render(<PeriodCard campaign={korea} period={november} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('1951년 11월');
    expect(screen.getByText(/8,343회로 집계/)).toBeDefined();
    // The quoted name stays as the source words it, glossed in Korean.
    expect(screen.getByText(/“MiG Alley”\(미그 앨리\)/)).toBeDefined();
  });
});
