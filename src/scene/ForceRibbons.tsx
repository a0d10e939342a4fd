/**
 * Zoomed out, each force reads as one ribbon along the route it has flown, as wide as the
 * aircraft still in the air where the stream passed, narrowing where losses happened. Zoomed in
 * it fades out and the aircraft in formation take over. One draw for all forces of the period;
 * per frame only the shared uniforms change, plus one visibility test.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, DoubleSide, GLSL3, Mesh, ShaderMaterial } from 'three';
import type { FlightPlan } from '../motion/compile.ts';
import type { Force } from '../records/schema.ts';
import type { SceneUniforms } from './AircraftLayer.tsx';
import { roleColours } from './palette.ts';
import { forceRibbons, ribbonBuffers, type ForceRibbon } from './ribbonGeometry.ts';

/**
 * Ribbon width in aircraft-size units (uScale, which grows with camera distance, so the width
 * holds on screen): a floor that keeps the smallest force visible, plus the share of the largest
 * force of the campaign still airborne.
 */
const WIDTH_FLOOR = 0.006;
const WIDTH_FULL = 0.045;
/** Share of the full width drawn for a force of unstated strength (hollow: a token, not a figure). */
const WIDTH_UNSTATED = 0.12;
/** uScale over which the ribbons fade in as the camera pulls back (aircraftScaleForDistance: 0.32 × km). */
const FADE_IN_FROM = 40;
const FADE_IN_TO = 120;
const FIGHTER_ROLES = new Set(['escort', 'fighter-bomber']);

/** Loss marks: half their length along the track, and how far they reach past the ribbon's edges. */
const MARK_HALF_LENGTH = 0.0022;
const MARK_OVERHANG = 0.0025;

const vertexShader = /* glsl */ `
uniform float uScale;
uniform float uVertical;
in vec2 aOffset;
in vec2 aAlong;
in vec4 aRibbon; // time, width 0..1, stream seconds, side (±1 band, ±2 loss mark)
in vec4 aColour; // RGB, weight
out float vTime;
out float vStream;
out float vSide;
out float vMark;
out float vUnstated;
out vec4 vColour;

void main() {
  float share = aRibbon.y < 0.0 ? ${WIDTH_UNSTATED.toFixed(4)} : aRibbon.y;
  float halfWidth = 0.5 * uScale * (${WIDTH_FLOOR.toFixed(4)} + ${WIDTH_FULL.toFixed(4)} * share);
  bool mark = abs(aRibbon.w) > 1.5;
  float across = mark ? halfWidth + uScale * ${MARK_OVERHANG.toFixed(4)} : halfWidth;
  vec2 off = aOffset * across + aAlong * uScale * ${MARK_HALF_LENGTH.toFixed(4)};
  vec3 p = vec3(position.x, position.y * uVertical, position.z) + vec3(off.x, 0.0, off.y);
  vTime = aRibbon.x;
  vStream = aRibbon.z;
  vSide = sign(aRibbon.w);
  vMark = mark ? 1.0 : 0.0;
  vUnstated = aRibbon.y < 0.0 ? 1.0 : 0.0;
  vColour = aColour;
  gl_Position = projectionMatrix * viewMatrix * vec4(p, 1.0);
}
`;

