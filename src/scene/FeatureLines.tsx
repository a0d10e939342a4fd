/**
 * Period map features from the records: railways, the front, regions such as MiG Alley, and
 * air-defence zones. Drawn just above the land; schematic ones dashed, as the edges of schematic route corridors are.
 * Air-defence zones are shaded bands about their railway sections, and the "Valley of Death"
 * stands out in red.
 */
import { Line } from '@react-three/drei';
import { useEffect, useMemo } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  GLSL3,
  Mesh,
  SRGBColorSpace,
  ShaderMaterial,
  Sprite,
  SpriteMaterial,
  Vector3,
  Vector4,
} from 'three';
import { THEATRES, project } from '../geo/projection.ts';
import { useTranslation } from '../i18n/hooks.ts';
import { AA_ZONE_HALF_WIDTH_KM, VALLEY_OF_DEATH_ID } from '../motion/koreaScene.ts';
import type { CampaignFile } from '../records/schema.ts';
import { featureStyles } from './palette.ts';

/** The "Valley of Death": the guns U.S. carrier pilots feared most, so drawn in warning red. */
const VALLEY_STYLE = { colour: '#ff4b33', width: 5, opacity: 0.95 };
/** The scene's labels: Inter for Latin, the Chinese and Korean subsets (src/i18n/fonts.css) for the rest. */
const LABEL_FONTS = `Inter, 'Sortie Noto Sans SC', 'Sortie Noto Sans KR', system-ui, sans-serif`;
const labelFont = (px = 1) => `600 ${13 * px}px ${LABEL_FONTS}`;
/** Segments of air-defence zone lines the band shader takes. */
const MAX_ZONE_SEGMENTS = 32;

export function FeatureLines({ records }: { records: CampaignFile }) {
  const { t } = useTranslation();
  const valleyText = t('map.valleyOfDeath');
  const { lines, zones, valleyAt } = useMemo(() => {
    const frame = THEATRES[records.campaign.theatre];
    const places = new Map(records.places.map((p) => [p.id, p]));
    const pathOf = (path: string[], closed?: boolean) => {
      const points = path.map((id) => {
        const p = places.get(id)!;
        const [x, z] = project(frame, p.lat, p.lon);
        return [x, 0.8, z] as [number, number, number];
      });
      if (closed) points.push(points[0]!);
      return points;
    };
    const zonePaths = records.features.filter((f) => f.kind === 'air-defence-zone').map((f) => pathOf(f.path, f.closed));
    const zones = zoneBands(zonePaths);
    const lines = records.features
      // Zones drawn as bands are not drawn again as lines along their railways.
      .filter((f) => f.kind !== 'air-defence-zone' || !zones)
      .map((f) => ({
        feature: f,
        points: pathOf(f.path, f.closed),
        style: f.id === VALLEY_OF_DEATH_ID ? VALLEY_STYLE : featureStyles[f.kind],
      }));
    const valley = lines.find((l) => l.feature.id === VALLEY_OF_DEATH_ID);
    const mid = valley?.points[Math.floor(valley.points.length / 2)];
    return { lines, zones, valleyAt: mid ? ([mid[0], mid[2]] as const) : null };
  }, [records]);
  // The label in the interface language: "Valley of Death", „Tal des Todes“, 죽음의 계곡.
  const valleyLabel = useMemo(() => (valleyAt ? textLabel(valleyText, valleyAt[0], valleyAt[1]) : null), [valleyAt, valleyText]);
  useEffect(
    () => () => {
      zones?.geometry.dispose();
      (zones?.material as ShaderMaterial | undefined)?.dispose();
    },
    [zones],
  );
  useEffect(() => {
    if (!valleyLabel) return;
    let live = true;
    // Painted at once in the fonts there are; again once those its letters need have loaded
    // (the Chinese and Korean subsets load only when a text needs them).
    document.fonts?.load(labelFont(), valleyText).then(
      () => live && paintLabel(valleyLabel, valleyText),
      () => undefined,
    );
    return () => {
      live = false;
      valleyLabel.material.map?.dispose();
      valleyLabel.material.dispose();
    };
  }, [valleyLabel, valleyText]);

  return (
    <group name="features">
      {zones && <primitive object={zones} />}
      {lines.map(({ feature, points, style }) => (
        <Line
          key={feature.id}
          points={points}
          color={style.colour}
          lineWidth={style.width}
          transparent
          opacity={style.opacity}
          dashed={feature.schematic ?? false}
          dashSize={6}
          gapSize={4}
          depthWrite={false}
          // Map symbols lie on the relief: drawn over it rather than buried in it.
          depthTest={false}
          renderOrder={2}
        />
      ))}
      {valleyLabel && <primitive object={valleyLabel} />}
    </group>
  );
}

/**
 * The air-defence zones as bands of AA_ZONE_HALF_WIDTH_KM about their lines, with a fine edge:
 * one quad whose fragment shader finds the nearest zone line, so the translucent fill is even
 * where zones meet and where a zone's line bends back on itself. Alternate zones a shade apart.
 */
