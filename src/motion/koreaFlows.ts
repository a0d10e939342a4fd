/**
 * The Korean campaign's scene, generated from its monthly figures: the records give sorties,
 * aircraft shot down and damage to the railway per month, not missions. Each sortie the records
 * count is drawn as one aircraft whose take-off falls on a day of its month; exactly the recorded
 * losses fall, in the air-defence zones; every recorded cut and bridge hit appears where and when
 * a sortie bombs, and is repaired after a schematic time; trains run at night along the railway
 * at the rate the fourth-quarter transport plan gives. What the text does not give (routes,
 * times of day, type mix, targets along the line, flight size, repair times, trains' make-up) is
 * reconstructed deterministically and labelled schematic.
 */
import { getTimes } from 'suncalc';
import { countValue } from '../records/counts.ts';
import type { CampaignFile, ForceRole, Metric, Period } from '../records/schema.ts';
import { project } from '../geo/projection.ts';
import { typeProfile, type FormationStyle, type Silhouette, type TypeProfile } from './aircraftTypes.ts';
import { apportion, TOKEN_STRENGTH, type FlowBuilder, type PendingInstance, type Waypoint } from './compile.ts';
import { FALL_SECONDS, NEVER } from './flight.ts';
import {
  AA_ZONE_HALF_WIDTH_KM,
  buildNetwork,
  cumulative,
  distanceToEdge,
  distanceToPolyline,
  insidePolygon,
  projectOntoPolyline,
  type Point,
  type TargetSite,
} from './koreaNetwork.ts';
import {
  CUT_BRIDGE,
  CUT_LINE,
  MAX_PATH_POINTS,
  VEHICLE_LOCOMOTIVE,
  VEHICLE_TRUCK,
  VEHICLE_WAGON,
  type RailCuts,
  type RailTraffic,
} from './koreaRail.ts';
import { formatIsoDay } from '../timeline/format.ts';
import { koreaPeriodNote } from './koreaNotes.ts';
import { FLIGHT_SIZE, TRAIN_WAGONS, setKoreaScene, type KoreaMonth, type KoreaNote } from './koreaScene.ts';
import { hashString, mulberry32 } from './random.ts';

/**
 * "ordering his ground forces to launch a summer offensive on August 18, 1951, he also ordered
 * his air force (including naval aircraft) to launch a The large-scale "air blockade campaign""
 */
export const OPERATION_START = '1951-08-18';
/**
 * "cancel the bombing activities of the B-29 bombers during the daytime, and from the end of
 * October, all of them turned to nighttime activities": the day is not given (schematic).
 */
export const B29_NIGHT_FROM = '1951-10-28';
/**
 * "in November ... His fighter-bombers will not block traffic in the MiG corridor": from then
 * the fighter-bombers' targets lie south of the Qingchuan.
 */
export const FIGHTER_BOMBERS_LEAVE_MIG_ALLEY = '1951-11-01';

/** Where the sun is reckoned for day and night: the triangle. */
const SUN_LAT = 39.3;
const SUN_LON = 125.8;
const DAY_S = 86400;
const HOUR = 3600;

/** The type mix of the Far East Air Force's sorties (schematic: the text gives none). */
interface FlowType {
  key: 'f84' | 'f80' | 'b26' | 'b29';
  aircraft: string;
  role: ForceRole;
  share: number;
  bases: string[];
  fighterBomber: boolean;
  /** Aircraft that take off together as one flight. */
  flightSize: number;
}
const FEAF_TYPES: FlowType[] = [
  {
    key: 'f84',
    aircraft: 'F-84 Thunderjet',
    role: 'fighter-bomber',
    share: 0.45,
    bases: ['base-taegu', 'base-kunsan'],
    fighterBomber: true,
    flightSize: FLIGHT_SIZE,
  },
  {
    key: 'f80',
    aircraft: 'F-80 Shooting Star',
    role: 'fighter-bomber',
    share: 0.35,
    bases: ['base-kimpo', 'base-suwon'],
    fighterBomber: true,
    flightSize: FLIGHT_SIZE,
  },
  {
    key: 'b26',
    aircraft: 'B-26 Invader',
    role: 'bomber',
    share: 0.15,
    bases: ['base-kunsan', 'base-taegu'],
    fighterBomber: false,
    flightSize: 1,
  },
  {
    key: 'b29',
    aircraft: 'B-29 Superfortress',
    role: 'bomber',
    share: 0.05,
    bases: ['wp-b29-entry'],
    fighterBomber: false,
    flightSize: 3,
  },
];
const NAVAL = { aircraft: 'F4U Corsair (carrier aircraft)', role: 'fighter-bomber' as ForceRole, base: 'region-carrier-area' };
const MIG = { aircraft: 'MiG-15', role: 'escort' as ForceRole, base: 'airfield-andong' };

interface OpenCut {
  s: number;
  cut: number;
  repaired: number;
}

/** One sortie before it is handed to the plan: what losses, damage and cuts are chosen from. */
interface Sortie extends PendingInstance {
  /** Seconds after its take-off that it is over its target. */
  strike: number;
  site: TargetSite;
}

