/**
 * Explore mode inside the canvas, loaded after the first frame: clicking or tapping an aircraft,
 * a crash marker or a place selects it; a mouse hovering over one shows its name and figures;
 * the wheel, a trackpad's pinch and the keyboard drive the camera as map viewers do. Picks use
 * the CPU twin (picking.ts): a hover, throttled to every 100 ms, projects each airborne force's
 * lead and a few samples; a click projects every aircraft in the air, once.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, type RefObject } from 'react';
import { Matrix4, Vector3 } from 'three';
import type { MapControls as MapControlsImpl } from 'three-stdlib';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Campaign } from '../app/campaigns.ts';
import { useApp } from '../app/store.ts';
import type { Selection } from '../app/urlState.ts';
import { THEATRES, project } from '../geo/projection.ts';
import { useLanguage, useRecordTexts } from '../i18n/hooks.ts';
import type { Language } from '../i18n/languages.ts';
import type { RecordTexts } from '../i18n/records.ts';
import { formatClock, formatNumber } from '../timeline/format.ts';
import type { Clock } from '../timeline/clock.ts';
import {
  campaignIndex,
  countText,
  flowKind,
  planForceName,
  planMissionName,
  type CampaignIndex,
} from '../overlays/exploreText.ts';
import '../overlays/explore.css';
import type { SceneUniforms } from './AircraftLayer.tsx';
import { ExploreCamera, cancelFlight, lastPicked, panBy, useDirector, type Director } from './Follow.tsx';
import type { MarkedPlace } from './PlaceLabels.tsx';
import {
  PICK_RADIUS_PX,
  hoverCandidates,
  lossOf,
  nearestHit,
  pickAmong,
  pickAnyAircraft,
  pickMarker,
  pickModelOf,
  pickPlace,
  type Hit,
  type PickModel,
  type PickQuery,
} from './picking.ts';

/** Height of the place markers above the map (PlaceMarkers). */
const PLACE_Y = 0.6;
const HOVER_MS = 100;
/** Pointer travel that makes a press a drag rather than a tap. */
const DRAG_PX = { mouse: 4, touch: 10 } as const;
const TAP_MS = 800;

interface Props {
  campaign: Campaign;
  clock: Clock;
  uniforms: SceneUniforms;
  places: MarkedPlace[];
  tooltip: RefObject<HTMLDivElement | null>;
}

export default function ExploreScene(props: Props) {
  const model = useMemo(() => pickModelOf(props.campaign.plan), [props.campaign]);
  const director = useDirector();
  return (
    <>
      <ExploreCamera plan={props.campaign.plan} clock={props.clock} uniforms={props.uniforms} model={model} director={director} />
      <ScenePointer {...props} model={model} director={director} />
    </>
  );
}