function zoneBands(paths: [number, number, number][][]): Mesh | null {
  const segments: Vector4[] = [];
  const zoneOf: number[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  let minZ = Infinity;
  let maxZ = -Infinity;
  paths.forEach((path, zone) =>
    path.forEach(([x, , z], i) => {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
      const [px, , pz] = path[i - 1] ?? [x, 0, z];
      if (i > 0 && segments.length < MAX_ZONE_SEGMENTS) {
        segments.push(new Vector4(px, pz, x, z));
        zoneOf.push(zone);
      }
    }),
  );
  if (segments.length === 0) return null;
  const count = segments.length;
  while (segments.length < MAX_ZONE_SEGMENTS) segments.push(new Vector4());
  while (zoneOf.length < MAX_ZONE_SEGMENTS) zoneOf.push(0);
  const r = AA_ZONE_HALF_WIDTH_KM + 1;
  const [x0, x1, z0, z1] = [minX - r, maxX + r, minZ - r, maxZ + r];
  const geometry = new BufferGeometry().setAttribute(
    'position',
    new BufferAttribute(Float32Array.of(x0, 0.7, z0, x0, 0.7, z1, x1, 0.7, z1, x0, 0.7, z0, x1, 0.7, z1, x1, 0.7, z0), 3),
  );
  const hex = parseInt(featureStyles['air-defence-zone'].colour.slice(1), 16);
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: ZONE_VERTEX,
    fragmentShader: ZONE_FRAGMENT,
    uniforms: {
      uSegments: { value: segments },
      uZoneOf: { value: zoneOf },
      uCount: { value: count },
      uHalfWidth: { value: AA_ZONE_HALF_WIDTH_KM },
      uColour: { value: new Vector3(((hex >> 16) & 255) / 255, ((hex >> 8) & 255) / 255, (hex & 255) / 255) },
    },
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
  const mesh = new Mesh(geometry, material);
  mesh.renderOrder = 1;
  mesh.frustumCulled = false;
  mesh.name = 'air-defence-zones';
  return mesh;
}

const ZONE_VERTEX = /* glsl */ `
out vec2 vXZ;
void main() {
  vXZ = position.xz;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;

const ZONE_FRAGMENT = /* glsl */ `
precision highp float;
uniform vec4 uSegments[${MAX_ZONE_SEGMENTS}];
uniform float uZoneOf[${MAX_ZONE_SEGMENTS}];
uniform int uCount;
uniform float uHalfWidth;
uniform vec3 uColour;
in vec2 vXZ;
out vec4 fragColour;
void main() {
  float best = 1e9;
  float zone = 0.0;
  for (int i = 0; i < ${MAX_ZONE_SEGMENTS}; i++) {
    if (i >= uCount) break;
    vec2 a = uSegments[i].xy;
    vec2 ab = uSegments[i].zw - a;
    float u = clamp(dot(vXZ - a, ab) / max(dot(ab, ab), 1e-6), 0.0, 1.0);
    float d = length(vXZ - a - ab * u);
    if (d < best) {
      best = d;
      zone = uZoneOf[i];
    }
  }
  float w = max(fwidth(best), 1e-4);
  float inside = 1.0 - smoothstep(uHalfWidth - w, uHalfWidth + w, best);
  if (inside <= 0.0) discard;
  // A fine line along the band's edge, about two pixels wide at any zoom.
  float edge = 1.0 - smoothstep(w, 2.5 * w, uHalfWidth - best);
  float fill = mod(zone, 2.0) < 0.5 ? 0.2 : 0.13;
  fragColour = vec4(uColour, (fill + 0.45 * edge) * inside);
}
`;

/**
 * A label drawn in the scene at a constant size on screen, below its point: a canvas texture on
 * a sprite, so it costs no DOM work per frame.
 */
function textLabel(text: string, x: number, z: number): Sprite {
  const sprite = new Sprite(
    new SpriteMaterial({ depthTest: false, depthWrite: false, sizeAttenuation: false, toneMapped: false }),
  );
  paintLabel(sprite, text);
  sprite.center.set(0.5, 1.4);
  sprite.position.set(x, 0.8, z);
  sprite.renderOrder = 4;
  sprite.name = 'valley-of-death-label';
  return sprite;
}

/** Draws `text` on a new canvas texture of `sprite` (its size follows the text), disposing the old one. */
function paintLabel(sprite: Sprite, text: string): void {
  const px = 2;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const font = labelFont(px);
  let width = 180 * px;
  if (ctx) {
    ctx.font = font;
    width = Math.ceil(ctx.measureText(text).width) + 12 * px;
  }
  canvas.width = width;
  canvas.height = 22 * px;
  if (ctx) {
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 4 * px;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.85)';
    ctx.strokeText(text, 6 * px, canvas.height / 2);
    ctx.fillStyle = '#ffd2c8';
    ctx.fillText(text, 6 * px, canvas.height / 2);
  }
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  sprite.material.map?.dispose();
  sprite.material.map = texture;
  sprite.material.needsUpdate = true;
  // Height as a fraction of the view: about 22 pixels on a 720-pixel-high view (1.37 × h of its height at a 40° field of view).
  const h = 0.022;
  sprite.scale.set((h * canvas.width) / canvas.height, h, 1);
}
