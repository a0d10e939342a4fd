/** The shell: loads the campaigns, shows the active one, and never leaves the page blank. */
import { Component, Suspense, lazy, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Campaign } from './campaigns.ts';
import { reportAppError } from './errors.ts';
import { prefersReducedMotion } from './motion.ts';
import { useApp } from './store.ts';
import { useBarReserves } from './useBarReserves.ts';
import { useUrlCampaignSync, useUrlState } from './useUrlState.ts';
import { frameState } from '../scene/frameState.ts';
import { createClock, seek, setPlaying, setSpeed, speedFor, type Clock } from '../timeline/clock.ts';
import { buildTimeline } from '../timeline/events.ts';
import { shortPeriodLabel } from '../timeline/format.ts';
import { THEATRES } from '../geo/projection.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { recordTextsOf } from '../i18n/records.ts';
import { FiguresPanel } from '../overlays/FiguresPanel.tsx';
import { Legend } from '../overlays/Legend.tsx';
import { MissionLog } from '../overlays/MissionLog.tsx';
import { PeriodCard } from '../overlays/PeriodCard.tsx';
import { ProblemsPanel } from '../overlays/ProblemsPanel.tsx';
import { FileDropZone, OpenFileButton } from '../overlays/OpenFile.tsx';
import { ReliefControl } from '../overlays/ReliefControl.tsx';
import { Scrubber } from '../overlays/Scrubber.tsx';
import { KioskMount } from '../kiosk/KioskMount.tsx';
import { useKioskEpoch } from '../kiosk/mode.ts';

// The 3D scene (three.js, fiber, drei) is most of the code: it loads in its own chunk, begun at
// start-up beside the campaign data, so the shell and its overlays paint first.
const loadScene = () => import('../scene/SceneView.tsx').then((m) => ({ default: m.SceneView }));
const SceneView = lazy(loadScene);
// Charts load on demand, in their own chunk.
const ChartsPanel = lazy(() => import('../overlays/ChartsPanel.tsx'));
// Every figure as a table (the text alternative to the scene), likewise on demand.
const DataTable = lazy(() => import('../overlays/DataTable.tsx'));
// Explore mode's picker, details and image export: their own chunks, after the first paint.
const MissionPicker = lazy(() => import('../overlays/MissionPicker.tsx'));
const DetailsPanel = lazy(() => import('../overlays/DetailsPanel.tsx'));
const ExportImage = lazy(() => import('../overlays/ExportImage.tsx'));