function ScenePointer({
  campaign,
  uniforms,
  places,
  tooltip,
  model,
  director,
}: Props & { model: PickModel; director: Director }) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as unknown as MapControlsImpl | null;
  const gl = useThree((s) => s.gl);
  const host = useThree((s) => s.events.connected) as HTMLElement | undefined;
  const { t } = useTranslation('explore');
  const language = useLanguage();
  const rt = useRecordTexts(campaign.records);
  const points = useMemo(() => {
    const frame = THEATRES[campaign.records.campaign.theatre];
    const out = new Float32Array(places.length * 3);
    places.forEach(({ place }, k) => {
      const [x, z] = project(frame, place.lat, place.lon);
      out.set([x, PLACE_Y, z], k * 3);
    });
    return out;
  }, [campaign, places]);

  useEffect(() => {
    const el = host ?? gl.domElement;
    const index = campaignIndex(campaign);
    const viewProjection = new Matrix4();
    const candidates = new Int32Array(4096);
    const query: PickQuery = {
      time: 0,
      scale: 1,
      vertical: 1,
      viewProjection: viewProjection.elements,
      width: 0,
      height: 0,
      x: 0,
      y: 0,
      radius: 0,
    };
    const setQuery = (clientX: number, clientY: number, radius: number) => {
      const rect = gl.domElement.getBoundingClientRect();
      viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
      query.time = uniforms.uTime.value;
      query.scale = uniforms.uScale.value;
      query.vertical = uniforms.uVertical.value;
      query.width = rect.width;
      query.height = rect.height;
      query.x = clientX - rect.left;
      query.y = clientY - rect.top;
      query.radius = radius;
      return query;
    };
    const app = () => useApp.getState();
    const stopFollowing = () => {
      if (app().following) app().setFollowing(false);
    };

    // Tooltip: two lines written as text (record names are data, never markup).
    const tip = tooltip.current;
    const tipTitle = document.createElement('strong');
    const tipDetail = document.createElement('span');
    if (tip) tip.replaceChildren(tipTitle, tipDetail);
    const hideTip = () => {
      if (tip && !tip.hidden) tip.hidden = true;
      el.style.cursor = '';
    };
    const showTip = (hit: Hit, clientX: number, clientY: number) => {
      if (!tip) return;
      const text = describeHit(hit, { t, rt, index, model, places, campaign, language });
      tipTitle.textContent = text[0];
      tipDetail.textContent = text[1];
      tip.hidden = false;
      const box = (tip.offsetParent ?? el).getBoundingClientRect();
      // Right of the pointer on the left half of the view, left of it on the right half, where the side panels are.
      const px = clientX - box.left;
      const x = px > box.width / 2 ? px - 14 - tip.offsetWidth : Math.min(px + 14, box.width - tip.offsetWidth - 8);
      const y =
        clientY - box.top + 18 + tip.offsetHeight > box.height
          ? clientY - box.top - tip.offsetHeight - 10
          : clientY - box.top + 18;
      tip.style.transform = `translate(${Math.max(4, x).toFixed(0)}px, ${Math.max(4, y).toFixed(0)}px)`;
      el.style.cursor = 'pointer';
    };

    // Hover: at most every HOVER_MS, with a trailing evaluation so the last position counts.
    let lastHover = -Infinity;
    let hoverTimer = 0;
    let hoverAt: { x: number; y: number } | null = null;
    const hover = () => {
      hoverTimer = 0;
      if (!hoverAt) return;
      lastHover = performance.now();
      const q = setQuery(hoverAt.x, hoverAt.y, PICK_RADIUS_PX.hover);
      const n = hoverCandidates(model, q.time, candidates);
      const hit = nearestHit(pickAmong(model, q, candidates, n), pickMarker(model, q), pickPlace(points, q));
      if (hit) showTip(hit, hoverAt.x, hoverAt.y);
      else hideTip();
    };
    const scheduleHover = (x: number, y: number) => {
      hoverAt = { x, y };
      const wait = HOVER_MS - (performance.now() - lastHover);
      if (wait <= 0) hover();
      else if (!hoverTimer) hoverTimer = window.setTimeout(hover, wait);
    };

    // Press, drag or tap.
    let press: { id: number; x: number; y: number; at: number; moved: boolean; touch: boolean } | null = null;
    const onDown = (e: PointerEvent) => {
      cancelFlight(director);
      hideTip();
      if (press) {
        // A second finger: a pinch or a twist, not a tap.
        press.moved = true;
        stopFollowing();
        return;
      }
      press = {
        id: e.pointerId,
        x: e.clientX,
        y: e.clientY,
        at: performance.now(),
        moved: false,
        touch: e.pointerType === 'touch',
      };
    };
    const onMove = (e: PointerEvent) => {
      if (press && e.pointerId === press.id) {
        if (
          !press.moved &&
          Math.hypot(e.clientX - press.x, e.clientY - press.y) > (press.touch ? DRAG_PX.touch : DRAG_PX.mouse)
        ) {
          // Any drag hands the camera to the viewer.
          press.moved = true;
          stopFollowing();
        }
        return;
      }
      if (!press && e.pointerType !== 'touch' && e.buttons === 0) scheduleHover(e.clientX, e.clientY);
    };
    const onUp = (e: PointerEvent) => {
      const p = press;
      if (!p || e.pointerId !== p.id) return;
      press = null;
      if (p.moved || e.button !== 0 || performance.now() - p.at > TAP_MS) return;
      const q = setQuery(e.clientX, e.clientY, p.touch ? PICK_RADIUS_PX.touch : PICK_RADIUS_PX.mouse);
      const hit = nearestHit(pickAnyAircraft(model, q), pickMarker(model, q), pickPlace(points, q));
      const selection = hit ? selectionOf(hit, model, places) : null;
      if (hit?.kind === 'aircraft') lastPicked.instance = hit.index;
      app().select(selection);
    };
    const onCancel = () => {
      press = null;
    };
    const onLeave = () => {
      hoverAt = null;
      hideTip();
    };

    // Wheel and trackpad: the zoom step follows the size of the scroll, so that a trackpad's many
    // small steps and a pinch (ctrl + wheel) zoom smoothly and a mouse notch zooms a fair step.
    const onWheel = (e: WheelEvent) => {
      cancelFlight(director);
      hideTip();
      if (!controls) return;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const dy = Math.min(Math.abs(e.deltaY * unit), 240);
      const factor = Math.exp(dy * (e.ctrlKey ? 0.012 : 0.0025));
      // OrbitControls zooms by 0.95 ** zoomSpeed per event.
      controls.zoomSpeed = Math.max(0.05, Math.log(factor) / -Math.log(0.95));
    };

    // Keyboard, while the map has focus: arrows pan, Shift+arrows turn and tilt, + and − zoom,
    // Escape stops following, then closes the selection. Handled keys are marked handled, so the
    // transport's page-wide keys (arrows step the clock) leave them alone.
    const offset = new Vector3();
    const onKey = (e: KeyboardEvent) => {
      if (e.target !== el || e.ctrlKey || e.metaKey || e.altKey || !controls) return;
      const arrows: Record<string, [number, number]> = {
        ArrowLeft: [-1, 0],
        ArrowRight: [1, 0],
        ArrowUp: [0, 1],
        ArrowDown: [0, -1],
      };
      const arrow = arrows[e.key];
      if (arrow && e.shiftKey) {
        if (arrow[0]) controls.setAzimuthalAngle(controls.getAzimuthalAngle() - arrow[0] * 0.12);
        else controls.setPolarAngle(Math.min(controls.maxPolarAngle, Math.max(0.05, controls.getPolarAngle() - arrow[1] * 0.08)));
      } else if (arrow) {
        stopFollowing();
        offset.copy(controls.target).sub(camera.position).setY(0);
        if (offset.lengthSq() < 1e-9) offset.set(0, 0, -1);
        offset.normalize();
        const step = camera.position.distanceTo(controls.target) * 0.12;
        // forward (fx, fz); right = forward × up = (-fz, fx)
        const dx = (offset.x * arrow[1] - offset.z * arrow[0]) * step;
        const dz = (offset.z * arrow[1] + offset.x * arrow[0]) * step;
        panBy(director, camera, controls, dx, dz);
      } else if (e.key === '+' || e.key === '=' || e.key === 'PageUp') controls.dollyIn(0.8);
      else if (e.key === '-' || e.key === '_' || e.key === 'PageDown') controls.dollyOut(0.8);
      else if (e.key === 'Escape' && (app().following || app().selection)) {
        if (app().following) app().setFollowing(false);
        else app().select(null);
      } else return;
      e.preventDefault();
    };

    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onCancel);
    el.addEventListener('pointerleave', onLeave);
    // Capture: sets the step before the controls (listening on the same element) zoom.
    el.addEventListener('wheel', onWheel, { capture: true, passive: true });
    el.addEventListener('keydown', onKey);
    return () => {
      window.clearTimeout(hoverTimer);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onCancel);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('wheel', onWheel, { capture: true });
      el.removeEventListener('keydown', onKey);
      hideTip();
    };
  }, [host, gl, camera, controls, uniforms, campaign, model, points, places, tooltip, director, t, rt, language]);
  return null;
}

