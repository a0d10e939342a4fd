/**
 * Terrain tiles: a shared grid displaced by each tile's height texture, shaded as a museum
 * map: hypsometric tint and hillshade on land, depth tint on the sea, lit by the real sun.
 */
import { HEIGHT_OFFSET } from '../../geo/terrainIndex.ts';

/** Texels between grid vertices: a 129-sample tile is meshed 65 × 65. */
export const MESH_STRIDE = 2;

export const terrainVertexShader = /* glsl */ `
precision highp float;
uniform sampler2D uHeights;
uniform vec3 uTileRect; // west x, north z, width (km)
uniform float uTexels;  // samples per side - 1
uniform float uVertical;
uniform float uSkirt;

out vec3 vNormal;
out vec2 vUv;
out float vHeight;

const float OFFSET = ${HEIGHT_OFFSET.toFixed(1)};

float heightAt(ivec2 c) {
  int last = int(uTexels);
  c = clamp(c, ivec2(0), ivec2(last));
  vec4 t = texelFetch(uHeights, c, 0);
  float h = floor(t.r * 255.0 + 0.5) * 256.0 + floor(t.g * 255.0 + 0.5) - OFFSET;
  // The sea is drawn at sea level; its depth only tints it.
  return t.b > 0.5 ? max(h, 0.0) : min(h, 0.0);
}

void main() {
  ivec2 c = ivec2(int(position.x) * ${MESH_STRIDE}, int(position.z) * ${MESH_STRIDE});
  float spacing = uTileRect.z / uTexels;
  float h = heightAt(c);
  float surface = max(h, 0.0) * 0.001 * uVertical;
  vec3 world = vec3(uTileRect.x + float(c.x) * spacing, surface - position.y * uSkirt, uTileRect.y + float(c.y) * spacing);

  float hw = max(heightAt(c - ivec2(1, 0)), 0.0), he = max(heightAt(c + ivec2(1, 0)), 0.0);
  float hn = max(heightAt(c - ivec2(0, 1)), 0.0), hs = max(heightAt(c + ivec2(0, 1)), 0.0);
  float k = 0.001 * uVertical;
  vNormal = normalize(vec3((hw - he) * k, 2.0 * spacing, (hn - hs) * k));
  vUv = (vec2(c) + 0.5) / (uTexels + 1.0);
  vHeight = h;
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;

export const terrainFragmentShader = /* glsl */ `
precision highp float;
uniform sampler2D uHeights;
uniform vec3 uSun;      // unit vector toward the sun
uniform float uDaylight; // 0 night .. 1 day
in vec3 vNormal;
in vec2 vUv;
in float vHeight;
out vec4 fragColour;

vec3 landTint(float h) {
  // Restrained hypsometric tints: lowland olive to upland buff to high grey.
  vec3 c = mix(vec3(0.42, 0.47, 0.35), vec3(0.55, 0.56, 0.40), smoothstep(0.0, 300.0, h));
  c = mix(c, vec3(0.64, 0.58, 0.44), smoothstep(300.0, 1000.0, h));
  c = mix(c, vec3(0.70, 0.66, 0.60), smoothstep(1000.0, 2200.0, h));
  return mix(c, vec3(0.90, 0.90, 0.88), smoothstep(2400.0, 3500.0, h));
}

vec3 seaTint(float depth) {
  return mix(vec3(0.22, 0.33, 0.42), vec3(0.11, 0.18, 0.26), smoothstep(0.0, 3000.0, depth));
}

void main() {
  float land = smoothstep(0.42, 0.58, texture(uHeights, vUv).b);
  vec3 n = normalize(vNormal);
  float lambert = max(dot(n, uSun), 0.0);
  // Hillshade from the sun, never fully black: a map, not a photograph.
  float shade = mix(0.62, 1.08, lambert);
  vec3 colour = mix(seaTint(max(-vHeight, 0.0)), landTint(max(vHeight, 0.0)) * shade, land);
  vec3 night = colour * vec3(0.22, 0.26, 0.38);
  fragColour = vec4(mix(night, colour, uDaylight), 1.0);
}
`;
