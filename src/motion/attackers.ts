/**
 * German fighters where the Allied aircraft were lost and where the crews claimed: schematic,
 * drawn so the fight is visible, never counted among the records' figures. How many: for each
 * force, the largest of what its crews claimed destroyed, its share of the German losses the
 * sources record for the day, and its own losses; those that fall are exactly the recorded German
 * losses, shared out in proportion to the claims. When and where they
 * attack follows the force's losses, which are themselves schematic.
 */
import { countValue } from '../records/counts.ts';
import type { CampaignFile, Period } from '../records/schema.ts';
import { apportion, statedStrength, type FlowBuilder, type ForceCombat, type Waypoint } from './compile.ts';
import { FALL_SECONDS, NEVER } from './flight.ts';
import { hashString, mulberry32 } from './random.ts';

/** German fighters in violet: apart from the Allied greys and the warm tones of loss and damage. */
const DAY_COLOUR: [number, number, number] = [0.78, 0.45, 0.92];
const NIGHT_COLOUR: [number, number, number] = [0.6, 0.4, 0.75];
/** Attacks in waves: where a force lost none, this many at most. */
const MAX_WAVES = 6;

export function compileAttackers(file: CampaignFile, builder: FlowBuilder, combats: ForceCombat[]): void {
  // Grouped once: a file of many periods and forces costs one pass, not periods × forces.
  const byPeriod = new Map<number, ForceCombat[]>();
  for (const c of combats) {
    const list = byPeriod.get(c.periodIndex);
    if (list) list.push(c);
    else byPeriod.set(c.periodIndex, [c]);
  }
  file.periods.forEach((period, periodIndex) => {
    const fights = byPeriod.get(periodIndex) ?? [];
    const claimed = claimsByForce(period);
    const weights = fights.map((c) => claimed.get(c.force.id) ?? 0);
    const anyClaims = weights.some((w) => w > 0);
    const germanLost = apportion(recordedOpposingLosses(period), anyClaims ? weights : fights.map((c) => c.lossLeadTimes.length));
    fights.forEach((combat, k) => attack(builder, combat, Math.round(weights[k]!), germanLost[k]!));
  });
}

/** The day's documented German aircraft lost (the Luftwaffe's own figures), if the sources give them. */
function recordedOpposingLosses(period: Period): number {
  const metric = period.metrics.find((m) => m.side === 'axis' && /aircraft-lost$/.test(m.key));
  return metric ? countValue(metric.value) : 0;
}

/**
 * Claims of destroyed aircraft on the forces that made them; figures stated for several forces
 * together shared over them in proportion to strength.
 */
function claimsByForce(period: Period): Map<string, number> {
  const out = new Map<string, number>();
  const add = (id: string, n: number) => out.set(id, (out.get(id) ?? 0) + n);
  for (const mission of period.missions) {
    for (const force of mission.forces) add(force.id, countValue(force.claims?.destroyed));
    for (const joint of mission.jointFigures) {
      const members = mission.forces.filter((f) => joint.forces.includes(f.id));
      const parts = apportion(
        countValue(joint.claims?.destroyed),
        members.map((f) => statedStrength(f) ?? 1),
      );
      members.forEach((f, i) => add(f.id, parts[i]!));
    }
  }
  return out;
}