interface Group {
  forceId: string;
  style: FormationStyle;
  periodIndex: number;
  profile: TypeProfile;
  role: ForceRole;
  strengthStated: boolean;
  sorties: Sortie[];
  representative: number;
}

const FINGER_FOUR: [number, number, number][] = [
  [0, 0, 0],
  [0.025, 0, 0.018],
  [-0.025, 0, 0.018],
  [0.05, 0, 0.036],
];
const NO_SLOT: [number, number, number] = [0, 0, 0];
const VIC: [number, number, number][] = [
  [0, 0, 0],
  [0.04, 0.004, 0.03],
  [-0.04, 0.004, 0.03],
];

export function compileKoreaFlows(file: CampaignFile, builder: FlowBuilder): void {
  if (file.campaign.theatre !== 'korea-1951') return;
  const { frame, epochMs } = builder;
  const places = new Map(file.places.map((p) => [p.id, p]));
  const at = (id: string): Point | null => {
    const p = places.get(id);
    if (!p) return null;
    const [x, z] = project(frame, p.lat, p.lon);
    return { x, z };
  };
  const network = buildNetwork(file, frame);
  if (network.sites.length === 0) return;
  const offset = file.campaign.utcOffset;
  const secs = (iso: string) => (Date.parse(iso) - epochMs) / 1000;
  const dateSecs = (date: string) => secs(`${date}T00:00:00${offset}`);
  const metric = (period: Period, key: string) => period.metrics.find((m) => m.key === key);
  const anyMetric = (key: string): Metric | undefined =>
    file.metrics.find((m) => m.key === key) ?? file.periods.flatMap((p) => p.metrics).find((m) => m.key === key);
  const sun = sunTable(epochMs);
  const periodStarts = file.periods.map((p) => secs(p.start));
  const periodEnds = file.periods.map((p) => secs(p.end));
  const colours = new Map<string, [number, number, number]>();
  const colourOf = (profile: TypeProfile) => {
    let c = colours.get(profile.colour);
    if (!c) colours.set(profile.colour, (c = hexToRgb(profile.colour)));
    return c;
  };

  // The operation: from 18 August, for the ten months the U.S. history gives it.
  const opStart = dateSecs(OPERATION_START);
  const months = countValue(anyMetric('strangle-duration-months')?.value);
  const opEnd = months > 0 ? addMonths(OPERATION_START, months, offset, epochMs) : Infinity;
  const averagePerDay = countValue(anyMetric('feaf-strangle-sorties-per-day')?.value);
  const b29NightFrom = dateSecs(B29_NIGHT_FROM);
  const leaveMigAlley = dateSecs(FIGHTER_BOMBERS_LEAVE_MIG_ALLEY);

  // Where anti-aircraft fire can bring an aircraft down: target sites well inside a zone.
  const inZone = network.sites.map(
    (s) => network.zones.length === 0 || network.zones.some((z) => distanceToPolyline(z.points, s) <= AA_ZONE_HALF_WIDTH_KM - 6),
  );
  const routeCache = new Map<string, { route: number; strike: number; end: number }>();
  const groups: Group[] = [];
  const cuts: { x: number; z: number; cut: number; repaired: number; kind: number; period: number }[] = [];
  const summaries: KoreaMonth[] = file.periods.map((p) => ({
    periodId: p.id,
    feafAircraft: 0,
    basis: 'none',
    feafLost: 0,
    feafDamaged: 0,
    lineCuts: 0,
    bridgeHits: 0,
    naval: 0,
    migs: [],
    wagons: 0,
    trucks: 0,
  }));

  file.periods.forEach((period, periodIndex) => {
    const from = Math.max(secs(period.start), opStart);
    const to = Math.min(secs(period.end), opEnd);
    if (to <= from) return;
    const summary = summaries[periodIndex]!;
    const random = mulberry32(hashString(`korea:${period.id}`));
    const triangleSorties = metric(period, 'triangle-sorties');
    const days = Math.round((to - from) / DAY_S);
    const total = triangleSorties ? countValue(triangleSorties.value) : averagePerDay * days;
    if (total <= 0) return;
    summary.feafAircraft = total;
    summary.basis = triangleSorties ? 'triangle' : 'average';
    const scope = triangleSorties ? 'triangle' : 'network';

    const counts = apportion(
      total,
      FEAF_TYPES.map((t) => t.share),
    );
    const monthGroups: Group[] = [];
    FEAF_TYPES.forEach((type, k) => {
      const n = counts[k]!;
      if (n === 0) return;
      const profile = typeProfile(type.aircraft, type.role);
      const group: Group = {
        forceId: `flow-${period.id}-${scope}-${type.key}`,
        style: type.fighterBomber ? 'fighterFlights' : type.key === 'b26' ? 'nightStream' : 'smallFormation',
        periodIndex,
        profile,
        role: type.role,
        strengthStated: true,
        sorties: [],
        representative: -1,
      };
      const sitesFor = (takeoff: number) =>
        network.sites.filter((s) =>
          triangleSorties ? s.onTriangle : !(type.fighterBomber && takeoff >= leaveMigAlley && s.inMigAlley),
        );
      const daySites = sitesFor(from);
      // B-26 intruders by night; B-29s by day until the end of October, then by night.
      const when = (day: number) => (type.key === 'b26' || (type.key === 'b29' && day >= b29NightFrom) ? 'night' : 'day');
      let left = n;
      while (left > 0) {
        const takeoff = takeoffTime(sun, from, to, when, random);
        const isNight = when(Math.floor(takeoff / DAY_S) * DAY_S) === 'night';
        const flights = type.fighterBomber ? 1 + Math.floor(random() * 4) : type.key === 'b29' && !isNight ? 3 : 1;
        const size = Math.min(left, flights * type.flightSize);
        const base = type.bases[Math.floor(random() * type.bases.length)]!;
        const site = daySites[Math.floor(random() * daySites.length)]!;
        const route = routeFor(type.key, base, site, profile);
        if (!route) break;
        // One spread about the track per flight (shared, never changed in place).
        let spread: [number, number, number] = [0, 0, 0];
        for (let i = 0; i < size; i++) {
          const flight = Math.floor(i / type.flightSize);
          const inFlight = i % type.flightSize;
          if (inFlight === 0) spread = [(random() - 0.5) * 3, (random() - 0.5) * (isNight ? 0.8 : 0.3), 0];
          const delay = Math.fround(takeoff + flight * 40 + (isNight ? i * 90 : 0));
          const slot =
            type.flightSize === 4 ? FINGER_FOUR[inFlight]! : type.flightSize === 3 && !isNight ? VIC[inFlight]! : NO_SLOT;
          group.sorties.push(sortie(periodIndex, profile, route, delay, site, slot, spread, random()));
        }
        left -= size;
      }
      monthGroups.push(group);
    });

    // Losses and damage to anti-aircraft fire: exactly the recorded numbers, on fighter-bombers,
    // over their targets on the railway, inside the air-defence zones.
    const fighterBombers = monthGroups
      .filter((g) => g.role === 'fighter-bomber')
      .flatMap((g) => g.sorties)
      .filter((s) => s.delay + s.strike + 60 < to && inZone[s.site.index]);
    const lost = Math.min(fighterBombers.length, countValue(metric(period, 'usaf-fb-lost-to-aaa')?.value));
    const damaged = Math.min(fighterBombers.length - lost, countValue(metric(period, 'usaf-fb-damaged-by-aaa')?.value));
    const order = shuffle(fighterBombers.length, random);
    for (let k = 0; k < lost + damaged; k++) {
      const s = fighterBombers[order[k]!]!;
      if (k < lost) {
        s.lossTime = Math.fround(s.delay + s.strike + (random() - 0.5) * 30);
        s.spread = [s.spread[0] * 0.3, s.spread[1], s.spread[2]];
        s.end = Math.min(s.end, s.lossTime + FALL_SECONDS);
      } else {
        s.damageTime = s.delay + s.strike + 2;
        s.damageLevel = 1;
      }
    }
    summary.feafLost = lost;
    summary.feafDamaged = damaged;

    // Cuts and bridge hits on the triangle: each where and when one sortie bombs.
    const lineCuts = countValue(metric(period, 'triangle-line-station-damage')?.value);
    const bridgeHits = countValue(metric(period, 'triangle-bridge-damage')?.value);
    if (lineCuts + bridgeHits > 0) {
      // Bombs that fall within the month: each cut belongs to its month's figure.
      const bombers = monthGroups
        .flatMap((g) => g.sorties)
        .filter((s) => s.site.onTriangle && s.lossTime === NEVER && s.delay + s.strike < to);
      const atBridges = bombers.filter((s) => s.site.bridge);
      const elsewhere = bombers.filter((s) => !s.site.bridge);
      const pickBridges = Array.from(shuffle(atBridges.length, random).slice(0, bridgeHits));
      const bridgePicked = new Set(pickBridges);
      const pickLines = [
        ...Array.from(shuffle(elsewhere.length, random), (i) => elsewhere[i]!),
        ...Array.from(shuffle(atBridges.length, random))
          .filter((i) => !bridgePicked.has(i))
          .map((i) => atBridges[i]!),
      ].slice(0, lineCuts);
      for (const i of pickBridges) {
        const s = atBridges[i]!;
        const cut = Math.fround(s.delay + s.strike);
        cuts.push({
          x: s.site.x,
          z: s.site.z,
          cut,
          repaired: Math.fround(bridgeRepair(sun, cut, random)),
          kind: CUT_BRIDGE,
          period: periodIndex,
        });
      }
      for (const s of pickLines) {
        const cut = Math.fround(s.delay + s.strike);
        const along = (random() - 0.5) * 3;
        cuts.push({
          x: s.site.x + s.site.dx * along,
          z: s.site.z + s.site.dz * along,
          cut,
          repaired: Math.fround(lineRepair(sun, cut, random)),
          kind: CUT_LINE,
          period: periodIndex,
        });
      }
      summary.lineCuts = pickLines.length;
      summary.bridgeHits = pickBridges.length;
    }
    groups.push(...monthGroups);

    // Carrier aircraft: the text gives no naval count; a token, never counted in any figure,
    // away from the "Valley of Death" the carrier pilots feared.
    const navalSites = network.sites.filter((s) => !s.onTriangle && !s.inValleyOfDeath && !s.inMigAlley && s.x > 0);
    if (navalSites.length > 0 && at(NAVAL.base)) {
      const profile = typeProfile(NAVAL.aircraft, NAVAL.role);
      const group: Group = {
        forceId: `flow-${period.id}-naval-token`,
        style: 'fighterFlights',
        periodIndex,
        profile,
        role: NAVAL.role,
        strengthStated: false,
        sorties: [],
        representative: -1,
      };
      for (let i = 0; i < TOKEN_STRENGTH; i += FLIGHT_SIZE) {
        const takeoff = takeoffTime(sun, from, to, () => 'day', random);
        const site = navalSites[Math.floor(random() * navalSites.length)]!;
        const route = routeFor('naval', NAVAL.base, site, profile)!;
        for (let k = 0; k < Math.min(FLIGHT_SIZE, TOKEN_STRENGTH - i); k++) {
          const delay = Math.fround(takeoff);
          group.sorties.push(
            sortie(periodIndex, profile, route, delay, site, FINGER_FOUR[k]!, [(random() - 0.5) * 3, 0, 0], random()),
          );
        }
      }
      summary.naval = group.sorties.length;
      groups.push(group);
    }
  });

  // MiG-15s of the Volunteer Air Force from Andong into MiG Alley: the divisions' recorded
  // sorties over their recorded days, exactly their recorded losses, falling inside MiG Alley.
  const migAlley = network.migAlley;
  const andong = at(MIG.base);
  if (migAlley && andong) {
    const profile = typeProfile(MIG.aircraft, MIG.role);
    const patrols = patrolRoutes(migAlley, andong, profile);
    for (const division of ['4div', '3div']) {
      const sorties = anyMetric(`vaf-${division}-sorties`);
      const lostMetric = anyMetric(`vaf-${division}-lost`);
      const [startDate, endDate] = [sorties?.start, sorties?.end];
      if (!sorties || !startDate || !endDate) continue;
      const random = mulberry32(hashString(`korea:vaf-${division}`));
      const first = dateSecs(startDate);
      const last = dateSecs(endDate) + DAY_S;
      const all: Sortie[] = [];
      let left = countValue(sorties.value);
      while (left > 0) {
        const size = Math.min(left, (2 + Math.floor(random() * 5)) * FLIGHT_SIZE);
        const takeoff = takeoffTime(sun, first, last, () => 'day', random);
        const p = patrols[Math.floor(random() * patrols.length)]!;
        let spread: [number, number, number] = [0, 0, 0];
        for (let i = 0; i < size; i++) {
          const delay = Math.fround(takeoff + Math.floor(i / FLIGHT_SIZE) * 30);
          if (i % FLIGHT_SIZE === 0) spread = [(random() - 0.5) * 2, (random() - 0.5) * 0.3, 0];
          all.push(
            sortie(periodAt(delay), profile, p, delay, network.sites[0]!, FINGER_FOUR[i % FLIGHT_SIZE]!, spread, random()),
          );
        }
        left -= size;
      }
      const lost = Math.min(all.length, countValue(lostMetric?.value));
      const order = shuffle(all.length, random);
      for (let k = 0; k < lost; k++) {
        const s = all[order[k]!]!;
        s.lossTime = Math.fround(s.delay + s.strike + (random() - 0.5) * 10);
        s.end = Math.min(s.end, s.lossTime + FALL_SECONDS);
      }
      // Each sortie belongs to the period it takes off in, so that the month's losses count there.
      file.periods.forEach((period, periodIndex) => {
        const inPeriod = all.filter((s) => s.period === periodIndex);
        if (inPeriod.length === 0) return;
        groups.push({
          forceId: `flow-${period.id}-vaf-${division}`,
          style: 'fighterFlights',
          periodIndex,
          profile,
          role: MIG.role,
          strengthStated: true,
          sorties: inPeriod,
          representative: -1,
        });
        summaries[periodIndex]!.migs.push({
          division: division === '4div' ? '4th Division' : '3rd Division',
          sorties: inPeriod.length,
          lost: inPeriod.filter((s) => s.lossTime < NEVER).length,
          totalSorties: all.length,
          totalLost: lost,
          from: formatIsoDay(startDate),
          to: formatIsoDay(endDate),
        });
      });
    }
  }

  for (const group of groups) addGroup(group);

  const cutPlan = railCuts(cuts);
  const { traffic, wagonsPerDay } = railTraffic(cuts);
  const soviet = [
    'soviet-fighter-divisions-min',
    'soviet-fighter-divisions-max',
    'soviet-fighter-aircraft-min',
    'soviet-fighter-aircraft-max',
  ].map((key) => countValue(anyMetric(key)?.value));
  const scene = {
    network,
    cuts: cutPlan,
    traffic,
    months: summaries,
    averagePerDay,
    wagonsPerDay,
    soviet: soviet.every((v) => v > 0)
      ? { divisions: [soviet[0]!, soviet[1]!] as [number, number], aircraft: [soviet[2]!, soviet[3]!] as [number, number] }
      : null,
    tokenStrength: TOKEN_STRENGTH,
  };
  const notes = new Map<string, KoreaNote>();
  for (const m of summaries) {
    const note = koreaPeriodNote(scene, m);
    if (note) notes.set(m.periodId, note);
  }
  setKoreaScene(file, { ...scene, notes });

  function addGroup(group: Group) {
    if (group.sorties.length === 0) return;
    const pendingFrom = builder.instanceCount();
    const silhouette: Silhouette = group.profile.silhouette;
    let takeoff = Infinity;
    let overTarget = Infinity;
    let landed = -Infinity;
    const lossTimes: number[] = [];
    for (const s of group.sorties) {
      builder.addInstance(s);
      takeoff = Math.min(takeoff, s.delay);
      overTarget = Math.min(overTarget, s.delay + s.strike);
      landed = Math.max(landed, s.end);
      if (s.lossTime < NEVER) lossTimes.push(s.lossTime);
    }
    // The lead route framed by the initial view: one to the triangle where the group has one.
    const representative = group.sorties.find((s) => s.site.onTriangle) ?? group.sorties[0]!;
    builder.addForce({
      origin: 'flow',
      forceId: group.forceId,
      missionId: group.forceId,
      periodId: file.periods[group.periodIndex]!.id,
      silhouette,
      style: group.style,
      aircraft: group.sorties.length,
      strengthStated: group.strengthStated,
      firstInstance: 0,
      pendingFrom,
      takeoff,
      overTarget,
      landed,
      lossTimes: Float64Array.from(lossTimes).sort(),
      jointLosses: 0,
      routeIndex: representative.route,
      routeEnd: representative.route + 1,
    });
  }

  function sortie(
    period: number,
    profile: TypeProfile,
    route: { route: number; strike: number; end: number },
    delay: number,
    site: TargetSite,
    slot: [number, number, number],
    spread: [number, number, number],
    seed: number,
  ): Sortie {
    return {
      period,
      silhouette: profile.silhouette,
      route: route.route,
      delay,
      slot,
      spread,
      lossTime: NEVER,
      damageTime: NEVER,
      damageLevel: 0,
      seed,
      end: delay + route.end,
      colour: colourOf(profile),
      strike: route.strike,
      site,
    };
  }

  function periodAt(t: number): number {
    const i = periodStarts.findIndex((start, k) => t >= start && t < periodEnds[k]!);
    return i < 0 ? 0 : i;
  }

  /** A timed route from `base` to the target site and home (route times from 0 at take-off). */
  function routeFor(kind: FlowType['key'] | 'naval', base: string, site: TargetSite, profile: TypeProfile) {
    const key = `${kind}|${base}|${site.index}`;
    const cached = routeCache.get(key);
    if (cached) return cached;
    const b = at(base);
    if (!b) return null;
    const dx = site.x - b.x;
    const dz = site.z - b.z;
    const len = Math.hypot(dx, dz) || 1;
    const ux = dx / len;
    const uz = dz / len;
    // Right of the inbound track, and a side chosen per route so that routes fan out.
    const rx = -uz;
    const rz = ux;
    const side = hashString(key) % 2 ? 1 : -1;
    const alt = profile.altitudeKm;
    const p = (x: number, z: number, y: number): Waypoint => ({ x, y, z, t: 0 });
    const along = (d: number, r: number, y: number, from: Point = site) =>
      p(from.x + ux * d + rx * r * side, from.z + uz * d + rz * r * side, y);
    let wps: Waypoint[];
    let strike: number;
    if (kind === 'b29') {
      // Enters the map at altitude from Okinawa and Japan, bombs from altitude, leaves the same way.
      wps = [
        p(b.x, b.z, alt),
        along(-45, 10, alt),
        p(site.x, site.z, alt),
        along(20, -22, alt),
        along(-len + 40, -18, alt),
        p(b.x + rx * 15, b.z + rz * 15, alt),
      ];
      strike = 2;
    } else if (kind === 'b26') {
      // A night intruder: out to the line, along it, bombing and strafing, and home.
      const [lx, lz] = site.dx * ux + site.dz * uz >= 0 ? [site.dx, site.dz] : [-site.dx, -site.dz];
      wps = [
        p(b.x, b.z, 0),
        along(-len + 15, 0, alt * 0.7),
        p(site.x - lx * 15, site.z - lz * 15, alt),
        p(site.x, site.z, alt * 0.5),
        p(site.x + lx * 15, site.z + lz * 15, alt),
        along(-len + 25, -6, alt),
        p(b.x, b.z, 0),
      ];
      strike = 3;
    } else {
      // Fighter-bombers (and carrier aircraft): out at low altitude, a dive on the line, pull off
      // to one side and home.
      wps = [
        p(b.x, b.z, 0),
        along(-len + 14, 0, alt * 0.6),
        along(-28, 5, alt),
        p(site.x, site.z, 0.8),
        along(4, -9, 1.6),
        along(-30, -10, alt),
        along(-len + 20, -4, alt * 0.6),
        p(b.x, b.z, 0),
      ];
      strike = 3;
    }
    builder.layTimes(wps, new Map([[0, 0]]), profile.cruiseKmh / 3600);
    const route = { route: builder.addRoute(wps), strike: wps[strike]!.t, end: wps[wps.length - 1]!.t };
    routeCache.set(key, route);
    return route;
  }

  /** MiG patrols: from Andong up into MiG Alley, three legs well inside it, and home. */
  function patrolRoutes(polygon: Point[], home: Point, profile: TypeProfile) {
    const inner: Point[] = [];
    let minX = Infinity;
    let maxX = -Infinity;
    let minZ = Infinity;
    let maxZ = -Infinity;
    for (const q of polygon) {
      minX = Math.min(minX, q.x);
      maxX = Math.max(maxX, q.x);
      minZ = Math.min(minZ, q.z);
      maxZ = Math.max(maxZ, q.z);
    }
    for (let x = minX; x <= maxX; x += 8)
      for (let z = minZ; z <= maxZ; z += 8) {
        const q = { x, z };
        if (insidePolygon(polygon, q) && distanceToEdge(polygon, q) >= 15) inner.push(q);
      }
    const random = mulberry32(hashString('korea:mig-patrols'));
    const out: { route: number; strike: number; end: number }[] = [];
    for (let r = 0; r < 16 && inner.length > 0; r++) {
      const [a, b, c] = [0, 1, 2].map(() => inner[Math.floor(random() * inner.length)]!) as [Point, Point, Point];
      const toward = (q: Point, d: number) => {
        const l = Math.hypot(q.x - home.x, q.z - home.z) || 1;
        return { x: home.x + ((q.x - home.x) / l) * d, z: home.z + ((q.z - home.z) / l) * d };
      };
      const climb = toward(a, 20);
      const descend = toward(c, 25);
      const wps: Waypoint[] = [
        { x: home.x, y: 0, z: home.z, t: 0 },
        { ...climb, y: profile.altitudeKm * 0.6, t: 0 },
        { ...a, y: profile.altitudeKm, t: 0 },
        { ...b, y: profile.altitudeKm, t: 0 },
        { ...c, y: profile.altitudeKm, t: 0 },
        { ...descend, y: profile.altitudeKm * 0.5, t: 0 },
        { x: home.x, y: 0, z: home.z, t: 0 },
      ];
      builder.layTimes(wps, new Map([[0, 0]]), profile.cruiseKmh / 3600);
      out.push({ route: builder.addRoute(wps), strike: wps[3]!.t, end: wps[wps.length - 1]!.t });
    }
    return out;
  }

  function railCuts(list: typeof cuts): RailCuts {
    const n = list.length;
    const out: RailCuts = {
      count: n,
      position: new Float32Array(n * 2),
      times: new Float32Array(n * 2),
      kind: new Float32Array(n),
      period: new Uint8Array(n),
      from: Infinity,
      to: -Infinity,
    };
    list.forEach((c, i) => {
      out.position[i * 2] = c.x;
      out.position[i * 2 + 1] = c.z;
      out.times[i * 2] = c.cut;
      out.times[i * 2 + 1] = c.repaired;
      out.kind[i] = c.kind;
      out.period[i] = c.period;
      out.from = Math.min(out.from, c.cut);
      out.to = Math.max(out.to, c.repaired);
    });
    return out;
  }

  /**
   * Trains across the Qingchuan at night, at the rate of the fourth-quarter plan (at most 7,000
   * wagons in a month and a half), southbound to Pyongyang, waiting at open cuts; and a token
   * convoy of trucks a night on the road beside each line.
   */
  function railTraffic(cutList: typeof cuts): { traffic: RailTraffic; wagonsPerDay: number } {
    const ceiling = countValue(anyMetric('q4-wagons-ceiling')?.value);
    const window = countValue(anyMetric('q4-compression-window')?.value);
    const wagonsPerDay = ceiling > 0 && window > 0 ? ceiling / (window * (365.25 / 12)) : 0;
    const lines = [
      {
        // Along the drawn railway; the crossing is where the line passes the Qingchuan bridges.
        path: ['city-sinuiju', 'stn-sinanju', 'city-pyongyang'],
        crossing: 'bridge-qingchuan-sinanju',
      },
      {
        path: ['city-manpo', 'city-kanggye', 'city-huichon', 'wp-kujang', 'stn-kaechon', 'stn-sunchon', 'city-pyongyang'],
        crossing: 'wp-kujang',
      },
    ]
      .map((l) => ({ points: l.path.map(at), crossing: at(l.crossing) }))
      .filter((l): l is { points: Point[]; crossing: Point } => l.points.every(Boolean) && l.crossing !== null);
    const paths = lines.map((l) => {
      const cum = cumulative(l.points);
      const crossingS = projectOntoPolyline(l.points, cum, l.crossing).s;
      // The cuts on this line, where along it they lie, under each day they are open.
      const byDay = new Map<number, OpenCut[]>();
      for (const c of cutList) {
        const q = projectOntoPolyline(l.points, cum, c);
        if (q.d >= 0.5) continue;
        for (let d = Math.floor(c.cut / DAY_S); d <= Math.floor(c.repaired / DAY_S); d++) {
          const list = byDay.get(d) ?? [];
          list.push({ s: q.s, cut: c.cut, repaired: c.repaired });
          byDay.set(d, list);
        }
      }
      return { ...l, cum, length: cum[cum.length - 1]!, crossingS, byDay };
    });
    const pathData = new Float32Array(Math.max(1, paths.length) * MAX_PATH_POINTS * 4);
    paths.forEach((p, r) => {
      for (let k = 0; k < MAX_PATH_POINTS; k++) {
        const j = Math.min(k, p.points.length - 1);
        pathData.set([p.points[j]!.x, p.points[j]!.z, p.cum[j]!, 0], (r * MAX_PATH_POINTS + k) * 4);
      }
    });

    // Trains and convoys first, then their vehicles into typed arrays.
    interface Run {
      path: number;
      vehicles: number;
      kind: number;
      spacing: number;
      offset: number;
      ts: number;
      s0: number;
      speed: number;
      motion: { tStop: number; tResume: number; tEnd: number; sMax: number };
    }
    const runs: Run[] = [];
    const periodRuns: { periodId: string; first: number; last: number }[] = [];
    if (paths.length > 0)
      file.periods.forEach((period, periodIndex) => {
        const random = mulberry32(hashString(`korea:trains:${period.id}`));
        const start = secs(period.start);
        const nights = Math.round((secs(period.end) - start) / DAY_S);
        const first = runs.length;
        let wagonsLeft = Math.round(wagonsPerDay * nights);
        const perNight = apportion(
          Math.ceil(wagonsLeft / TRAIN_WAGONS),
          Array.from({ length: nights }, () => 1),
        );
        perNight.forEach((count, d) => {
          const day = Math.floor(start / DAY_S) + d;
          const dusk = sun.set(day) + 1800;
          const dawn = sun.rise(day + 1) - 1800;
          for (let t = 0; t < count && wagonsLeft > 0; t++) {
            const r = (d + t) % paths.length;
            const path = paths[r]!;
            const wagons = Math.min(TRAIN_WAGONS, wagonsLeft);
            wagonsLeft -= wagons;
            const ts = Math.fround(dusk + random() * 2 * HOUR);
            const s0 = Math.max(0, path.crossingS - 20 - random() * 100);
            const speed = (18 + random() * 12) / 3600;
            const motion = trainMotion(path, ts, s0, speed, dawn);
            runs.push({ path: r, vehicles: wagons + 1, kind: VEHICLE_WAGON, spacing: 1, offset: 0, ts, s0, speed, motion });
            summaries[periodIndex]!.wagons += wagons;
          }
          // Trucks on the road beside each line: a token convoy a night, not counted.
          paths.forEach((path, r) => {
            const ts = Math.fround(dusk + random() * HOUR);
            const s0 = random() * path.length * 0.5;
            const speed = (22 + random() * 10) / 3600;
            const tEnd = Math.fround(Math.min(dawn, ts + (path.length - s0) / speed));
            const motion = { tStop: tEnd, tResume: tEnd, tEnd, sMax: path.length };
            runs.push({
              path: r,
              vehicles: TOKEN_STRENGTH,
              kind: VEHICLE_TRUCK,
              spacing: 1.6,
              offset: 1.8,
              ts,
              s0,
              speed,
              motion,
            });
            summaries[periodIndex]!.trucks += TOKEN_STRENGTH;
          });
        });
        periodRuns.push({ periodId: period.id, first, last: runs.length });
      });

    const n = runs.reduce((sum, r) => sum + r.vehicles, 0);
    const run = new Float32Array(n * 4);
    const stops = new Float32Array(n * 4);
    const info = new Float32Array(n * 4);
    const batches: RailTraffic['batches'] = [];
    let v = 0;
    for (const { periodId, first, last } of periodRuns) {
      const batch = { periodId, start: v, count: 0, from: Infinity, to: -Infinity };
      for (let i = first; i < last; i++) {
        const r = runs[i]!;
        for (let k = 0; k < r.vehicles; k++, v++) {
          const o = v * 4;
          run[o] = r.ts;
          run[o + 1] = r.s0;
          run[o + 2] = r.speed;
          run[o + 3] = k * r.spacing;
          stops[o] = r.motion.tStop;
          stops[o + 1] = r.motion.tResume;
          stops[o + 2] = r.motion.tEnd;
          stops[o + 3] = r.motion.sMax;
          info[o] = r.path;
          info[o + 1] = r.offset;
          info[o + 2] = r.kind === VEHICLE_WAGON && k === 0 ? VEHICLE_LOCOMOTIVE : r.kind;
        }
        batch.from = Math.min(batch.from, r.ts);
        batch.to = Math.max(batch.to, r.motion.tEnd);
      }
      batch.count = v - batch.start;
      if (batch.count > 0) batches.push(batch);
    }
    return { wagonsPerDay, traffic: { paths: { count: paths.length, data: pathData }, count: n, run, stops, info, batches } };

    /** A train's night: it runs on until a cut it reaches is open, waits for the repair, and hides at dawn. */
    function trainMotion(path: (typeof paths)[number], ts: number, s0: number, speed: number, dawn: number) {
      const day = Math.floor(ts / DAY_S);
      const today = path.byDay.get(day) ?? [];
      const tomorrow = path.byDay.get(day + 1) ?? [];
      // The nearest cut ahead that is open when the train reaches it (if before dawn).
      const blocking = (fromS: number, fromT: number) => {
        let best: { s: number; arrive: number; repaired: number } | null = null;
        for (const list of [today, tomorrow])
          for (const c of list) {
            if (c.s <= fromS + 0.01 || (best && c.s >= best.s)) continue;
            const arrive = fromT + (c.s - fromS) / speed;
            if (arrive < dawn && c.cut <= arrive && arrive < c.repaired) best = { s: c.s, arrive, repaired: c.repaired };
          }
        return best;
      };
      const arrival = ts + (path.length - s0) / speed;
      const first = blocking(s0, ts);
      if (!first) {
        const tEnd = Math.fround(Math.min(dawn, arrival));
        return { tStop: tEnd, tResume: tEnd, tEnd, sMax: path.length };
      }
      const tStop = Math.fround(first.arrive);
      if (first.repaired >= dawn) {
        const tEnd = Math.fround(dawn);
        return { tStop, tResume: tEnd, tEnd, sMax: first.s };
      }
      const tResume = Math.fround(first.repaired);
      const second = blocking(first.s, tResume);
      const tEnd = Math.fround(second ? dawn : Math.min(dawn, tResume + (path.length - first.s) / speed));
      return { tStop, tResume, tEnd, sMax: second ? second.s : path.length };
    }
  }
}

