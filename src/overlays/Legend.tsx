import type { CSSProperties } from 'react';
import { useApp } from '../app/store.ts';
import { useTranslation } from '../i18n/hooks.ts';
import { koreaSceneOf } from '../motion/koreaScene.ts';

/** A force ribbon: narrowing as aircraft are lost, a red mark at a loss. */
const ribbonSwatch: CSSProperties = {
  height: 10,
  background: 'linear-gradient(90deg, var(--schematic) 0 52%, var(--lost) 52% 62%, var(--schematic) 62%)',
  clipPath: 'polygon(0 0, 52% 10%, 62% 25%, 100% 30%, 100% 70%, 62% 75%, 52% 90%, 0 100%)',
  borderRadius: 0,
};
/** A schematic route: a soft band with dashed edges, never a crisp line. */
const corridorSwatch: CSSProperties = {
  height: 10,
  boxSizing: 'border-box',
  background: 'linear-gradient(180deg, transparent, rgba(217, 211, 189, 0.35) 50%, transparent)',
  borderTop: '1px dashed rgba(217, 211, 189, 0.7)',
  borderBottom: '1px dashed rgba(217, 211, 189, 0.7)',
  borderRadius: 0,
};
/** A route the sources give: a crisp line. */
const sourcedSwatch: CSSProperties = { height: 0, borderTop: '2px solid var(--schematic)', borderRadius: 0 };

/** What the marks mean, and that routes, times and loss positions are reconstructions. */
export function Legend() {
  const { t } = useTranslation();
  // The Korean scene's own marks, only where it is shown.
  const korea = useApp((s) => {
    const entry = s.entries.find((e) => e.file === s.activeFile);
    return entry?.status === 'ready' && koreaSceneOf(entry.campaign.records) !== undefined;
  });
  return (
    <section className="legend" aria-label={t('legend.label')}>
      <span className="legend__item">
        <span className="legend__swatch" style={ribbonSwatch} aria-hidden="true" /> {t('legend.ribbon')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch" style={corridorSwatch} aria-hidden="true" /> {t('legend.schematicRoute')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch" style={sourcedSwatch} aria-hidden="true" /> {t('legend.sourcedRoute')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--lost" aria-hidden="true" /> {t('legend.lost')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--damaged" aria-hidden="true" /> {t('legend.damaged')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--dbr" aria-hidden="true" /> {t('legend.damagedBeyondRepair')}
      </span>
      {korea && <KoreaLegend />}
      <span className="legend__item legend__item--note">{t('legend.note')}</span>
    </section>
  );
}

/** Air-defence zones, cuts in the railway and trains, and what of the Korean scene is schematic. */
function KoreaLegend() {
  const { t } = useTranslation();
  return (
    <>
      <span className="legend__item">
        <span className="legend__swatch" style={{ background: 'rgba(124, 196, 255, 0.45)' }} aria-hidden="true" />{' '}
        {t('legend.korea.airDefenceZone')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch" style={{ background: '#ff7333', width: 10 }} aria-hidden="true" />{' '}
        {t('legend.korea.cut')}
        <span className="legend__swatch" style={{ background: '#ffdb40', width: 10 }} aria-hidden="true" />{' '}
        {t('legend.korea.bridgeHit')}
      </span>
      <span className="legend__item">
        <span className="legend__swatch" style={{ background: '#dbad75' }} aria-hidden="true" /> {t('legend.korea.train')}
      </span>
      <span className="legend__item legend__item--note">{t('legend.korea.note')}</span>
    </>
  );
}
