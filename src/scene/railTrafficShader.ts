/**
 * GPU side of the rail traffic (src/motion/koreaRail.ts is its CPU twin): each wagon,
 * locomotive and truck at its distance along its path, from one time uniform.
 */
import { MAX_PATH_POINTS, VEHICLE_LOCOMOTIVE, VEHICLE_SPACING, VEHICLE_TRUCK } from '../motion/koreaRail.ts';

export const railTrafficVertexShader = /* glsl */ `
precision highp float;
precision highp sampler2D;
uniform sampler2D uPaths;
uniform float uTime;
uniform float uScale;

in vec4 aRun;   // startTime, s0, speed (km/s), place in the train
in vec4 aStops; // tStop, tResume, tEnd, sMax
in vec4 aInfo;  // path row, offset right (km), kind

out vec3 vColour;

const int MAX_PATH_POINTS = ${MAX_PATH_POINTS};
const float VEHICLE_SPACING = ${VEHICLE_SPACING.toFixed(6)};

// vehicleDistance(): koreaRail.ts, line for line.
float vehicleDistance() {
  float moving = min(uTime, aStops.x) - aRun.x + max(0.0, uTime - aStops.y);
  float head = min(aRun.y + aRun.z * max(0.0, moving), aStops.w);
  return max(0.0, head - aRun.w * VEHICLE_SPACING * uScale);
}

void main() {
  if (uTime < aRun.x || uTime >= aStops.z) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vColour = vec3(0.0);
    return;
  }
  float s = vehicleDistance();
  int row = int(aInfo.x + 0.5);
  vec4 a = texelFetch(uPaths, ivec2(0, row), 0);
  vec4 b = a;
  for (int k = 1; k < MAX_PATH_POINTS; k++) {
    b = texelFetch(uPaths, ivec2(k, row), 0);
    if (s <= b.z || k == MAX_PATH_POINTS - 1) break;
    a = b;
  }
  float f = b.z > a.z ? clamp((s - a.z) / (b.z - a.z), 0.0, 1.0) : 1.0;
  vec2 d = b.xy - a.xy;
  float len = length(d);
  vec2 h = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 right = vec2(-h.y, h.x);
  vec2 p = mix(a.xy, b.xy, f) + right * aInfo.y;

  vec3 fwd = vec3(h.x, 0.0, h.y);
  vec3 side = vec3(right.x, 0.0, right.y);
  vec3 world = vec3(p.x, 0.0, p.y) + (side * position.x + vec3(0.0, position.y, 0.0) + fwd * position.z) * uScale;
  float kind = aInfo.z;
  vColour = kind > ${VEHICLE_TRUCK.toFixed(1)} - 0.5 ? vec3(0.72, 0.86, 0.62)
    : kind > ${VEHICLE_LOCOMOTIVE.toFixed(1)} - 0.5 ? vec3(1.0, 0.93, 0.7)
    : vec3(0.86, 0.68, 0.46);
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;