export function App() {
  const entries = useApp((s) => s.entries);
  const loading = useApp((s) => s.loading);
  const activeFile = useApp((s) => s.activeFile);
  const { t } = useTranslation();
  // A kiosk's return to its tour mounts the campaign view afresh (src/kiosk/session.ts).
  const kioskEpoch = useKioskEpoch();
  useUrlCampaignSync();

  useEffect(() => {
    let live = true;
    // Fetched now, beside the data; a failure is reported where the scene mounts (SceneErrorBoundary).
    loadScene().catch(() => undefined);
    // Validation and compilation load in their own chunk, after the shell has painted.
    import('./campaigns.ts')
      .then(({ campaignSources, openCampaign }) => Promise.all(campaignSources(window.location.search).map(openCampaign)))
      .then((loaded) => {
        if (!live) return;
        for (const e of loaded) if (e.status === 'invalid') console.warn(e.problems.join('\n'));
        useApp.getState().setEntries(loaded);
      });
    return () => {
      live = false;
    };
  }, []);

  const active = entries.find((e) => e.file === activeFile);
  const campaign = active?.status === 'ready' ? active.campaign : null;

  return (
    <div className="app">
      {campaign ? (
        <CampaignView key={`${campaign.file}#${kioskEpoch}`} campaign={campaign} />
      ) : (
        <main className="empty">
          <h1>Sortie</h1>
          <p>{loading ? t('app.loading') : t('app.noCampaign')}</p>
        </main>
      )}
      <ProblemsPanel entries={entries} />
      <FileDropZone />
      <KioskMount />
    </div>
  );
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const entries = useApp((s) => s.entries);
  const periodId = useApp((s) => s.periodId);
  const clock = useMemo(() => campaignClock(campaign), [campaign]);
  const timeline = useMemo(() => buildTimeline(campaign.records, campaign.plan, clock.start, clock.end), [campaign, clock]);
  const { records } = campaign;
  const theatre = THEATRES[records.campaign.theatre];
  const [chartsOpen, setChartsOpen] = useState(false);
  const [tableOpen, setTableOpen] = useState(false);
  const selected = useApp((s) => s.selection !== null);
  useUrlState(campaign, clock);
  const topbar = useRef<HTMLElement>(null);
  const bottombar = useRef<HTMLElement>(null);
  useBarReserves(topbar, bottombar);
  const period = records.periods.find((p) => p.id === periodId) ?? records.periods[0]!;
  const ready = entries.flatMap((e) => (e.status === 'ready' ? [e] : []));
  const { t } = useTranslation();
  const recordsT = useTranslation('records').t;
  const language = useLanguage();
  const names = useRecordTexts(records);

  return (
    <>
      <SceneErrorBoundary>
        <Suspense fallback={<div className="scene scene--loading" aria-hidden="true" />}>
          <SceneView campaign={campaign} clock={clock} />
        </Suspense>
      </SceneErrorBoundary>
      <header className="topbar" ref={topbar}>
        <span className="topbar__brand">Sortie</span>
        {ready.length > 1 ? (
          <select
            aria-label={t('topbar.campaign')}
            value={campaign.file}
            onChange={(e) => useApp.getState().setActive(e.target.value)}
          >
            {ready.map((e) => (
              <option key={e.file} value={e.file}>
                {recordTextsOf(recordsT, e.campaign.records).title()}
              </option>
            ))}
          </select>
        ) : (
          <span className="topbar__campaign">{names.title()}</span>
        )}
        <OpenFileButton />
        <Suspense fallback={null}>
          <MissionPicker campaign={campaign} clock={clock} timeline={timeline} />
          <ExportImage campaign={campaign} clock={clock} timeline={timeline} />
        </Suspense>
        <ReliefControl />
        <button className="topbar__button" aria-pressed={chartsOpen} onClick={() => setChartsOpen(!chartsOpen)}>
          {t('topbar.charts')}
        </button>
        <button className="topbar__button" aria-haspopup="dialog" onClick={() => setTableOpen(true)}>
          {t('button', { ns: 'table' })}
        </button>
        <button className="topbar__button" onClick={() => frameState.resetView?.()}>
          {t('topbar.resetView')}
        </button>
        {/* The second row: the days or months, and the languages. */}
        <div className="topbar__row">
          <nav className="topbar__periods" aria-label={t('topbar.periods')}>
            {records.periods.map((p) => (
              <button
                key={p.id}
                aria-current={p.id === period.id ? 'true' : undefined}
                aria-label={names.periodLabel(p)}
                title={names.periodLabel(p)}
                onClick={() => seek(clock, (Date.parse(p.start) - campaign.plan.epochMs) / 1000)}
              >
                {shortPeriodLabel(p.start, p.end, records.campaign.utcOffset, language)}
              </button>
            ))}
          </nav>
          <LanguageSwitch campaignId={records.campaign.id} />
        </div>
      </header>
      {/* Focusable: it scrolls when the day's card and log are long, and has no control of its own to scroll it by. */}
      <div className="side-left" tabIndex={0}>
        <PeriodCard campaign={campaign} period={period} />
        <MissionLog timeline={timeline} plan={campaign.plan} utcOffset={records.campaign.utcOffset} records={records} />
      </div>
      <FiguresPanel campaign={campaign} period={period} />
      {selected && (
        <Suspense fallback={null}>
          <DetailsPanel campaign={campaign} clock={clock} />
        </Suspense>
      )}
      {chartsOpen && (
        <Suspense fallback={<p className="panel charts">{t('app.loadingCharts')}</p>}>
          <ChartsPanel campaign={campaign} onClose={() => setChartsOpen(false)} />
        </Suspense>
      )}
      {tableOpen && (
        <Suspense fallback={null}>
          <DataTable campaign={campaign} onClose={() => setTableOpen(false)} />
        </Suspense>
      )}
      <footer className="bottombar" ref={bottombar}>
        <Legend />
        <Scrubber
          clock={clock}
          timeline={timeline}
          lat={theatre.lat0}
          lon={theatre.lon0}
          lossTimes={campaign.plan.lossTimes}
          epochMs={campaign.plan.epochMs}
          utcOffset={records.campaign.utcOffset}
          clockLabel={names.clockLabel() ?? records.campaign.utcOffset}
          records={records}
        />
      </footer>
    </>
  );
}

/**
 * One timeline across the campaign's periods, running on until the last aircraft has landed;
 * it plays from the first period on load.
 */
function campaignClock(campaign: Campaign): Clock {
  const { periods } = campaign.records;
  const toSeconds = (iso: string) => (Date.parse(iso) - campaign.plan.epochMs) / 1000;
  const lastLanding = campaign.plan.sortedEnds[campaign.plan.sortedEnds.length - 1] ?? 0;
  const clock = createClock(
    toSeconds(periods[0]!.start),
    Math.max(toSeconds(periods[periods.length - 1]!.end), Math.ceil(lastLanding / 60) * 60),
  );
  const first = periods[0]!;
  setSpeed(clock, speedFor(toSeconds(first.end) - toSeconds(first.start)));
  setPlaying(clock, !prefersReducedMotion());
  return clock;
}

class SceneErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  componentDidCatch(e: unknown) {
    // Reported as 'scene: …' in __sortie.errors, as before; a kiosk hears of it through onAppError.
    reportAppError('scene', e);
  }
  render() {
    if (this.state.error) return <SceneFailed error={this.state.error} />;
    return this.props.children;
  }
}

function SceneFailed({ error }: { error: string }) {
  const { t } = useTranslation();
  return (
    <div className="scene scene--failed" role="alert">
      <p>{t('app.sceneFailed', { error })}</p>
    </div>
  );
}
