/**
 * Saves the current view as a PNG: the 3D scene as drawn, its place labels, and a caption band
 * below with the date, the time on the campaign's clock, the missions in the air (and what is
 * selected), and the publications the records shown come from. The drawing buffer is not kept
 * between frames, so the scene is drawn again and copied in the same task.
 */
import { useState } from 'react';
import type { TFunction } from 'i18next';
import type { Campaign } from '../app/campaigns.ts';
import { useApp } from '../app/store.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import type { Language } from '../i18n/languages.ts';
import type { RecordTexts } from '../i18n/records.ts';
import type { Source } from '../records/schema.ts';
import { cameraRig } from '../scene/cameraRig.ts';
import type { Clock } from '../timeline/clock.ts';
import type { CampaignTimeline } from '../timeline/events.ts';
import { formatClock, formatDate, offsetMinutes } from '../timeline/format.ts';
import { campaignIndex, planForceName, planMissionName } from './exploreText.ts';
import './explore.css';

/** Height of the caption band, CSS px (times the canvas's pixel ratio in the image). */
export const CAPTION_BAND_PX = 64;
/** Inter for Latin, the app's Chinese and Korean subsets (src/i18n/fonts.css) for the rest of the caption. */
const FONT = `Inter, 'Sortie Noto Sans SC', 'Sortie Noto Sans KR', system-ui, sans-serif`;

interface Props {
  campaign: Campaign;
  clock: Clock;
  timeline: CampaignTimeline;
}

export default function ExportImage({ campaign, clock, timeline }: Props) {
  const { t } = useTranslation('explore');
  const rt = useRecordTexts(campaign.records);
  const language = useLanguage();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const save = async () => {
    setState('busy');
    try {
      const caption = captionOf(campaign, clock, timeline, t, rt, language);
      // The caption's fonts must be ready before the canvas draws with them.
      await Promise.all([
        document.fonts?.load(`600 16px ${FONT}`, caption.title),
        document.fonts?.load(`400 12px ${FONT}`, caption.sources),
      ]);
      const blob = await renderImage(caption);
      download(blob, fileName(campaign, clock.time));
      setState('idle');
    } catch (e) {
      console.error(`The image could not be made: ${e instanceof Error ? e.message : String(e)}`);
      setState('failed');
    }
  };
  return (
    <button
      className="topbar__button explore-export"
      onClick={() => void save()}
      aria-busy={state === 'busy'}
      aria-label={t('export.button')}
      title={state === 'failed' ? t('export.failed') : t('export.hint')}
    >
      {/* A camera: the top bar has no room for another word. */}
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      >
        <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
        <circle cx="12" cy="13" r="3.5" />
      </svg>
    </button>
  );
}

interface Caption {
  title: string;
  sources: string;
  brand: string;
}

