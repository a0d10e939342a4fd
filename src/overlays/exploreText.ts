/**
 * Words for what explore mode shows (the mission picker, the details panel, hover tooltips and
 * the exported image's caption): names of forces, missions and places in the interface
 * language, figures as the records word them, and the generated Korean flows named by what
 * they stand for. Lookups are built once per campaign; nothing here runs per frame.
 */
import type { TFunction } from 'i18next';
import type { Campaign } from '../app/campaigns.ts';
import type { ForcePlan } from '../motion/compile.ts';
import type { Count, Force, JointFigures, Mission, Period, Place } from '../records/schema.ts';
import { countValue } from '../records/counts.ts';
import type { Language } from '../i18n/languages.ts';
import type { RecordTexts } from '../i18n/records.ts';
import { formatNumber } from '../timeline/format.ts';

export interface ForceRecord {
  force: Force;
  mission: Mission;
  period: Period;
  /** Figures stated for this force together with others. */
  joints: JointFigures[];
}

/** Records by id, for the panels: built once per campaign. */
export interface CampaignIndex {
  forces: Map<string, ForceRecord>;
  places: Map<string, Place>;
  periods: Map<string, Period>;
  plans: Map<string, ForcePlan>;
}

const indexes = new WeakMap<Campaign, CampaignIndex>();

export function campaignIndex(campaign: Campaign): CampaignIndex {
  let index = indexes.get(campaign);
  if (!index) {
    const forces = new Map<string, ForceRecord>();
    for (const period of campaign.records.periods)
      for (const mission of period.missions)
        for (const force of mission.forces)
          forces.set(force.id, {
            force,
            mission,
            period,
            joints: mission.jointFigures.filter((j) => j.forces.includes(force.id)),
          });
    index = {
      forces,
      places: new Map(campaign.records.places.map((p) => [p.id, p])),
      periods: new Map(campaign.records.periods.map((p) => [p.id, p])),
      plans: new Map(campaign.plan.forces.map((f) => [f.forceId, f])),
    };
    indexes.set(campaign, index);
  }
  return index;
}

/** What a generated flow (Korea's sorties drawn from monthly figures) stands for, read from its id. */
export interface FlowKind {
  /** Whose aircraft: the Far East Air Force, carrier aircraft, the Chinese People's Volunteer Air Force. */
  side: 'feaf' | 'naval' | 'vaf';
  /** Aircraft type as drawn (schematic for the FEAF mix). */
  aircraft: string;
  /** Where the FEAF's sorties go: the triangle (a monthly figure) or the whole network (the operation's average). */
  scope: 'triangle' | 'network' | null;
  division: '4' | '3' | null;
}

const FLOW_TYPES: Record<string, string> = {
  f84: 'F-84 Thunderjet',
  f80: 'F-80 Shooting Star',
  b26: 'B-26 Invader',
  b29: 'B-29 Superfortress',
};

/** Ids as koreaFlows.ts makes them: flow-<period>-<triangle|network>-<type>, flow-<period>-naval-token, flow-<period>-vaf-<n>div. */
export function flowKind(forceId: string): FlowKind {
  let m = /-(triangle|network)-(f84|f80|b26|b29)$/.exec(forceId);
  if (m) return { side: 'feaf', aircraft: FLOW_TYPES[m[2]!]!, scope: m[1] as 'triangle' | 'network', division: null };
  if (/-naval-token$/.test(forceId)) return { side: 'naval', aircraft: 'F4U Corsair', scope: null, division: null };
  m = /-vaf-(\d)div$/.exec(forceId);
  if (m) return { side: 'vaf', aircraft: 'MiG-15', scope: null, division: m[1] === '3' ? '3' : '4' };
  return { side: 'feaf', aircraft: '', scope: null, division: null };
}

/** A count as the record words it: "417", "over 1,000", in the interface language. */
export function countText(t: TFunction, c: Count, language: Language): string {
  const value = formatNumber(countValue(c), language);
  return typeof c === 'number' ? value : t(`explore:qualifier.${c.qualifier.replace(' ', '-')}`, { value });
}

/** "1st force (Leipzig)", or the aircraft type where the record gives the force no label. */
export function forceName(rt: RecordTexts, force: Force): string {
  return rt.force(force) ?? force.aircraft;
}

/** The name of any force of the plan: a record force, or a generated flow. */
export function planForceName(t: TFunction, rt: RecordTexts, index: CampaignIndex, plan: ForcePlan): string {
  const record = index.forces.get(plan.forceId);
  if (record) return forceName(rt, record.force);
  const kind = flowKind(plan.forceId);
  if (kind.side === 'vaf') return t('explore:flow.vafName', { division: t(`explore:flow.division.${kind.division}`) });
  if (kind.side === 'naval') return t('explore:flow.navalName');
  return t('explore:flow.feafName', { aircraft: kind.aircraft });
}

/** The mission (or, for a flow, the period) a force belongs to, named. */
export function planMissionName(t: TFunction, rt: RecordTexts, index: CampaignIndex, plan: ForcePlan): string {
  const record = index.forces.get(plan.forceId);
  if (record) return rt.mission(record.mission);
  const period = index.periods.get(plan.periodId);
  return period ? t('explore:flow.missionName', { period: rt.periodLabel(period) }) : plan.periodId;
}

/** Place names of a route, in flying order. */
export function routeNames(rt: RecordTexts, index: CampaignIndex, route: string[]): string[] {
  return route.map((id) => {
    const p = index.places.get(id);
    return p ? rt.place(p) : id;
  });
}

/** Target places of a mission's forces, for the picker's filter and its list. */
export function missionTargets(rt: RecordTexts, index: CampaignIndex, mission: Mission): string[] {
  const names: string[] = [];
  for (const f of mission.forces)
    for (const target of f.targets) {
      const place = target.place ? index.places.get(target.place) : undefined;
      const name = place ? rt.place(place) : target.label === undefined ? undefined : rt.targetLabel(target.label);
      if (name && !names.includes(name)) names.push(name);
    }
  return names;
}