function attack(builder: FlowBuilder, combat: ForceCombat, claimed: number, germanLost: number) {
  const losses = combat.lossLeadTimes.length;
  const attackers = Math.max(claimed, germanLost, losses);
  if (attackers === 0) return;
  const random = mulberry32(hashString(`attack:${combat.force.id}`));
  const night = combat.mission.kind === 'night';

  // Waves where the force's losses are, on the route each loss was on; spread over approach
  // and target on the lead route when the force lost none.
  const waves: { route: number; tau: number; lead: readonly Waypoint[] }[] = [];
  const byRoute = new Map<Waypoint[], number[]>();
  combat.lossLeadTimes.forEach((tau, k) =>
    byRoute.set(combat.lostRoutes[k]!, [...(byRoute.get(combat.lostRoutes[k]!) ?? []), tau]),
  );
  // A wave starts with the first loss it covers and covers those within its passes.
  for (const [lead, taus] of byRoute) {
    taus.sort((a, b) => a - b);
    for (const tau of taus)
      if (!waves.length || waves[waves.length - 1]!.lead !== lead || tau > waves[waves.length - 1]!.tau + WAVE_COVERS_S)
        waves.push({ route: -1, lead, tau });
  }
  if (losses === 0) {
    const waveCount = Math.min(MAX_WAVES, Math.max(1, Math.ceil(attackers / 5)));
    const [from, to] = combat.window;
    for (let w = 0; w < waveCount; w++)
      waves.push({ route: -1, lead: combat.lead, tau: from + ((to - from) * (w + 0.5)) / waveCount });
  }
  waves.forEach(
    (wave, w) => (wave.route = builder.addRoute(attackRoute(wave.lead, wave.tau, combat.altitudeKm, w % 2 ? 1 : -1))),
  );
  // The wave that attacks a loss: the last to arrive before it (its passes follow the stream for
  // ten minutes), or the first after it.
  const waveFor = (lead: readonly Waypoint[], tau: number) => {
    const onRoute = waves.map((wave, w) => ({ ...wave, w })).filter((wave) => wave.lead === lead);
    const before = onRoute.filter((wave) => wave.tau <= tau + 30).pop();
    return (before ?? onRoute[0]!).w;
  };

  let previousDelay = 0;
  let previousSpread: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < attackers; k++) {
    // The first attackers go for the aircraft that were lost, at their places in the stream.
    const linked = k < losses;
    const wave = linked ? waveFor(combat.lostRoutes[k]!, combat.lossLeadTimes[k]!) : k % waves.length;
    // Fighters attacked in pairs, leader and wingman: odd ones fly on the wing of the one before.
    const wingman = k % 2 === 1 && !linked;
    const delay = wingman ? previousDelay : linked ? combat.lostDelays[k]! : random() * combat.streamSeconds;
    previousDelay = delay;
    const { route, tau } = waves[wave]!;
    const shotDown = k >= attackers - germanLost;
    // Shot down after one of its passes, diving away from the formation.
    const pass = Math.floor(random() * PASSES);
    let lossTime = shotDown ? Math.fround(tau + pass * PASS_SECONDS + delay + 25 + random() * 30) : NEVER;
    // An attacker that brought a bomber down is not itself shot down before it.
    if (linked && shotDown) lossTime = Math.max(lossTime, Math.fround(combat.lossLeadTimes[k]! + delay + 20));
    const arrival = tau + ATTACK_END_S + delay;
    builder.addInstance({
      period: combat.periodIndex,
      silhouette: night ? 'twin' : 'single',
      route,
      delay,
      slot: wingman ? [0.04, 0, 0.03] : [0, 0, 0],
      spread: wingman
        ? [...previousSpread]
        : (previousSpread = [(random() - 0.5) * 3, (random() - 0.5) * 0.6, (random() - 0.5) * 2]),
      lossTime,
      damageTime: NEVER,
      damageLevel: 0,
      seed: random(),
      end: Math.min(arrival, lossTime + FALL_SECONDS),
      colour: night ? NIGHT_COLOUR : DAY_COLOUR,
      opponent: true,
    });
  }
}

/** Passes each attacker makes at the stream, and the seconds between them. */
const PASSES = 3;
const PASS_SECONDS = 300;

/**
 * An attack relative to where the lead is: up from an airfield abeam, then passes through the
 * formation from ahead and above, diving away below, alternating sides while the stream flies
 * on, and away to land. Each step: (right km, forward km, km above the bombers or null for the
 * ground, seconds from the pass).
 */
const APPROACH: [number, number, number | null, number] = [55, 25, null, -420];
const PASS: readonly [number, number, number, number][] = [
  [4, 6, 0.8, -45],
  [0, 0, 0, 0],
  [-4, -4, -1.5, 50],
];
const EXIT: [number, number, number | null, number] = [-60, -20, null, 430];
/** Lead seconds after a wave's first pass during which it is still at the stream. */
const WAVE_COVERS_S = (PASSES - 1) * PASS_SECONDS + 30;
/** Seconds from the first pass until the attacker lands. */
const ATTACK_END_S = (PASSES - 1) * PASS_SECONDS + EXIT[3];

function attackRoute(lead: readonly Waypoint[], tau: number, altitudeKm: number, side: number): Waypoint[] {
  const at = (pass: number, [right, forward, up, dt]: readonly [number, number, number | null, number], s: number) => {
    const t = tau + pass * PASS_SECONDS + dt;
    const p = leadAt(lead, tau + pass * PASS_SECONDS);
    return {
      x: p.x - p.hz * right * s + p.hx * forward,
      y: up === null ? 0 : altitudeKm + up,
      z: p.z + p.hx * right * s + p.hz * forward,
      t,
    };
  };
  const wps = [at(0, APPROACH, side)];
  for (let pass = 0; pass < PASSES; pass++) for (const step of PASS) wps.push(at(pass, step, pass % 2 ? -side : side));
  wps.push(at(PASSES - 1, EXIT, PASSES % 2 ? side : -side));
  return wps;
}

/** Position and heading of the lead at time t, by interpolation between its timed waypoints. */
function leadAt(lead: readonly Waypoint[], t: number) {
  let i = 1;
  while (i < lead.length - 1 && lead[i]!.t < t) i++;
  const a = lead[i - 1]!;
  const b = lead[i]!;
  const f = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 1;
  const dx = b.x - a.x;
  const dz = b.z - a.z;
  const len = Math.hypot(dx, dz) || 1;
  return { x: a.x + dx * f, z: a.z + dz * f, hx: dx / len, hz: dz / len };
}
