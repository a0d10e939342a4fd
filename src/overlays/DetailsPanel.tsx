/**
 * What was picked in the scene, in words: a force (its figures from the records, its targets,
 * route, times, sources and what of it is schematic, and a button to follow it), a place (the
 * forces that flew to or from it that day), or a lost aircraft (its force, and that where and
 * when it fell is reconstructed). Every figure here is a record's, shown with its source.
 */
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Campaign } from '../app/campaigns.ts';
import { motionDuration } from '../app/motion.ts';
import { useApp } from '../app/store.ts';
import type { Selection } from '../app/urlState.ts';
import { koreaNoteIn } from '../i18n/flowNotes.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import type { Language } from '../i18n/languages.ts';
import type { LocalText, RecordTexts } from '../i18n/records.ts';
import type { ForcePlan } from '../motion/compile.ts';
import { countValue } from '../records/counts.ts';
import { koreaSceneOf } from '../motion/koreaScene.ts';
import type { Claims, Count, Force, Metric, Place, Source } from '../records/schema.ts';
import { cameraRig, moveCamera } from '../scene/cameraRig.ts';
import { fitView, lossInstance, pickModelOf, routeBounds } from '../scene/picking.ts';
import type { Clock } from '../timeline/clock.ts';
import { formatClock, formatNumber } from '../timeline/format.ts';
import {
  campaignIndex,
  countText,
  flowKind,
  forceName,
  planForceName,
  planMissionName,
  routeNames,
  type CampaignIndex,
  type ForceRecord,
} from './exploreText.ts';
import { SourceNote, formatMetricValue } from './FiguresPanel.tsx';
import './explore.css';

interface Props {
  campaign: Campaign;
  clock: Clock;
}

interface Ctx {
  campaign: Campaign;
  index: CampaignIndex;
  t: TFunction;
  rt: RecordTexts;
  language: Language;
  clock: Clock;
}

export default function DetailsPanel({ campaign, clock }: Props) {
  const selection = useApp((s) => s.selection);
  const { t } = useTranslation('explore');
  const rt = useRecordTexts(campaign.records);
  const language = useLanguage();
  const index = campaignIndex(campaign);
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  const ctx: Ctx = { campaign, index, t, rt, language, clock };
  const body = selection ? <Body selection={selection} ctx={ctx} titleId={titleId} /> : null;

  // A new selection starts at the top of the panel.
  useEffect(() => {
    panel.current?.scrollTo?.({ top: 0 });
  }, [selection]);

  if (!selection || !body) return null;
  return (
    <section ref={panel} className="panel explore-details" aria-labelledby={titleId}>
      <button className="explore-close" aria-label={t('details.close')} onClick={() => select(null)}>
        ×
      </button>
      {body}
    </section>
  );
}

function select(selection: Selection | null) {
  useApp.getState().select(selection);
}

function Body({ selection, ctx, titleId }: { selection: Selection; ctx: Ctx; titleId: string }) {
  const { index, t } = ctx;
  if (selection.kind === 'force') {
    const plan = index.plans.get(selection.id);
    const record = index.forces.get(selection.id);
    if (record && plan) return <ForceDetails record={record} plan={plan} ctx={ctx} titleId={titleId} />;
    if (plan) return <FlowDetails plan={plan} ctx={ctx} titleId={titleId} />;
  } else if (selection.kind === 'place') {
    const place = index.places.get(selection.id);
    if (place) return <PlaceDetails place={place} ctx={ctx} titleId={titleId} />;
  } else {
    const plan = index.plans.get(selection.forceId);
    if (plan) return <LossDetails plan={plan} n={selection.n} ctx={ctx} titleId={titleId} />;
  }
  return (
    <h2 id={titleId} className="explore-details__title">
      {t('details.unknown')}
    </h2>
  );
}

