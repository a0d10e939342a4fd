/**
 * The notes that tell a viewer, month by month, what of the Korean scene comes from the
 * records and what is schematic. Built once, with the scene.
 */
import { TRAIN_WAGONS, type KoreaMonth, type KoreaNote, type KoreaScene } from './koreaScene.ts';

/** "8,343": thousands separated as en-GB writes them (without loading a locale). */
const n = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The note for a period of the Korean scene, or null where nothing is generated. */
export function koreaPeriodNote(scene: Omit<KoreaScene, 'notes'>, m: KoreaMonth): KoreaNote | null {
  if (m.basis === 'none' && m.migs.length === 0) return null;
  const details: string[] = [];
  if (m.basis === 'triangle')
    details.push(
      `${n(m.feafAircraft)} U.S. Air Force sorties against the triangle, as counted: one aircraft each. Fighter-bombers by day, ` +
        'B-26s by night, B-29s by day until late October and by night after; the mix is schematic.',
    );
  else if (m.basis === 'average')
    details.push(
      `${n(m.feafAircraft)} Far East Air Force sorties: ${n(scene.averagePerDay)} a day, the operation's average ("over ${n(scene.averagePerDay)}"), ` +
        'over the whole railway. No monthly figure: schematic.',
    );
  if (m.basis !== 'none')
    details.push(
      m.feafLost + m.feafDamaged > 0
        ? `${n(m.feafLost)} fighter-bombers shot down and ${n(m.feafDamaged)} damaged by anti-aircraft fire, as recorded; ` +
            'where (inside the schematic air-defence zones) and when is schematic.'
        : 'No losses to anti-aircraft fire drawn: the text gives no figure for the month.',
      m.lineCuts + m.bridgeHits > 0
        ? `${n(m.lineCuts)} cuts in lines and stations and ${n(m.bridgeHits)} bridge hits on the triangle, as counted. Each appears ` +
            'where a sortie bombs and is repaired after a schematic time: lines in the next night, bridges in two to seven days.'
        : 'No cuts in the railway drawn: the text gives no count for the month.',
    );
  for (const g of m.migs)
    details.push(
      `Volunteer Air Force ${g.division}: ${n(g.sorties)} MiG-15 sorties from Andong into MiG Alley this month and ${n(g.lost)} lost ` +
        `(of ${n(g.totalSorties)} sorties and ${n(g.totalLost)} lost from ${g.from} to ${g.to}). Its claims are given as figures, not drawn.`,
    );
  if (m.basis !== 'none' && scene.soviet)
    details.push(
      `Soviet fighters (${scene.soviet.divisions.join('–')} divisions, ${n(scene.soviet.aircraft[0])}–${n(scene.soviet.aircraft[1])} ` +
        'aircraft) fought over the same area; the text gives no sorties, so none are drawn.',
    );
  if (m.naval > 0)
    details.push(
      `Carrier aircraft: a token ${n(m.naval)} a month. The text gives no naval count; they are never counted in any figure.`,
    );
  if (m.wagons > 0)
    details.push(
      `Trains: ${n(m.wagons)} wagons southbound across the Qingchuan by night, in trains of ${TRAIN_WAGONS}, at the rate of the ` +
        `fourth-quarter plan (at most 7,000 wagons in a month and a half, ${n(scene.wagonsPerDay)} a day), waiting at open cuts: schematic. ` +
        `Trucks: a token convoy of ${scene.tokenStrength} a night beside each line.`,
    );
  const summary =
    m.basis === 'average'
      ? `Aircraft drawn at the operation's average of over ${n(scene.averagePerDay)} sorties a day (no monthly figure); routes, times, type mix and targets schematic.`
      : "Aircraft drawn from the month's recorded sorties; routes, times, type mix and targets schematic.";
  return { summary, details };
}
