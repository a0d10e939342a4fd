/**
 * The 3D view of one campaign: map, places, routes, aircraft and crash sites, and the single
 * frame loop that advances the clock, writes the uniforms and publishes the overlay figures.
 */
import { MapControls } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MOUSE, type Camera, type WebGLInfo } from 'three';
import type { MapControls as MapControlsImpl } from 'three-stdlib';
import type { Campaign } from '../app/campaigns.ts';
import { diagnostics, reportError } from '../app/diagnostics.ts';
import { publishScene } from './twinProbe.ts';
import { useReducedMotion } from '../app/motion.ts';
import { useApp } from '../app/store.ts';
import { THEATRES, project, unproject } from '../geo/projection.ts';
import { useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import { MAX_WAYPOINTS } from '../motion/flight.ts';
import { countValue } from '../records/counts.ts';
import { publish, type LiveFrame } from '../overlays/live.ts';
import { advance, type Clock } from '../timeline/clock.ts';
import { airborneAt, createFiguresNow, figuresAt, periodLostAt, FIGURE_KEYS } from '../timeline/periodFigures.ts';
import {
  AircraftLayer,
  setVerticalExaggeration,
  updateSceneUniforms,
  useSceneUniforms,
  type SceneUniforms,
} from './AircraftLayer.tsx';
import { CrashMarkers } from './CrashMarkers.tsx';
import { frameState, setResetView, setTarget, setTerrainStats } from './frameState.ts';
import { cameraRig } from './cameraRig.ts';
import { CameraDirection } from './cameraDirector.ts';
import type { TerrainEngine } from './terrain/TerrainEngine.ts';
import { FeatureLines } from './FeatureLines.tsx';
import { ShoreLines } from './ShoreLines.tsx';
import { sunAt } from './sun.ts';
import { Terrain } from './terrain/Terrain.tsx';
import { palette } from './palette.ts';
import { LabelProjector, PlaceLabelLayer, type MarkedPlace } from './PlaceLabels.tsx';
import { PlaceMarkers } from './PlaceMarkers.tsx';
import { RouteLines, useRouteLines } from './RouteLines.tsx';
import { RailCuts } from './RailCuts.tsx';
import { RailTraffic } from './RailTraffic.tsx';
import { FlowMarkers } from './FlowMarkers.tsx';
import { ForceRibbons } from './ForceRibbons.tsx';
import { AdaptiveQuality, canvasDpr } from './AdaptiveQuality.tsx';
import { ContextRecovery } from './ContextRecovery.tsx';

// Picking, hover, follow and the keyboard load after the first frame, in their own chunk.
const ExploreScene = lazy(() => import('./ScenePointer.tsx'));

export function SceneView({ campaign, clock }: { campaign: Campaign; clock: Clock }) {
  const uniforms = useSceneUniforms(campaign.plan);
  const { records } = campaign;
  // The map shows the current period's routes and places; other days' would only clutter it.
  const periodId = useApp((s) => s.periodId) ?? records.periods[0]!.id;
  const periodForces = useMemo(
    () => new Set(campaign.plan.forces.filter((f) => f.periodId === periodId).map((f) => f.forceId)),
    [campaign, periodId],
  );
  const lines = useRouteLines(campaign.plan, campaign.forces, periodForces);
  const places = useMemo(() => markedPlaces(campaign, periodForces), [campaign, periodForces]);
  const view = useMemo(() => viewFromUrl(window.location.search) ?? initialView(campaign), [campaign]);
  const labelLayer = useRef<HTMLDivElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const { t } = useTranslation('explore');
  const names = useRecordTexts(records);
  const onTerrain = useCallback((engine: TerrainEngine | null) => setTerrainStats(engine?.stats ?? null), []);
  const vertical = useApp((s) => s.verticalExaggeration);
  useEffect(() => {
    setVerticalExaggeration(uniforms, vertical);
  }, [uniforms, vertical]);
  // Bumped only when a lost WebGL context does not come back: a new canvas, a new context.
  const [canvasKey, setCanvasKey] = useState(0);
  const remountCanvas = useCallback(() => setCanvasKey((k) => k + 1), []);

  return (
    // The page's main landmark: the map, its labels and its keys' description.
    <main className="scene">
      <Canvas
        key={canvasKey}
        camera={{ position: view.camera, fov: 40, near: 1, far: 30000 }}
        dpr={canvasDpr()}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        aria-label={t('sceneLabel', { campaign: names.title() })}
        // Focusable, so that the keyboard drives the camera (ScenePointer); arrows pan only while it has focus.
        tabIndex={0}
        role="application"
        aria-describedby="scene-keys"
      >
        <color attach="background" args={[palette.background]} />
        <Terrain theatre={records.campaign.theatre} uniforms={uniforms} onEngine={onTerrain} onError={reportError} />
        <ShoreLines theatre={records.campaign.theatre} onError={reportError} />
        <FeatureLines records={records} />
        <PlaceMarkers theatre={records.campaign.theatre} places={places} />
        <group scale={[1, vertical, 1]}>
          <RouteLines lines={lines} />
        </group>
        <ForceRibbons plan={campaign.plan} forces={campaign.forces} visibleForces={periodForces} uniforms={uniforms} />
        <AircraftLayer plan={campaign.plan} uniforms={uniforms} />
        <CrashMarkers plan={campaign.plan} uniforms={uniforms} />
        <RailCuts records={records} uniforms={uniforms} />
        <RailTraffic records={records} uniforms={uniforms} />
        <FlowMarkers records={records} plan={campaign.plan} uniforms={uniforms} />
        <Controls view={view} />
        <Suspense fallback={null}>
          <ExploreScene campaign={campaign} clock={clock} uniforms={uniforms} places={places} tooltip={tooltip} />
        </Suspense>
        <CameraDirection campaign={campaign} clock={clock} uniforms={uniforms} />
        <FrameDriver campaign={campaign} clock={clock} uniforms={uniforms} />
        <AdaptiveQuality />
        <ContextRecovery onGiveUp={remountCanvas} />
        <LabelProjector theatre={records.campaign.theatre} places={places} layer={labelLayer} />
      </Canvas>
      <PlaceLabelLayer places={places} layer={labelLayer} />
      <div ref={tooltip} className="explore-tooltip" aria-hidden="true" hidden />
      <p id="scene-keys" className="visually-hidden">
        {t('mapKeys')}
      </p>
    </main>
  );
}

function Controls({ view }: { view: { camera: [number, number, number]; target: [number, number, number] } }) {
  const ref = useRef<MapControlsImpl>(null);
  const camera = useThree((s) => s.camera);
  // Inertia keeps the camera gliding after a drag: motion the viewer did not ask for.
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    // Set once per campaign; afterwards the viewer owns the camera, until they reset it.
    const reset = () => {
      // The reset view is where the campaign opened: following a formation, or a flight under way, would leave it at once.
      useApp.getState().setFollowing(false);
      cameraRig.stop?.();
      camera.position.set(...view.camera);
      ref.current?.target.set(...view.target);
      ref.current?.update();
    };
    reset();
    setResetView(reset);
    return () => setResetView(null);
  }, [camera, view]);
  return (
    <MapControls
      ref={ref}
      makeDefault
      maxPolarAngle={1.3}
      minDistance={2}
      maxDistance={5000}
      enableDamping={!reducedMotion}
      dampingFactor={0.12}
      screenSpacePanning={false}
      zoomToCursor
      mouseButtons={{ LEFT: MOUSE.PAN, MIDDLE: MOUSE.DOLLY, RIGHT: MOUSE.ROTATE }}
    />
  );
}

