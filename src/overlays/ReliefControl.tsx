/** Vertical exaggeration of relief and altitudes: one control, applied to the whole scene. */
import { useApp } from '../app/store.ts';

export function ReliefControl() {
  const vertical = useApp((s) => s.verticalExaggeration);
  const setVertical = useApp((s) => s.setVerticalExaggeration);
  return (
    <label className="relief-control" title="How much relief and flying heights are stretched upwards">
      <span>Heights ×{vertical}</span>
      <input type="range" min={1} max={15} step={1} value={vertical} onChange={(e) => setVertical(Number(e.target.value))} />
    </label>
  );
}
