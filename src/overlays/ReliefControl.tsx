/** Vertical exaggeration of relief and altitudes: one control, applied to the whole scene. */
import { useApp } from '../app/store.ts';
import { useTranslation } from '../i18n/hooks.ts';

export function ReliefControl() {
  const vertical = useApp((s) => s.verticalExaggeration);
  const setVertical = useApp((s) => s.setVerticalExaggeration);
  const { t } = useTranslation();
  return (
    <label className="relief-control" title={t('relief.title')}>
      <span>{t('relief.label', { factor: vertical })}</span>
      <input type="range" min={1} max={15} step={1} value={vertical} onChange={(e) => setVertical(Number(e.target.value))} />
    </label>
  );
}