/** The one per-frame loop. Allocates nothing; touches no React state except on a period change. */
function FrameDriver({ campaign, clock, uniforms }: { campaign: Campaign; clock: Clock; uniforms: SceneUniforms }) {
  const gl = useThree((s) => s.gl);
  const controls = useThree((s) => s.controls) as unknown as ControlsLike | null;
  const loop = useMemo(() => createFrameLoop(campaign, clock, uniforms), [campaign, clock, uniforms]);
  // Runs before every other frame callback, so they all see this frame's time.
  useFrame(({ camera }, delta) => runFrame(loop, camera, controls, gl.info, delta), -2);
  return null;
}

interface ControlsLike {
  target: { x: number; y: number; z: number };
}

type FrameLoop = ReturnType<typeof createFrameLoop>;

const NO_TERRAIN = { drawn: 0, cached: 0, loading: 0, complete: false };

function createFrameLoop(campaign: Campaign, clock: Clock, uniforms: SceneUniforms) {
  const toSeconds = (iso: string) => (Date.parse(iso) - campaign.plan.epochMs) / 1000;
  const frame: LiveFrame = {
    clock,
    timeMs: 0,
    figures: createFiguresNow(campaign.figures),
    periodId: null,
    airborne: 0,
    lost: 0,
  };
  return {
    campaign,
    clock,
    uniforms,
    frame,
    lastTime: NaN,
    lastRevision: -1,
    theatre: THEATRES[campaign.records.campaign.theatre],
    sunTime: NaN,
    periods: campaign.records.periods.map((p) => ({ id: p.id, start: toSeconds(p.start), end: toSeconds(p.end) })),
  };
}