const fragmentShader = /* glsl */ `
precision highp float;
uniform float uTime;
uniform float uScale;
uniform float uDaylight;
in float vTime;
in float vStream;
in float vSide;
in float vMark;
in float vUnstated;
in vec4 vColour;
out vec4 fragColour;

void main() {
  // Only what the lead has flown: the stream from its tail to its lead, and the trail behind.
  // A loss mark shows from the moment of the loss.
  float age = uTime - vTime;
  if (age < 0.0) discard;
  float fade = smoothstep(${FADE_IN_FROM.toFixed(1)}, ${FADE_IN_TO.toFixed(1)}, uScale);
  float light = mix(0.6, 1.0, uDaylight);
  // The trail dims over the hours after the stream passed, but stays to be read.
  float trail = mix(0.5, 0.2, smoothstep(0.0, 10800.0, age));
  if (vMark > 0.5) {
    fragColour = vec4(vec3(0.86, 0.16, 0.1) * light, min(1.0, 2.0 * trail) * fade);
    return;
  }
  float inStream = 1.0 - smoothstep(vStream, vStream + 120.0, age);
  // A force of unstated strength is hollow: its edges, and a trace of fill.
  float alpha = mix(trail, 0.85, inStream) * vColour.a * (1.0 - 0.8 * vUnstated);
  // A crisp edge about a pixel wide, whatever the ribbon's width on screen.
  float e = abs(vSide);
  float w = fwidth(vSide);
  float edge = smoothstep(1.0 - 2.5 * w, 1.0 - w, e);
  vec3 colour = mix(vColour.rgb * 0.85, vColour.rgb, edge) * light;
  fragColour = vec4(colour, min(1.0, alpha + edge * mix(0.3, 0.6, vUnstated)) * fade);
}
`;

export function ForceRibbons({
  plan,
  forces,
  visibleForces,
  uniforms,
}: {
  plan: FlightPlan;
  forces: Map<string, Force>;
  visibleForces: Set<string>;
  uniforms: SceneUniforms;
}) {
  const mesh = useMemo(() => {
    const role = (r: ForceRibbon) => forces.get(r.forceId)?.role ?? 'bomber';
    const escort = (r: ForceRibbon) => FIGHTER_ROLES.has(role(r));
    // Escorts first, so the bombers they cover are drawn over them, and fainter.
    const ribbons = forceRibbons(plan, (fp) => visibleForces.has(fp.forceId)).sort(
      (a, b) => Number(escort(b)) - Number(escort(a)),
    );
    const fullWidth = Math.max(1, ...plan.forces.map((f) => f.aircraft));
    const c = new Color();
    const buffers = ribbonBuffers(
      ribbons,
      (r) => {
        c.set(roleColours[role(r)] ?? roleColours.bomber!);
        return [c.r, c.g, c.b, escort(r) ? 0.6 : 1];
      },
      fullWidth,
    );
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(buffers.position, 3));
    geometry.setAttribute('aOffset', new BufferAttribute(buffers.offset, 2));
    geometry.setAttribute('aRibbon', new BufferAttribute(buffers.ribbon, 4));
    geometry.setAttribute('aAlong', new BufferAttribute(buffers.along, 2));
    geometry.setAttribute('aColour', new BufferAttribute(buffers.colour, 4));
    geometry.setIndex(new BufferAttribute(buffers.index, 1));
    const material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader,
      fragmentShader,
      // The scene's own uniform objects: the frame loop's writes reach this material too.
      uniforms: { uTime: uniforms.uTime, uScale: uniforms.uScale, uVertical: uniforms.uVertical, uDaylight: uniforms.uDaylight },
      transparent: true,
      depthWrite: false,
      side: DoubleSide,
    });
    const m = new Mesh(geometry, material);
    // Widths are computed in the shader: bounds on the CPU would be wrong.
    m.frustumCulled = false;
    m.renderOrder = 1;
    m.name = 'force-ribbons';
    m.visible = false;
    return m;
  }, [plan, forces, visibleForces, uniforms]);

  useEffect(
    () => () => {
      mesh.geometry.dispose();
      (mesh.material as ShaderMaterial).dispose();
    },
    [mesh],
  );

  // Zoomed in, the ribbons have faded out: skip the draw. One comparison per frame.
  useFrame(() => showWhenFar(mesh, uniforms.uScale.value));

  return <primitive object={mesh} />;
}

function showWhenFar(mesh: Mesh, scale: number) {
  mesh.visible = scale > FADE_IN_FROM && (mesh.geometry.index?.count ?? 0) > 0;
}