/** Take-off at a random instant of a random day (or night) in [from, to). */
function takeoffTime(
  sun: SunTable,
  from: number,
  to: number,
  when: (dayStart: number) => 'day' | 'night',
  random: () => number,
): number {
  const firstDay = Math.floor(from / DAY_S);
  const lastDay = Math.ceil(to / DAY_S) - 1;
  for (let attempt = 0; attempt < 8; attempt++) {
    const day = firstDay + Math.floor(random() * (lastDay - firstDay + 1));
    let t: number;
    if (when(day * DAY_S) === 'day') {
      const a = sun.rise(day) + 0.5 * HOUR;
      const b = sun.set(day) - 2.5 * HOUR;
      t = a + random() * Math.max(0, b - a);
    } else {
      const a = sun.set(day) + 0.5 * HOUR;
      const b = sun.rise(day + 1) - 4 * HOUR;
      t = a + random() * Math.max(0, b - a);
    }
    if (t >= from && t < to - HOUR) return t;
  }
  return from + random() * Math.max(0, to - from - 2 * HOUR);
}

/** A cut in a line or station: mended in the night that follows, or in the same night if there is time. */
function lineRepair(sun: SunTable, cut: number, random: () => number): number {
  const day = Math.floor(cut / DAY_S);
  for (const night of [day - 1, day, day + 1]) {
    const start = sun.set(night) + 0.5 * HOUR;
    const end = sun.rise(night + 1) - 0.5 * HOUR;
    if (end <= cut) continue;
    const from = Math.max(start + HOUR, cut + 2 * HOUR);
    if (end - from < HOUR) continue;
    return from + random() * (end - from);
  }
  return cut + 12 * HOUR;
}