/** Follow and frame: the camera buttons of a force. */
function CameraActions({ plan, ctx }: { plan: ForcePlan; ctx: Ctx }) {
  const following = useApp((s) => s.following);
  const { t, campaign } = ctx;
  const frame = () => {
    const model = pickModelOf(campaign.plan);
    const k = model.forceIndex.get(plan.forceId);
    if (k === undefined) return;
    moveCamera(fitView(routeBounds(model, [k]), cameraRig.aspect), motionDuration(1.2));
  };
  return (
    <div className="explore-details__actions">
      <button
        className="topbar__button explore-follow"
        aria-pressed={following}
        onClick={() => useApp.getState().setFollowing(!following)}
      >
        {following ? t('details.stopFollowing') : t('details.follow')}
      </button>
      <button className="topbar__button" onClick={frame}>
        {t('details.frame')}
      </button>
    </div>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function claimsText(t: TFunction, c: Claims, language: Language): string {
  const part = (v: Count | undefined) => (v === undefined ? '–' : countText(t, v, language));
  return `${part(c.destroyed)}–${part(c.probable)}–${part(c.damaged)}`;
}

/** The figures a record states: only those it states, each as the source words it. */
function StatedFigures({
  figures,
  ctx,
}: {
  figures: Pick<Force, 'claims' | 'losses' | 'casualties'> & Partial<Force>;
  ctx: Ctx;
}) {
  const { t, language } = ctx;
  const c = (v: Count) => countText(t, v, language);
  const rows: ReactNode[] = [];
  const add = (key: string, value: Count | undefined) => {
    if (value !== undefined)
      rows.push(
        <Figure key={key} label={t(`figure.${key}`)}>
          {c(value)}
        </Figure>,
      );
  };
  add('dispatched', figures.dispatched);
  add('effective', figures.effective);
  add('aborted', figures.aborted);
  add('lost', figures.losses?.lost);
  add('damagedBeyondRepair', figures.losses?.damagedBeyondRepair);
  add('damaged', figures.losses?.damaged);
  if (figures.claims)
    rows.push(
      <Figure key="claims" label={t('figure.claims')}>
        {claimsText(t, figures.claims, language)}
        {figures.claims.claimant ? ` (${figures.claims.claimant})` : ''}
      </Figure>,
    );
  add('kia', figures.casualties?.kia);
  add('wia', figures.casualties?.wia);
  add('mia', figures.casualties?.mia);
  if (figures.payload)
    rows.push(
      <Figure key="payload" label={t('figure.payload')}>
        {countText(t, figures.payload.amount, language)} {ctx.rt.unit(figures.payload.unit)}
      </Figure>,
    );
  if (rows.length === 0) return null;
  return <dl className="explore-details__figures">{rows}</dl>;
}

function Times({ plan, schematic, ctx }: { plan: ForcePlan; schematic: boolean; ctx: Ctx }) {
  const { t, campaign } = ctx;
  const at = (s: number) => formatClock(campaign.plan.epochMs + s * 1000, campaign.records.campaign.utcOffset);
  return (
    <p className="explore-details__times">
      {t('details.times', { takeoff: at(plan.takeoff), target: at(plan.overTarget), landed: at(plan.landed) })}
      {schematic && <span className="schematic-tag"> · {t('schematicShort')}</span>}
    </p>
  );
}

function ForceDetails({ record, plan, ctx, titleId }: { record: ForceRecord; plan: ForcePlan; ctx: Ctx; titleId: string }) {
  const { t, rt, index, campaign, language } = ctx;
  const { force, mission, period, joints } = record;
  const names = routeNames(rt, index, force.route);
  const schematicPlaces = [...new Set([...force.route, ...force.targets.flatMap((x) => (x.place ? [x.place] : []))])]
    .map((id) => index.places.get(id))
    .filter((p): p is Place => !!p?.schematic && p.kind !== 'waypoint');
  const turnBack = force.turnBack ? index.places.get(force.turnBack) : undefined;
  const sources: { key: string; source: Source; label: string; note?: LocalText }[] = [
    { key: 'force', source: force.source, label: t('details.sourceForce'), note: rt.note(force) },
    ...(force.timing.source ? [{ key: 'timing', source: force.timing.source, label: t('details.sourceTiming') }] : []),
    ...joints.map((j) => ({ key: j.id, source: j.source, label: rt.jointFigure(j) })),
    { key: 'mission', source: mission.source, label: t('details.sourceMission'), note: rt.note(mission) },
  ];
  return (
    <>
      <p className="explore-details__kicker">
        {rt.mission(mission)} · {mission.airForce} · {rt.periodLabel(period)}
      </p>
      <h2 id={titleId} className="explore-details__title">
        {forceName(rt, force)}
      </h2>
      <p className="explore-details__sub">
        {force.aircraft} · {t(`forceRole.${force.role}`)}
        {force.outcome !== 'completed' ? ` · ${t(`outcome.${force.outcome}`)}` : ''}
      </p>
      <CameraActions plan={plan} ctx={ctx} />

      <h3 className="stated__title">{t('details.figures')}</h3>
      <StatedFigures figures={force} ctx={ctx} />
      {!plan.strengthStated && <p className="explore-details__note">{t('details.token', { count: plan.aircraft })}</p>}
      {force.targets.length > 0 && (
        <>
          <h4 className="explore-details__subhead">{t('details.targets')}</h4>
          <ul className="explore-details__list">
            {force.targets.map((target, k) => {
              const place = target.place ? index.places.get(target.place) : undefined;
              return (
                <li key={k}>
                  {place ? (
                    <button className="explore-link" onClick={() => select({ kind: 'place', id: place.id })}>
                      {rt.place(place)}
                    </button>
                  ) : (
                    target.label !== undefined && rt.targetLabel(target.label)
                  )}{' '}
                  <span className="explore-details__dim">
                    ({t(`targetKind.${target.kind}`)}
                    {target.aircraft !== undefined
                      ? `, ${t('details.targetAircraft', { value: countText(t, target.aircraft, language), count: countValue(target.aircraft) })}`
                      : ''}
                    )
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {joints.map((j) => (
        <div key={j.id} className="explore-details__joint">
          <h4 className="explore-details__subhead">{rt.jointFigure(j)}</h4>
          <p className="explore-details__note">{t('details.joint')}</p>
          <StatedFigures figures={j} ctx={ctx} />
        </div>
      ))}
      {plan.lossTimes.length > 0 && (
        <p className="explore-details__note">
          {t('details.lossesDrawn', { count: plan.lossTimes.length })}
          {plan.jointLosses > 0 ? ` ${t('details.jointShare', { count: plan.jointLosses })}` : ''}
        </p>
      )}

      <h3 className="stated__title">{t('details.route')}</h3>
      <ol className="explore-details__route">
        {names.map((name, k) => (
          <li key={k}>{name}</li>
        ))}
      </ol>
      {turnBack && <p className="explore-details__note">{t('details.turnBack', { place: rt.place(turnBack) })}</p>}
      <Times plan={plan} schematic={force.schematic.includes('timing')} ctx={ctx} />

      <h3 className="stated__title">{t('details.sources')}</h3>
      <ul className="stated__list">
        {sources.map((s) => (
          <li key={s.key}>
            <SourceNote source={s.source} campaign={campaign} note={s.note}>
              {s.label}
            </SourceNote>
          </li>
        ))}
      </ul>

      <h3 className="stated__title">{t('details.schematic')}</h3>
      <ul className="explore-details__list explore-details__schematic">
        {force.schematic.map((aspect) => (
          <li key={aspect}>{t(`aspect.${aspect}`)}</li>
        ))}
        {schematicPlaces.map((p) => {
          const note = rt.note(p);
          return (
            <li key={p.id}>
              {t('details.schematicPlace', { place: rt.place(p) })}
              {note ? ': ' : ''}
              {note && <span lang={note.lang}>{note.text}</span>}
            </li>
          );
        })}
        {plan.jointLosses > 0 && <li>{t('details.schematicJoint')}</li>}
        {!plan.strengthStated && <li>{t('details.schematicToken')}</li>}
        {force.schematic.length === 0 && schematicPlaces.length === 0 && <li>{t('details.nothingSchematic')}</li>}
      </ul>
    </>
  );
}

/** Metrics a flow is drawn from, found in its period or the campaign. */
function flowMetrics(ctx: Ctx, plan: ForcePlan): { metric: Metric; periodId: string | null }[] {
  const kind = flowKind(plan.forceId);
  const keys =
    kind.side === 'vaf'
      ? [`vaf-${kind.division}div-sorties`, `vaf-${kind.division}div-lost`]
      : kind.side === 'feaf'
        ? kind.scope === 'triangle'
          ? ['triangle-sorties', 'usaf-fb-lost-to-aaa', 'usaf-fb-damaged-by-aaa']
          : ['feaf-strangle-sorties-per-day', 'strangle-duration-months', 'usaf-fb-lost-to-aaa', 'usaf-fb-damaged-by-aaa']
        : [];
  const { records } = ctx.campaign;
  const found: { metric: Metric; periodId: string | null }[] = [];
  for (const key of keys) {
    const own = records.periods.find((p) => p.id === plan.periodId)?.metrics.find((m) => m.key === key);
    if (own) found.push({ metric: own, periodId: plan.periodId });
    else {
      const anywhere =
        records.metrics.find((m) => m.key === key) ?? records.periods.flatMap((p) => p.metrics).find((m) => m.key === key);
      if (anywhere) found.push({ metric: anywhere, periodId: null });
    }
  }
  return found;
}

/** A figure the sources state, opening to its source and the curator's note. */
function MetricItem({ metric, periodId, ctx }: { metric: Metric; periodId: string | null; ctx: Ctx }) {
  const { rt, index, campaign } = ctx;
  return (
    <li>
      <SourceNote source={metric.source} campaign={campaign} note={rt.note(metric)}>
        <span className="stated__value">{formatMetricValue(metric)}</span>{' '}
        {rt.metricLabel(periodId ? index.periods.get(periodId) : undefined, metric)}
      </SourceNote>
    </li>
  );
}

function FlowDetails({ plan, ctx, titleId }: { plan: ForcePlan; ctx: Ctx; titleId: string }) {
  const { t, rt, index, campaign, language } = ctx;
  const { t: tc } = useTranslation('common');
  const kind = flowKind(plan.forceId);
  const period = index.periods.get(plan.periodId);
  const scene = koreaSceneOf(campaign.records);
  const month = scene?.months.find((m) => m.periodId === plan.periodId);
  const note = useMemo(
    () => (language === 'en' || !scene || !month ? scene?.notes.get(plan.periodId) : koreaNoteIn(tc, language, scene, month)),
    [language, scene, month, plan.periodId, tc],
  );
  const metrics = flowMetrics(ctx, plan);
  return (
    <>
      <p className="explore-details__kicker">
        {t(`flow.side.${kind.side}`)} · {period ? rt.periodLabel(period) : plan.periodId}
      </p>
      <h2 id={titleId} className="explore-details__title">
        {planForceName(t, rt, index, plan)}
      </h2>
      <p className="explore-details__sub">
        {kind.aircraft} · <span className="schematic-tag">{t('schematicShort')}</span>
      </p>
      <CameraActions plan={plan} ctx={ctx} />
      <h3 className="stated__title">{t('flow.figures')}</h3>
      <dl className="explore-details__figures">
        <Figure label={t('flow.drawn')}>{formatNumber(plan.aircraft, language)}</Figure>
        <Figure label={t('flow.lostDrawn')}>{formatNumber(plan.lossTimes.length, language)}</Figure>
      </dl>
      <p className="explore-details__note">{kind.side === 'naval' ? t('flow.navalToken') : t('flow.about')}</p>
      {note && (
        <ul className="explore-details__list">
          {note.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {metrics.length > 0 && (
        <>
          <h3 className="stated__title">{t('details.sources')}</h3>
          <ul className="stated__list">
            {metrics.map(({ metric, periodId }) => (
              <MetricItem key={metric.key} metric={metric} periodId={periodId} ctx={ctx} />
            ))}
          </ul>
        </>
      )}
      <h3 className="stated__title">{t('details.schematic')}</h3>
      <ul className="explore-details__list explore-details__schematic">
        <li>{t('flow.schematic')}</li>
      </ul>
    </>
  );
}

function PlaceDetails({ place, ctx, titleId }: { place: Place; ctx: Ctx; titleId: string }) {
  const { t, rt, index, language } = ctx;
  const note = rt.note(place);
  const periodId = useApp((s) => s.periodId) ?? ctx.campaign.records.periods[0]!.id;
  const period = index.periods.get(periodId);
  const forces = [...index.forces.values()].filter(
    (f) => f.period.id === periodId && (f.force.route.includes(place.id) || f.force.targets.some((x) => x.place === place.id)),
  );
  const roleOf = (f: Force) => {
    const target = f.targets.find((x) => x.place === place.id);
    if (target)
      return `${t(`targetKind.${target.kind}`)}${target.aircraft !== undefined ? `, ${t('details.targetAircraft', { value: countText(t, target.aircraft, language), count: countValue(target.aircraft) })}` : ''}`;
    if (f.route[0] === place.id) return t('details.placeBase');
    if (f.turnBack === place.id) return t('details.placeTurnBack');
    return t('details.placeOnRoute');
  };
  return (
    <>
      <p className="explore-details__kicker">{t(`placeKind.${place.kind}`)}</p>
      <h2 id={titleId} className="explore-details__title">
        {rt.place(place)}
      </h2>
      {place.schematic && (
        <p className="explore-details__note">
          <span className="schematic-tag">{t('schematicShort')}</span>
          {note ? ' ' : ''}
          {note && <span lang={note.lang}>{note.text}</span>}
        </p>
      )}
      {!place.schematic && note && (
        <p className="explore-details__note" lang={note.lang}>
          {note.text}
        </p>
      )}
      <h3 className="stated__title">{t('details.placeForces', { period: period ? rt.periodLabel(period) : periodId })}</h3>
      {forces.length === 0 ? (
        <p className="explore-details__note">{t('details.placeNone')}</p>
      ) : (
        <ul className="explore-details__list">
          {forces.map((f) => (
            <li key={f.force.id}>
              <button className="explore-link" onClick={() => select({ kind: 'force', id: f.force.id })}>
                {forceName(rt, f.force)}
              </button>{' '}
              <span className="explore-details__dim">
                {rt.mission(f.mission)} · {f.force.aircraft}
                {f.force.dispatched !== undefined
                  ? ` · ${t('figure.dispatchedShort', { value: countText(t, f.force.dispatched, language) })}`
                  : ''}{' '}
                · {roleOf(f.force)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function LossDetails({ plan, n, ctx, titleId }: { plan: ForcePlan; n: number; ctx: Ctx; titleId: string }) {
  const { t, rt, index, campaign, language } = ctx;
  const model = pickModelOf(campaign.plan);
  const k = model.forceIndex.get(plan.forceId);
  const instance = k === undefined ? null : lossInstance(model, k, n);
  const record = index.forces.get(plan.forceId);
  const aircraft = record?.force.aircraft ?? flowKind(plan.forceId).aircraft;
  const lossTime = instance === null ? null : campaign.plan.instances.events[instance * 4]!;
  const at = lossTime === null ? null : formatClock(campaign.plan.epochMs + lossTime * 1000, campaign.records.campaign.utcOffset);
  return (
    <>
      <p className="explore-details__kicker">
        {planMissionName(t, rt, index, plan)}
        {record ? ` · ${rt.periodLabel(record.period)}` : ''}
      </p>
      <h2 id={titleId} className="explore-details__title">
        {t('loss.title', { aircraft })}
      </h2>
      <p className="explore-details__sub">
        {t('loss.of', { force: planForceName(t, rt, index, plan) })}
        {at ? ` · ${t('loss.at', { time: at })}` : ''}
      </p>
      <p className="explore-details__note explore-details__schematic">{t('loss.schematic')}</p>
      <div className="explore-details__actions">
        <button className="topbar__button" onClick={() => select({ kind: 'force', id: plan.forceId })}>
          {t('loss.showForce')}
        </button>
      </div>
      <h3 className="stated__title">{t('loss.recorded')}</h3>
      {record ? (
        <>
          <dl className="explore-details__figures">
            <Figure label={t('figure.lost')}>
              {record.force.losses?.lost !== undefined
                ? countText(t, record.force.losses.lost, language)
                : t('details.notStated')}
            </Figure>
            <Figure label={t('flow.lostDrawn')}>{formatNumber(plan.lossTimes.length, language)}</Figure>
          </dl>
          <ul className="stated__list">
            <li>
              <SourceNote source={record.force.source} campaign={campaign} note={rt.note(record.force)}>
                {t('details.sourceForce')}
              </SourceNote>
            </li>
            {record.joints
              .filter((j) => j.losses?.lost !== undefined)
              .map((j) => (
                <li key={j.id}>
                  <SourceNote source={j.source} campaign={campaign}>
                    {rt.jointFigure(j)}: {countText(t, j.losses!.lost!, language)} {t('figure.lost').toLowerCase()}
                  </SourceNote>
                </li>
              ))}
          </ul>
        </>
      ) : (
        <ul className="stated__list">
          {flowMetrics(ctx, plan)
            .filter(({ metric }) => /lost/.test(metric.key))
            .map(({ metric, periodId }) => (
              <MetricItem key={metric.key} metric={metric} periodId={periodId} ctx={ctx} />
            ))}
        </ul>
      )}
    </>
  );
}