function selectionOf(hit: Hit, model: PickModel, places: MarkedPlace[]): Selection | null {
  if (hit.kind === 'place') {
    const place = places[hit.index]?.place;
    return place ? { kind: 'place', id: place.id } : null;
  }
  if (hit.kind === 'marker') {
    const loss = lossOf(model, hit.index);
    return loss ? { kind: 'loss', forceId: model.plan.forces[loss.force]!.forceId, n: loss.n } : null;
  }
  const force = model.forceOf[hit.index]!;
  return force >= 0 ? { kind: 'force', id: model.plan.forces[force]!.forceId } : null;
}

interface DescribeContext {
  t: TFunction;
  rt: RecordTexts;
  index: CampaignIndex;
  model: PickModel;
  places: MarkedPlace[];
  campaign: Campaign;
  language: Language;
}

/** The tooltip's two lines: a name, and the key figures from the records. */
function describeHit(hit: Hit, c: DescribeContext): [string, string] {
  const { t, rt, index, model, campaign, language } = c;
  if (hit.kind === 'place') {
    const { place, role } = c.places[hit.index]!;
    const periodId = useApp.getState().periodId;
    let forces = 0;
    for (const f of index.forces.values())
      if (f.period.id === periodId && (f.force.route.includes(place.id) || f.force.targets.some((x) => x.place === place.id)))
        forces++;
    const parts = [t(`role.${role}`)];
    if (forces > 0) parts.push(t('tooltip.placeForces', { count: forces }));
    if (place.schematic) parts.push(t('schematicShort'));
    return [rt.place(place), parts.join(' · ')];
  }
  const k = model.forceOf[hit.index]!;
  const plan = model.plan.forces[k]!;
  const name = planForceName(t, rt, index, plan);
  const record = index.forces.get(plan.forceId);
  const aircraft = record?.force.aircraft ?? flowKind(plan.forceId).aircraft;
  if (hit.kind === 'marker') {
    const loss = model.plan.instances.events[hit.index * 4]!;
    const at = formatClock(campaign.plan.epochMs + loss * 1000, campaign.records.campaign.utcOffset);
    return [t('tooltip.loss', { aircraft }), `${name} · ${t('tooltip.lossAt', { time: at })}`];
  }
  const parts = [aircraft];
  if (record) {
    const f = record.force;
    if (f.dispatched !== undefined) parts.push(t('figure.dispatchedShort', { value: countText(t, f.dispatched, language) }));
    else if (!plan.strengthStated) parts.push(t('tokenShort'));
    if (f.losses?.lost !== undefined) parts.push(t('figure.lostShort', { value: countText(t, f.losses.lost, language) }));
  } else {
    parts.push(t('tooltip.sorties', { value: formatNumber(plan.aircraft, language) }), t('schematicShort'));
  }
  return [`${name} — ${planMissionName(t, rt, index, plan)}`, parts.join(' · ')];
}