/** What the image says: the moment, what flies or is selected, and where the figures come from. */
export function captionOf(
  campaign: Campaign,
  clock: Clock,
  timeline: CampaignTimeline,
  t: TFunction,
  rt: RecordTexts,
  language: Language,
): Caption {
  const { records, plan } = campaign;
  const index = campaignIndex(campaign);
  const time = clock.time;
  const ms = plan.epochMs + time * 1000;
  const offset = records.campaign.utcOffset;
  // "GMT+1", without the label's explanation in brackets: the caption has one line for the moment.
  const clockName = (rt.clockLabel() ?? offset).replace(/\s*[(（].*$/, '');
  const when = `${formatDate(ms, offset, language)}, ${formatClock(ms, offset)} ${clockName}`;
  const refs: Source[] = [];
  const shown: string[] = [];
  const selection = useApp.getState().selection;
  const selectedId = selection?.kind === 'force' ? selection.id : selection?.kind === 'loss' ? selection.forceId : null;
  const selected = selectedId ? index.plans.get(selectedId) : undefined;
  if (selected) {
    shown.push(
      t('export.selected', { force: planForceName(t, rt, index, selected), mission: planMissionName(t, rt, index, selected) }),
    );
    const record = index.forces.get(selected.forceId);
    if (record) refs.push(record.force.source, record.mission.source);
  }
  for (const m of timeline.missions) {
    if (time < m.from || time > m.to) continue;
    const mission = index.periods.get(m.periodId)?.missions.find((x) => x.id === m.id);
    if (!mission) continue;
    if (!shown.some((s) => s.includes(rt.mission(mission)))) shown.push(rt.mission(mission));
    refs.push(mission.source, ...mission.forces.map((f) => f.source));
  }
  const flows = plan.forces.filter((f) => f.origin === 'flow' && time >= f.takeoff && time <= f.landed);
  if (flows.length > 0) {
    const period = index.periods.get(flows[0]!.periodId);
    shown.push(t('export.flows', { period: period ? rt.periodLabel(period) : flows[0]!.periodId }));
    for (const p of records.periods) if (p.id === flows[0]!.periodId) refs.push(...p.metrics.map((m) => m.source));
  }
  if (refs.length === 0)
    for (const p of records.periods)
      if (time * 1000 + plan.epochMs < Date.parse(p.end)) {
        refs.push(...p.missions.map((m) => m.source), ...p.metrics.map((m) => m.source));
        break;
      }
  const titles: string[] = [];
  const add = (id: string | undefined) => {
    const s = id ? records.campaign.sources.find((x) => x.id === id) : undefined;
    const title = s ? (s.author ? `${s.author}, ${s.title}` : s.title) : undefined;
    if (title && !titles.includes(title)) titles.push(title);
  };
  for (const r of refs) {
    add(r.ref);
    add(r.cites);
  }
  if (titles.length === 0) add(records.campaign.sources[0]?.id);
  return {
    title: shown.length ? `${when} — ${shown.join('; ')}` : `${when} — ${rt.title()}`,
    sources: `${t('export.sources')} ${titles.join('; ')}. ${t('export.schematic')}`,
    brand: `Sortie · ${rt.title()}`,
  };
}

async function renderImage(caption: Caption): Promise<Blob> {
  const scene = cameraRig.drawNow?.();
  if (!scene) throw new Error('the 3D view is not ready');
  const dpr = scene.width / Math.max(1, scene.clientWidth);
  const band = Math.round(CAPTION_BAND_PX * dpr);
  const out = document.createElement('canvas');
  out.width = scene.width;
  out.height = scene.height + band;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  // Same task as the draw above: the WebGL drawing buffer still holds the frame.
  ctx.drawImage(scene, 0, 0);
  drawLabels(ctx, scene, dpr);

  ctx.fillStyle = '#10171f';
  ctx.fillRect(0, scene.height, out.width, band);
  ctx.fillStyle = '#f2c14e';
  ctx.fillRect(0, scene.height, out.width, Math.max(1, Math.round(2 * dpr)));
  const pad = 14 * dpr;
  ctx.textBaseline = 'alphabetic';
  ctx.font = `400 ${11 * dpr}px ${FONT}`;
  const brandWidth = Math.min(ctx.measureText(caption.brand).width, out.width * 0.3);
  ctx.fillStyle = '#aeb8c2';
  ctx.textAlign = 'right';
  ctx.fillText(fit(ctx, caption.brand, brandWidth), out.width - pad, scene.height + 27 * dpr);
  ctx.textAlign = 'left';
  ctx.font = `600 ${16 * dpr}px ${FONT}`;
  ctx.fillStyle = '#eef1f4';
  ctx.fillText(fit(ctx, caption.title, out.width - 3 * pad - brandWidth), pad, scene.height + 28 * dpr);
  ctx.font = `400 ${12 * dpr}px ${FONT}`;
  ctx.fillStyle = '#c9d2da';
  ctx.fillText(fit(ctx, caption.sources, out.width - 2 * pad), pad, scene.height + 50 * dpr);

  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** The place labels (HTML over the canvas) where they stand on screen, in their own colours. */
function drawLabels(ctx: CanvasRenderingContext2D, scene: HTMLCanvasElement, dpr: number): void {
  const frame = scene.getBoundingClientRect();
  ctx.textBaseline = 'top';
  for (const span of document.querySelectorAll<HTMLElement>('.place-labels .place-label')) {
    const style = getComputedStyle(span);
    if (style.visibility !== 'visible' || !span.textContent) continue;
    const r = span.getBoundingClientRect();
    const x = (r.left - frame.left) * dpr;
    const y = (r.top - frame.top) * dpr;
    ctx.font = `${style.fontWeight} ${parseFloat(style.fontSize) * dpr}px ${FONT}`;
    ctx.lineWidth = 3 * dpr;
    ctx.strokeStyle = 'rgba(16, 22, 28, 0.85)';
    ctx.strokeText(span.textContent, x, y);
    ctx.fillStyle = style.color;
    ctx.fillText(span.textContent, x, y);
  }
}

/** `text`, cut with an ellipsis to fit `width`. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** `<campaign>-<date>-<HHMM>.png`, on the campaign's clock. */
export function fileName(campaign: Campaign, time: number): string {
  const d = new Date(campaign.plan.epochMs + time * 1000 + offsetMinutes(campaign.records.campaign.utcOffset) * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${campaign.records.campaign.id}-${date}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}.png`;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has the file once the click is handled; the URL can go after that.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
