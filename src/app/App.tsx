/** The shell: loads the campaigns, shows the active one, and never leaves the page blank. */
import { Component, Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Campaign } from './campaigns.ts';
import { reportError } from './diagnostics.ts';
import { useApp } from './store.ts';
import { SceneView } from '../scene/SceneView.tsx';
import { frameState } from '../scene/frameState.ts';
import { createClock, seek, setPlaying, setSpeed, speedFor, type Clock } from '../timeline/clock.ts';
import { buildTimeline } from '../timeline/events.ts';
import { shortPeriodLabel } from '../timeline/format.ts';
import { THEATRES } from '../geo/projection.ts';
import { FiguresPanel } from '../overlays/FiguresPanel.tsx';
import { Legend } from '../overlays/Legend.tsx';
import { MissionLog } from '../overlays/MissionLog.tsx';
import { PeriodCard } from '../overlays/PeriodCard.tsx';
import { ProblemsPanel } from '../overlays/ProblemsPanel.tsx';
import { ReliefControl } from '../overlays/ReliefControl.tsx';
import { Scrubber } from '../overlays/Scrubber.tsx';

// Charts load on demand, in their own chunk.
const ChartsPanel = lazy(() => import('../overlays/ChartsPanel.tsx'));

export function App() {
  const entries = useApp((s) => s.entries);
  const loading = useApp((s) => s.loading);
  const activeFile = useApp((s) => s.activeFile);

  useEffect(() => {
    let live = true;
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
        <CampaignView key={campaign.file} campaign={campaign} />
      ) : (
        <main className="empty">
          <h1>Sortie</h1>
          <p>{loading ? 'Loading the campaigns…' : 'No campaign could be loaded.'}</p>
        </main>
      )}
      <ProblemsPanel entries={entries} />
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
  const period = records.periods.find((p) => p.id === periodId) ?? records.periods[0]!;
  const ready = entries.flatMap((e) => (e.status === 'ready' ? [e] : []));

  return (
    <>
      <SceneErrorBoundary>
        <SceneView campaign={campaign} clock={clock} />
      </SceneErrorBoundary>
      <header className="topbar">
        <span className="topbar__brand">Sortie</span>
        {ready.length > 1 ? (
          <select aria-label="Campaign" value={campaign.file} onChange={(e) => useApp.getState().setActive(e.target.value)}>
            {ready.map((e) => (
              <option key={e.file} value={e.file}>
                {e.campaign.records.campaign.title}
              </option>
            ))}
          </select>
        ) : (
          <span className="topbar__campaign">{records.campaign.title}</span>
        )}
        <nav className="topbar__periods" aria-label="Days">
          {records.periods.map((p) => (
            <button
              key={p.id}
              aria-current={p.id === period.id ? 'true' : undefined}
              aria-label={p.label}
              title={p.label}
              onClick={() => seek(clock, (Date.parse(p.start) - campaign.plan.epochMs) / 1000)}
            >
              {shortPeriodLabel(p.start, p.end, records.campaign.utcOffset)}
            </button>
          ))}
        </nav>
        <ReliefControl />
        <button className="topbar__button" aria-pressed={chartsOpen} onClick={() => setChartsOpen(!chartsOpen)}>
          Charts
        </button>
        <button className="topbar__button" onClick={() => frameState.resetView?.()}>
          Reset view
        </button>
      </header>
      <div className="side-left">
        <PeriodCard campaign={campaign} period={period} />
        <MissionLog timeline={timeline} plan={campaign.plan} utcOffset={records.campaign.utcOffset} />
      </div>
      <FiguresPanel campaign={campaign} period={period} />
      {chartsOpen && (
        <Suspense fallback={<p className="panel charts">Loading the charts…</p>}>
          <ChartsPanel campaign={campaign} onClose={() => setChartsOpen(false)} />
        </Suspense>
      )}
      <footer className="bottombar">
        <Legend />
        <Scrubber
          clock={clock}
          timeline={timeline}
          lat={theatre.lat0}
          lon={theatre.lon0}
          lossTimes={campaign.plan.lossTimes}
          epochMs={campaign.plan.epochMs}
          utcOffset={records.campaign.utcOffset}
          clockLabel={records.campaign.clockLabel ?? records.campaign.utcOffset}
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
  setPlaying(clock, !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
  return clock;
}

class SceneErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  componentDidCatch(e: unknown) {
    reportError(`scene: ${e instanceof Error ? e.message : String(e)}`);
  }
  render() {
    if (this.state.error)
      return (
        <div className="scene scene--failed" role="alert">
          <p>The 3D view could not start ({this.state.error}). The figures and the timeline still work.</p>
        </div>
      );
    return this.props.children;
  }
}
