/**
 * Checks a schema-valid campaign file for what a schema cannot express: references between
 * records, dates inside the campaign, and counts that must not exceed what was dispatched.
 */
import { THEATRES, insideTheatre } from '../geo/projection.ts';
import { formatPath, type Problem } from './problems.ts';
import { countValue, describeCount } from './counts.ts';
import type { CampaignFile, Count, Force, Losses, Metric, Mission, Source } from './schema.ts';

type Path = (string | number)[];
const DAY_MS = 86_400_000;

const isExact = (c: Count | undefined): boolean => c === undefined || typeof c === 'number';

export function crossCheck(file: CampaignFile): Problem[] {
  const problems: Problem[] = [];
  const error = (path: Path, message: string) => problems.push({ path, message, severity: 'error' });
  const discrepancy = (path: Path, message: string) => problems.push({ path, message, severity: 'discrepancy' });
  /** Exact figures that break a bound are errors; qualified ones ("about 100") only disagree. */
  const exceeds = (path: Path, message: string, ...figures: (Count | undefined)[]) =>
    figures.every(isExact) ? error(path, message) : discrepancy(path, message);

  const { campaign } = file;
  const sourceIds = new Set(campaign.sources.map((s) => s.id));
  const placeIds = new Set(file.places.map((p) => p.id));

  const checkSource = (source: Source | undefined, path: Path) => {
    if (!source) return;
    if (!sourceIds.has(source.ref)) error([...path, 'ref'], `unknown source "${source.ref}"`);
    if (source.cites !== undefined && !sourceIds.has(source.cites)) error([...path, 'cites'], `unknown source "${source.cites}"`);
  };
  const checkPlace = (placeId: string | undefined, path: Path) => {
    if (placeId !== undefined && !placeIds.has(placeId)) error(path, `unknown place "${placeId}"`);
  };

  // Campaign dates are calendar days on the campaign's clock; instants must fall inside them.
  const campaignStart = Date.parse(`${campaign.start}T00:00:00${campaign.utcOffset}`);
  const campaignEnd = Date.parse(`${campaign.end}T00:00:00${campaign.utcOffset}`) + DAY_MS;
  if (campaignEnd <= campaignStart) error(['campaign', 'end'], `${campaign.end} is before start ${campaign.start}`);
  const checkInstant = (iso: string | undefined, path: Path) => {
    if (iso === undefined) return;
    const t = Date.parse(iso);
    // The end of the last day is still inside: a period may end exactly there.
    if (t < campaignStart || t > campaignEnd)
      error(path, `${iso} is outside the campaign (${campaign.start} to ${campaign.end})`);
  };
  const checkDate = (date: string | undefined, path: Path) => {
    if (date !== undefined && (date < campaign.start || date > campaign.end))
      error(path, `${date} is outside the campaign (${campaign.start} to ${campaign.end})`);
  };

  checkUnique(
    file.campaign.sources.map((s, i) => [s.id, ['campaign', 'sources', i, 'id']]),
    'source',
    error,
  );
  checkUnique(
    file.places.map((p, i) => [p.id, ['places', i, 'id']]),
    'place',
    error,
  );
  const frame = THEATRES[campaign.theatre];
  file.places.forEach((p, i) => {
    if (!insideTheatre(frame, p.lat, p.lon))
      error(['places', i], `${p.lat}, ${p.lon} lies outside the ${campaign.theatre} theatre's map`);
  });
  checkUnique(
    file.periods.map((p, i) => [p.id, ['periods', i, 'id']]),
    'period',
    error,
  );
  const missionIds: [string, Path][] = [];
  const forceIds: [string, Path][] = [];

  file.metrics.forEach((m, i) => {
    checkSource(m.source, ['metrics', i, 'source']);
    checkDate(m.start, ['metrics', i, 'start']);
    checkDate(m.end, ['metrics', i, 'end']);
  });
  checkPartOf(file.metrics, ['metrics']);
  checkUnique(
    file.features.map((f, i) => [f.id, ['features', i, 'id']]),
    'feature',
    error,
  );
  file.features.forEach((f, i) => {
    f.path.forEach((placeId, k) => checkPlace(placeId, ['features', i, 'path', k]));
    checkSource(f.source, ['features', i, 'source']);
    checkDate(f.start, ['features', i, 'start']);
    checkDate(f.end, ['features', i, 'end']);
  });

  let previousEnd = -Infinity;
  file.periods.forEach((period, pi) => {
    const pp: Path = ['periods', pi];
    checkInstant(period.start, [...pp, 'start']);
    checkInstant(period.end, [...pp, 'end']);
    const start = Date.parse(period.start);
    const end = Date.parse(period.end);
    if (end <= start) error([...pp, 'end'], `${period.end} is not after start ${period.start}`);
    if (start < previousEnd) error([...pp, 'start'], 'overlaps the previous period (periods must be in time order)');
    previousEnd = end;

    checkSource(period.weatherSource, [...pp, 'weatherSource']);
    period.metrics.forEach((m, i) => {
      checkSource(m.source, [...pp, 'metrics', i, 'source']);
      checkDate(m.start, [...pp, 'metrics', i, 'start']);
      checkDate(m.end, [...pp, 'metrics', i, 'end']);
    });
    checkPartOf(period.metrics, [...pp, 'metrics']);

    period.missions.forEach((mission, mi) => {
      const mp: Path = [...pp, 'missions', mi];
      missionIds.push([mission.id, [...mp, 'id']]);
      checkSource(mission.source, [...mp, 'source']);
      checkDate(mission.date, [...mp, 'date']);
      mission.forces.forEach((force, fi) => {
        forceIds.push([force.id, [...mp, 'forces', fi, 'id']]);
        checkForce(force, [...mp, 'forces', fi]);
      });
      checkMissionLinks(mission, mp);
    });
  });
  checkUnique(missionIds, 'mission', error);
  checkUnique(forceIds, 'force', error);
  return problems;

  /**
   * `partOf` names a metric of the same list (or, from a period, a campaign-wide one), and a part
   * is not larger than its whole.
   */
  function checkPartOf(metrics: Metric[], mp: Path) {
    const byKey = new Map([...file.metrics, ...metrics].map((m) => [m.key, m]));
    metrics.forEach((m, i) => {
      if (m.partOf === undefined) return;
      const whole = byKey.get(m.partOf);
      if (!whole) error([...mp, i, 'partOf'], `no metric "${m.partOf}" here`);
      else if (whole.unit === m.unit && countValue(m.value) > countValue(whole.value))
        discrepancy(
          [...mp, i, 'value'],
          `${countValue(m.value)} is larger than "${m.partOf}" (${countValue(whole.value)}), which includes it`,
        );
    });
  }

  function checkForce(force: Force, fp: Path) {
    checkSource(force.source, [...fp, 'source']);
    checkSource(force.timing.source, [...fp, 'timing', 'source']);
    force.route.forEach((placeId, i) => checkPlace(placeId, [...fp, 'route', i]));
    checkPlace(force.turnBack, [...fp, 'turnBack']);
    force.targets.forEach((t, i) => checkPlace(t.place, [...fp, 'targets', i, 'place']));

    const t = force.timing;
    const instants: [string, string | undefined][] = [
      ['takeoff', t.takeoff],
      ['overTarget', t.overTarget],
      ['overTargetEnd', t.overTargetEnd],
      ['landing', t.landing],
    ];
    let last: [string, number] | undefined;
    for (const [key, iso] of instants) {
      checkInstant(iso, [...fp, 'timing', key]);
      if (iso === undefined) continue;
      const at = Date.parse(iso);
      if (last && at < last[1]) error([...fp, 'timing', key], `${iso} is before ${last[0]}`);
      last = [key, at];
    }
    if ((force.outcome === 'recalled' || force.outcome === 'abandoned') && force.turnBack === undefined)
      error([...fp, 'turnBack'], `a ${force.outcome} force needs the place where it turned back`);

    const d = force.dispatched;
    if (d === undefined) return;
    const dv = countValue(d);
    const bound = (path: Path, c: Count | undefined) => {
      if (c !== undefined && countValue(c) > dv) exceeds(path, `${countValue(c)} exceeds dispatched ${dv}`, c, d);
    };
    bound([...fp, 'effective'], force.effective);
    bound([...fp, 'aborted'], force.aborted);
    const onTargets = force.targets.reduce((sum, tg) => sum + countValue(tg.aircraft), 0);
    if (onTargets > dv)
      exceeds(
        [...fp, 'targets'],
        `aircraft on targets add up to ${onTargets}, more than dispatched ${dv}`,
        d,
        ...force.targets.map((tg) => tg.aircraft),
      );
    checkLosses(force.losses, dv, [d], [...fp, 'losses'], 'dispatched');
  }

  function checkLosses(losses: Losses | undefined, available: number, figures: Count[], lp: Path, what: string) {
    if (!losses) return;
    for (const key of ['lost', 'damagedBeyondRepair', 'damaged'] as const) {
      const c = losses[key];
      if (c !== undefined && countValue(c) > available)
        exceeds([...lp, key], `${countValue(c)} exceeds ${what} ${available}`, c, ...figures);
    }
    const sum = countValue(losses.lost) + countValue(losses.damagedBeyondRepair) + countValue(losses.damaged);
    if (sum > available)
      exceeds(
        lp,
        `lost, damaged beyond repair and damaged add up to ${sum}, more than ${what} ${available}`,
        losses.lost,
        losses.damagedBeyondRepair,
        losses.damaged,
        ...figures,
      );
  }

  function checkMissionLinks(mission: Mission, mp: Path) {
    const byId = new Map(mission.forces.map((f) => [f.id, f]));
    mission.forces.forEach((force, fi) =>
      force.escorting?.forEach((escorted, i) => {
        if (!byId.has(escorted)) error([...mp, 'forces', fi, 'escorting', i], `no force "${escorted}" in this mission`);
        else if (escorted === force.id) error([...mp, 'forces', fi, 'escorting', i], 'a force cannot escort itself');
      }),
    );
    mission.jointFigures.forEach((joint, ji) => {
      const jp: Path = [...mp, 'jointFigures', ji];
      checkSource(joint.source, [...jp, 'source']);
      const members: Force[] = [];
      joint.forces.forEach((fid, i) => {
        const f = byId.get(fid);
        if (f) members.push(f);
        else error([...jp, 'forces', i], `no force "${fid}" in this mission`);
      });
      const dispatched = members.map((f) => f.dispatched);
      if (dispatched.some((c) => c === undefined)) return;
      const available = members.reduce((sum, f) => sum + countValue(f.dispatched) - countValue(f.losses?.lost), 0);
      checkLosses(joint.losses, available, dispatched as Count[], [...jp, 'losses'], 'aircraft of these forces not already lost');
    });
    if (mission.statedTotals) checkStatedTotals(mission, [...mp, 'statedTotals']);
  }

  function checkStatedTotals(mission: Mission, sp: Path) {
    const totals = mission.statedTotals!;
    checkSource(totals.source, [...sp, 'source']);
    const groups = {
      aircraft: () => true,
      bombers: (f: Force) => f.role !== 'escort' && f.role !== 'fighter-bomber',
      fighters: (f: Force) => f.role === 'escort' || f.role === 'fighter-bomber',
    } as const;
    for (const group of ['aircraft', 'bombers', 'fighters'] as const) {
      const stated = totals[group];
      if (!stated) continue;
      const forces = mission.forces.filter(groups[group]);
      const ids = new Set(forces.map((f) => f.id));
      const jointLost = mission.jointFigures
        .filter((j) => j.forces.every((id) => ids.has(id)))
        .reduce((sum, j) => sum + countValue(j.losses?.lost), 0);
      const sums = {
        dispatched: forces.reduce((sum, f) => sum + countValue(f.dispatched ?? f.effective), 0),
        lost: forces.reduce((sum, f) => sum + countValue(f.losses?.lost), 0) + jointLost,
      };
      for (const key of ['dispatched', 'lost'] as const) {
        const c = stated[key];
        if (c !== undefined && !agrees(c, sums[key]))
          discrepancy(
            [...sp, group, key],
            `stated ${describeCount(c)} ${group} ${key}; the forces recorded add up to ${sums[key]}`,
          );
      }
    }
  }
}

/** Does a recorded sum agree with a figure as the source words it? */
export function agrees(stated: Count, sum: number): boolean {
  if (typeof stated === 'number') return stated === sum;
  const v = stated.value;
  switch (stated.qualifier) {
    case 'over':
      return sum > v;
    case 'at least':
      return sum >= v;
    case 'at most':
      return sum <= v;
    case 'under':
      return sum < v;
    case 'nearly':
      return sum <= v && sum >= v * 0.9;
    case 'about':
      return Math.abs(sum - v) <= Math.max(1, v * 0.1);
  }
}

function checkUnique(entries: [string, Path][], kind: string, error: (path: Path, message: string) => void) {
  const seen = new Map<string, Path>();
  for (const [id, path] of entries) {
    const first = seen.get(id);
    if (first) error(path, `duplicate ${kind} id "${id}" (first used at ${formatPath(first)})`);
    else seen.set(id, path);
  }
}