/** The period at time t; before the first or after the last, the nearest one. */
function periodAt(loop: FrameLoop, t: number): string | null {
  const { periods } = loop;
  for (const p of periods) if (t >= p.start && t < p.end) return p.id;
  if (periods.length === 0) return null;
  return t < periods[0]!.start ? periods[0]!.id : periods[periods.length - 1]!.id;
}

function runFrame(loop: FrameLoop, camera: Camera, controls: ControlsLike | null, info: WebGLInfo, delta: number) {
  const { campaign, clock, frame } = loop;
  advance(clock, delta);
  if (controls) setTarget(controls.target);
  updateSceneUniforms(loop.uniforms, clock, camera);

  const t = clock.time;
  if (t !== loop.lastTime || clock.revision !== loop.lastRevision) {
    loop.lastTime = t;
    loop.lastRevision = clock.revision;
    frame.timeMs = campaign.plan.epochMs + t * 1000;
    figuresAt(campaign.figures, t, frame.figures);
    frame.airborne = airborneAt(campaign.plan, t);
    frame.periodId = periodAt(loop, t);
    frame.lost = periodLostAt(campaign.plan, frame.periodId, t);
    publish(frame);
    // The sun moves slowly: a new position every few simulated minutes is plenty.
    if (!(Math.abs(frame.timeMs - loop.sunTime) < 180_000)) {
      loop.sunTime = frame.timeMs;
      const [lat, lon] = unproject(loop.theatre, frameState.target.x, frameState.target.z);
      loop.uniforms.uDaylight.value = sunAt(frame.timeMs, lat, lon, loop.uniforms.uSun.value);
    }

    diagnostics.time = frame.timeMs;
    diagnostics.periodId = frame.periodId;
    diagnostics.visibleAircraft = frame.airborne;
    diagnostics.lostSoFar = frame.lost;
    publishScene(campaign.plan, loop.uniforms, camera, frame.periodId, t);
    const totals = frame.periodId ? frame.figures.periods.get(frame.periodId) : undefined;
    if (totals) for (const k of FIGURE_KEYS) diagnostics.overlay[k] = totals[k];
    if (frame.periodId !== useApp.getState().periodId) useApp.getState().setPeriod(frame.periodId);
  }
  const cam = diagnostics.camera;
  cam.x = camera.position.x;
  cam.y = camera.position.y;
  cam.z = camera.position.z;
  cam.tx = frameState.target.x;
  cam.ty = frameState.target.y;
  cam.tz = frameState.target.z;
  const terrain = frameState.terrain;
  // Between theatres there is no terrain yet: report that, not the last theatre's counts.
  Object.assign(diagnostics.terrain, terrain ?? NO_TERRAIN);
  diagnostics.campaignId = campaign.records.campaign.id;
  diagnostics.frame++;
  diagnostics.renderer.calls = info.render.calls;
  diagnostics.renderer.triangles = info.render.triangles;
  diagnostics.renderer.geometries = info.memory.geometries;
  diagnostics.renderer.textures = info.memory.textures;
  // Ready once the first frames with the map and the aircraft have been drawn.
  if (!diagnostics.ready && info.render.triangles > 0 && diagnostics.frame > 2 && (terrain?.drawn || diagnostics.frame > 600))
    diagnostics.ready = true;
}

