/**
 * The mission picker: every mission of the campaign, by day (or by month for a campaign of
 * monthly figures, whose generated flows stand in for missions), filtered by air force and by
 * target as the viewer types. Choosing one frames its routes (a camera flight, or a cut for
 * viewers who prefer reduced motion) and sets the clock to its first take-off, paused.
 *
 * Keyboard: the filter has focus on opening; Down moves into the list, Up and Down move through
 * it, Home and End to its ends, typing goes back to the filter, Escape closes.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../app/campaigns.ts';
import { motionDuration } from '../app/motion.ts';
import { useApp } from '../app/store.ts';
import { requestHistoryEntry } from '../app/useUrlState.ts';
import { cameraRig, moveCamera } from '../scene/cameraRig.ts';
import { fitView, pickModelOf, routeBounds } from '../scene/picking.ts';
import { seek, setPlaying, type Clock } from '../timeline/clock.ts';
import type { CampaignTimeline } from '../timeline/events.ts';
import { formatClock, formatStamp, isLongPeriod } from '../timeline/format.ts';
import { useLanguage, useRecordTexts } from '../i18n/hooks.ts';
import { campaignIndex, flowKind, missionTargets, planForceName } from './exploreText.ts';
import './explore.css';

interface Props {
  campaign: Campaign;
  clock: Clock;
  timeline: CampaignTimeline;
}

/** One row of the picker: a mission of the records, or a generated flow of a month. */
export interface PickerEntry {
  id: string;
  periodId: string;
  label: string;
  airForce: string;
  targets: string[];
  /** Plan seconds: first take-off and last landing. */
  from: number;
  to: number;
  /** Indices into plan.forces. */
  forces: number[];
  schematic: boolean;
}

export default function MissionPicker({ campaign, clock, timeline }: Props) {
  const { t } = useTranslation('explore');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        className="topbar__button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
      >
        {t('picker.button')}
      </button>
      {open && <PickerPanel id={panelId} campaign={campaign} clock={clock} timeline={timeline} onClose={close} />}
    </>
  );
}

