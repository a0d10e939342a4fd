/**
 * The Korean scene's notes (what is drawn from the records, what is schematic) in the
 * interface language. The same sentences as src/motion/koreaNotes.ts, as templates in
 * common.json (flowNotes.*) over the same figures; a unit test holds the English templates to
 * that file's text, so the two cannot drift apart.
 */
import type { TFunction } from 'i18next';
import { TRAIN_WAGONS, type KoreaMonth, type KoreaNote, type KoreaScene } from '../motion/koreaScene.ts';
import { formatNumber, translateDayLabel } from '../timeline/format.ts';
import type { Language } from './languages.ts';

/** The ceiling of the fourth-quarter plan, as the note words it ("at most 7,000 wagons"). */
const Q4_WAGON_CEILING = 7000;

export function koreaNoteIn(t: TFunction, language: Language, scene: Omit<KoreaScene, 'notes'>, m: KoreaMonth): KoreaNote | null {
  if (m.basis === 'none' && m.migs.length === 0) return null;
  const n = (v: number) => formatNumber(Math.round(v), language);
  const details: string[] = [];
  if (m.basis === 'triangle') details.push(t('flowNotes.triangle', { aircraft: n(m.feafAircraft) }));
  else if (m.basis === 'average')
    details.push(t('flowNotes.average', { aircraft: n(m.feafAircraft), perDay: n(scene.averagePerDay) }));
  if (m.basis !== 'none')
    details.push(
      m.feafLost + m.feafDamaged > 0
        ? t('flowNotes.losses', { lost: n(m.feafLost), damaged: n(m.feafDamaged) })
        : t('flowNotes.noLosses'),
      m.lineCuts + m.bridgeHits > 0
        ? t('flowNotes.cuts', { cuts: n(m.lineCuts), bridges: n(m.bridgeHits) })
        : t('flowNotes.noCuts'),
    );
  for (const g of m.migs)
    details.push(
      t('flowNotes.migs', {
        // The scene names divisions "4th Division": the number, as an ordinal in each language.
        division: t('flowNotes.division', { count: parseInt(g.division, 10), ordinal: true }),
        sorties: n(g.sorties),
        lost: n(g.lost),
        totalSorties: n(g.totalSorties),
        totalLost: n(g.totalLost),
        from: translateDayLabel(g.from, language),
        to: translateDayLabel(g.to, language),
      }),
    );
  if (m.basis !== 'none' && scene.soviet)
    details.push(
      t('flowNotes.soviet', {
        divisionsFrom: n(scene.soviet.divisions[0]),
        divisionsTo: n(scene.soviet.divisions[1]),
        aircraftFrom: n(scene.soviet.aircraft[0]),
        aircraftTo: n(scene.soviet.aircraft[1]),
      }),
    );
  if (m.naval > 0) details.push(t('flowNotes.naval', { naval: n(m.naval) }));
  if (m.wagons > 0)
    details.push(
      t('flowNotes.trains', {
        wagons: n(m.wagons),
        trainWagons: n(TRAIN_WAGONS),
        ceiling: n(Q4_WAGON_CEILING),
        perDay: n(scene.wagonsPerDay),
        trucks: n(scene.tokenStrength),
      }),
    );
  const summary =
    m.basis === 'average' ? t('flowNotes.summaryAverage', { perDay: n(scene.averagePerDay) }) : t('flowNotes.summaryMonth');
  return { summary, details };
}