/**
 * Bases and targets the records fly from and to; waypoints stay unlabelled. Targets that drew
 * more aircraft are labelled first; places standing in for unnamed ones come last.
 */
function markedPlaces(campaign: Campaign, periodForces: Set<string>): MarkedPlace[] {
  const weight = new Map<string, { role: MarkedPlace['role']; aircraft: number }>();
  const flownTo = new Set<string>();
  for (const force of campaign.forces.values()) {
    force.route.forEach((id) => flownTo.add(id));
    force.targets.forEach((t) => t.place && flownTo.add(t.place));
    if (!periodForces.has(force.id)) continue;
    const base = force.route[0]!;
    if (!weight.has(base)) weight.set(base, { role: 'base', aircraft: 0 });
    for (const t of force.targets) {
      if (!t.place) continue;
      const w = weight.get(t.place);
      const aircraft = countValue(t.aircraft) || 1;
      if (w?.role === 'target') w.aircraft += aircraft;
      else weight.set(t.place, { role: 'target', aircraft });
    }
  }
  return campaign.records.places.flatMap((place) => {
    // Named places no force flies to (stations, bridges, cities of the map) are labelled too.
    const w =
      weight.get(place.id) ??
      (place.kind !== 'waypoint' && !flownTo.has(place.id) ? { role: 'place' as const, aircraft: 0 } : undefined);
    if (!w) return [];
    const priority = (w.role === 'target' ? 1000 + w.aircraft : w.role === 'place' ? 500 : 0) - (place.schematic ? 2000 : 0);
    return [{ place, role: w.role, priority }];
  });
}

/** `?view=x,y,z,tx,ty,tz` (scene km): a fixed camera, for links to a view and for the benchmark. */
export function viewFromUrl(search: string): { camera: [number, number, number]; target: [number, number, number] } | null {
  const v = new URLSearchParams(search).get('view')?.split(',').map(Number);
  if (!v || v.length !== 6 || v.some((n) => !Number.isFinite(n))) return null;
  return { camera: [v[0]!, v[1]!, v[2]!], target: [v[3]!, v[4]!, v[5]!] };
}

/**
 * Frame the main action from the south, tilted like a table map: the lead routes of the forces
 * that carry most of the aircraft (small leaflet or diversion sorties do not widen the view).
 */
function initialView(campaign: Campaign): { camera: [number, number, number]; target: [number, number, number] } {
  const { plan } = campaign;
  const first = plan.forces.filter((f) => f.periodId === campaign.records.periods[0]!.id);
  const largest = Math.max(0, ...first.map((f) => f.aircraft));
  const framed = first.filter((f) => f.aircraft >= largest * 0.05);
  const d = plan.routes.data;
  let minX = Infinity;
  let maxX = -Infinity;
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (const f of framed)
    for (let w = 0; w < MAX_WAYPOINTS; w++) {
      const o = (f.routeIndex * MAX_WAYPOINTS + w) * 4;
      minX = Math.min(minX, d[o]!);
      maxX = Math.max(maxX, d[o]!);
      minZ = Math.min(minZ, d[o + 2]!);
      maxZ = Math.max(maxZ, d[o + 2]!);
    }
  if (!Number.isFinite(minX)) {
    // Nothing flies (a campaign of monthly figures): frame its places instead.
    const frame = THEATRES[campaign.records.campaign.theatre];
    for (const p of campaign.records.places) {
      const [x, z] = project(frame, p.lat, p.lon);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
    }
  }
  const extent = Math.max(maxX - minX, (maxZ - minZ) * 1.6);
  // East of the routes' centre, so that they sit in the space between the two panels.
  const tx = (minX + maxX) / 2 + extent * 0.14;
  const tz = (minZ + maxZ) / 2 + extent * 0.05;
  const distance = extent * 1.75;
  return { camera: [tx, distance * 0.85, tz + distance * 0.5], target: [tx, 0, tz] };
}