function PickerPanel({ id, campaign, clock, timeline, onClose }: Props & { id: string; onClose: () => void }) {
  const { t } = useTranslation('explore');
  const rt = useRecordTexts(campaign.records);
  const entries = useMemo(() => pickerEntries(campaign, timeline, t, rt), [campaign, timeline, t, rt]);
  const airForces = useMemo(() => [...new Set(entries.map((e) => e.airForce))], [entries]);
  const [airForce, setAirForce] = useState('');
  const [query, setQuery] = useState('');
  const filter = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const titleId = useId();
  const periodId = useApp((s) => s.periodId);

  useEffect(() => filter.current?.focus(), []);

  // Targets that match the filter come first, so that the row shows why it is listed.
  const q = fold(query.trim());
  const shown = entries
    .filter((e) => (!airForce || e.airForce === airForce) && matches(e, query))
    .map((e) =>
      q ? { ...e, targets: [...e.targets].sort((a, b) => Number(fold(b).includes(q)) - Number(fold(a).includes(q))) } : e,
    );
  const groups = campaign.records.periods
    .map((p) => ({ period: p, entries: shown.filter((e) => e.periodId === p.id) }))
    .filter((g) => g.entries.length > 0);
  const { utcOffset } = campaign.records.campaign;
  const epochMs = campaign.plan.epochMs;
  const language = useLanguage();
  // A month's flows start on any of its days: their rows give the day as well as the time.
  const takeoffText = (e: PickerEntry) => {
    const p = campaign.records.periods.find((x) => x.id === e.periodId);
    const ms = epochMs + e.from * 1000;
    return p && isLongPeriod(p.start, p.end) ? formatStamp(ms, utcOffset, language) : formatClock(ms, utcOffset);
  };
  const example = entries.find((e) => e.targets.length > 0)?.targets[0];

  const choose = (e: PickerEntry) => {
    seek(clock, e.from);
    setPlaying(clock, false);
    const view = fitView(routeBounds(pickModelOf(campaign.plan), e.forces), cameraRig.aspect);
    moveCamera(view, motionDuration(1.2));
    requestHistoryEntry();
    onClose();
  };

  const buttons = () => Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (k: number) => all[Math.max(0, Math.min(all.length - 1, k))]?.focus();
    if (e.key === 'ArrowDown') focus(i + 1);
    else if (e.key === 'ArrowUp') {
      if (i <= 0) filter.current?.focus();
      else focus(i - 1);
    } else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(all.length - 1);
    else if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Type-ahead: typing on the list goes on typing in the filter.
      filter.current?.focus();
      setQuery(query + e.key);
    } else return;
    e.preventDefault();
  };

  return (
    <section
      id={id}
      className="panel explore-picker"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="explore-picker__head">
        <h2 id={titleId} className="panel__title">
          {t('picker.title')}
        </h2>
        <button className="explore-close" aria-label={t('picker.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="explore-picker__filters">
        <label>
          <span className="visually-hidden">{t('picker.filterLabel')}</span>
          <input
            ref={filter}
            type="search"
            value={query}
            placeholder={example ? t('picker.filterPlaceholder', { example }) : t('picker.filterLabel')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                buttons()[0]?.focus();
              } else if (e.key === 'Enter' && shown.length > 0) {
                e.preventDefault();
                choose(shown[0]!);
              }
            }}
          />
        </label>
        {airForces.length > 1 && (
          <label>
            <span className="visually-hidden">{t('picker.airForceLabel')}</span>
            <select value={airForce} onChange={(e) => setAirForce(e.target.value)}>
              <option value="">{t('picker.allAirForces')}</option>
              {airForces.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="explore-picker__count" aria-live="polite">
        {t('picker.count', { count: shown.length, total: entries.length })}
      </p>
      <ul ref={list} className="explore-picker__list" aria-labelledby={titleId} onKeyDown={onListKey}>
        {groups.map(({ period, entries: rows }) => (
          <li key={period.id} className="explore-picker__group">
            <h3 className="explore-picker__period" aria-current={period.id === periodId ? 'date' : undefined}>
              {rt.periodLabel(period)}
            </h3>
            <ul>
              {rows.map((e) => (
                <li key={e.id}>
                  <button className="explore-picker__mission" onClick={() => choose(e)}>
                    <span className="explore-picker__label">{e.label}</span>
                    <span className="explore-picker__meta">
                      {e.airForce}
                      {' · '}
                      {t('picker.takeoff', { time: takeoffText(e) })}
                      {e.schematic && <span className="schematic-tag"> · {t('schematicShort')}</span>}
                    </span>
                    {e.targets.length > 0 && (
                      <span className="explore-picker__targets">
                        {t('picker.targets', { targets: e.targets.slice(0, 4).join(', ') })}
                        {e.targets.length > 4 ? ` ${t('picker.more', { count: e.targets.length - 4 })}` : ''}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="explore-picker__empty">{t('picker.none')}</p>}
    </section>
  );
}

/** Folded for matching: "Göttingen" is found by "gottingen", "Leipzig" by "leip". */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function matches(e: PickerEntry, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  return e.targets.some((name) => fold(name).includes(q)) || fold(e.label).includes(q);
}

export function pickerEntries(
  campaign: Campaign,
  timeline: CampaignTimeline,
  t: Parameters<typeof planForceName>[0],
  rt: Parameters<typeof planForceName>[1],
): PickerEntry[] {
  const index = campaignIndex(campaign);
  const { plan, records } = campaign;
  const entries: PickerEntry[] = [];
  for (const span of timeline.missions) {
    const period = index.periods.get(span.periodId);
    const mission = period?.missions.find((m) => m.id === span.id);
    if (!mission) continue;
    entries.push({
      id: mission.id,
      periodId: span.periodId,
      label: rt.mission(mission),
      airForce: mission.airForce,
      targets: missionTargets(rt, index, mission),
      from: span.from,
      to: span.to,
      forces: plan.forces.flatMap((f, k) => (f.missionId === mission.id && f.origin === 'record' ? [k] : [])),
      schematic: false,
    });
  }
  // Months without missions: each generated flow stands in for the month's missions.
  plan.forces.forEach((f, k) => {
    if (f.origin !== 'flow' || f.aircraft === 0) return;
    const kind = flowKind(f.forceId);
    entries.push({
      id: f.forceId,
      periodId: f.periodId,
      label: planForceName(t, rt, index, f),
      airForce: t(`flow.side.${kind.side}`),
      targets: [
        t(
          kind.side === 'vaf'
            ? 'flow.target.migAlley'
            : kind.scope === 'triangle'
              ? 'flow.target.triangle'
              : 'flow.target.network',
        ),
      ],
      from: f.takeoff,
      to: f.landed,
      forces: [k],
      schematic: true,
    });
  });
  const order = new Map(records.periods.map((p, i) => [p.id, i]));
  return entries.sort((a, b) => order.get(a.periodId)! - order.get(b.periodId)! || a.from - b.from);
}