/** A bridge hit: a bypass or temporary span opened, at night, two to seven days later. */
function bridgeRepair(sun: SunTable, cut: number, random: () => number): number {
  const night = Math.floor(cut / DAY_S) + 2 + Math.floor(random() * 6);
  const start = sun.set(night) + HOUR;
  const end = sun.rise(night + 1) - 0.5 * HOUR;
  return start + random() * (end - start);
}

interface SunTable {
  /** Sunrise and sunset (s after the epoch) of day d (days after the epoch's midnight). */
  rise(d: number): number;
  set(d: number): number;
}

function sunTable(epochMs: number): SunTable {
  const cache = new Map<number, [number, number]>();
  const get = (d: number) => {
    let v = cache.get(d);
    if (!v) {
      const times = getTimes(new Date(epochMs + (d * DAY_S + 12 * HOUR) * 1000), SUN_LAT, SUN_LON);
      v = [
        times.sunrise ? (times.sunrise.getTime() - epochMs) / 1000 : d * DAY_S + 6 * HOUR,
        times.sunset ? (times.sunset.getTime() - epochMs) / 1000 : d * DAY_S + 18 * HOUR,
      ];
      cache.set(d, v);
    }
    return v;
  };
  return { rise: (d) => get(d)[0], set: (d) => get(d)[1] };
}

/** `months` calendar months after a date, as seconds after the epoch. */
function addMonths(date: string, months: number, offset: string, epochMs: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const iso = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return (Date.parse(`${iso}T00:00:00${offset}`) - epochMs) / 1000;
}

function shuffle(n: number, random: () => number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}
