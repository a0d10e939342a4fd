/**
 * GPU side of flight.ts: every aircraft's position from its per-instance attributes, the route
 * texture and one time uniform. Keep the two files in step: same names, same order of steps.
 */
import { FALL_SECONDS, MAX_WAYPOINTS, TRAIL_LINGER_SECONDS, WEAVE_SECONDS } from './flight.ts';

/** Declarations and trackAt(), shared by the aircraft and the crash markers. */
const flightCommon = /* glsl */ `
precision highp float;
precision highp sampler2D;

uniform sampler2D uRoutes;
uniform float uTime;
uniform float uScale;
uniform float uVertical;

in float aRoute;
in float aDelay;
in vec3 aSlot;
in vec3 aSpread;
in vec4 aEvents; // lossTime, damageTime, damageLevel, seed
in vec3 aColour;
in vec2 aStyle; // weave amplitude (km), opponent

const int MAX_WAYPOINTS = ${MAX_WAYPOINTS};
const float FALL_SECONDS = ${FALL_SECONDS.toFixed(1)};
const float WEAVE_SECONDS = ${WEAVE_SECONDS.toFixed(1)};
const float TAU = 6.283185307179586;

// trackAt(): xyz = lead position on the route at t, w = -1 before take-off, 0 airborne, 1 landed.
vec4 trackAt(int route, float t, out vec2 heading) {
  heading = vec2(0.0, -1.0);
  vec4 a = texelFetch(uRoutes, ivec2(0, route), 0);
  if (t < a.w) return vec4(0.0, 0.0, 0.0, -1.0);
  for (int k = 1; k < MAX_WAYPOINTS; k++) {
    vec4 b = texelFetch(uRoutes, ivec2(k, route), 0);
    if (t <= b.w) {
      float f = b.w > a.w ? (t - a.w) / (b.w - a.w) : 1.0;
      vec2 d = b.xz - a.xz;
      float len = length(d);
      heading = len > 1e-6 ? d / len : vec2(0.0, -1.0);
      return vec4(mix(a.xyz, b.xyz, f), 0.0);
    }
    a = b;
  }
  return vec4(0.0, 0.0, 0.0, 1.0);
}


// Where an aircraft's formation slot puts it, relative to its route's lead, at lead time t.
vec3 slotPosition(vec4 p, vec2 h, float t) {
  vec3 fwd = vec3(h.x, 0.0, h.y);
  vec3 right = vec3(-h.y, 0.0, h.x);
  vec3 s = aSlot * uScale + aSpread * vec3(1.0, uVertical, 1.0);
  s.x += aStyle.x * sin(TAU / WEAVE_SECONDS * t + aEvents.w * TAU);
  return vec3(p.x, p.y * uVertical, p.z) + right * s.x + vec3(0.0, s.y, 0.0) - fwd * s.z;
}

// Where a lost aircraft is age seconds after its loss (flight.ts: the falling branch).
vec3 fallPosition(vec3 base, vec2 h, float age) {
  float u = min(age / FALL_SECONDS, 1.0);
  float drift = 4.0 * (1.0 - (1.0 - u) * (1.0 - u));
  base.xz += h * drift;
  base.y *= 1.0 - u * u;
  return base;
}
`;

export const flightVertexShader = /* glsl */ `
${flightCommon}
out vec3 vColour;
out float vShade;

void main() {
  float lossTime = aEvents.x;
  bool falling = uTime >= lossTime;
  float fallAge = falling ? uTime - lossTime : 0.0;
  float t = (falling ? lossTime : uTime) - aDelay;
  vec2 h;
  vec4 p = trackAt(int(aRoute + 0.5), t, h);
  if (p.w != 0.0 || fallAge >= FALL_SECONDS) {
    // Not in the air: collapse to a point outside the clip volume.
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vColour = vec3(0.0);
    vShade = 0.0;
    return;
  }

  vec3 fwd = vec3(h.x, 0.0, h.y);
  vec3 right = vec3(-h.y, 0.0, h.x);
  vec3 up = vec3(0.0, 1.0, 0.0);
  vec3 base = slotPosition(p, h, t);

  vec3 local = position;
  vec3 n = normal;
  vec3 colour = aColour;
  if (aEvents.y <= uTime) {
    colour = mix(colour, aEvents.z > 1.5 ? vec3(0.93, 0.42, 0.22) : vec3(0.96, 0.74, 0.3), 0.75);
  }
  if (falling) {
    float u = min(fallAge / FALL_SECONDS, 1.0);
    base = fallPosition(base, h, fallAge);
    // Nose down and rolling as it goes.
    float pitch = min(fallAge / 12.0, 1.1);
    float roll = fallAge * (0.8 + aEvents.w);
    float cp = cos(pitch), sp = sin(pitch), cr = cos(roll), sr = sin(roll);
    local = vec3(local.x * cr - local.y * sr, local.x * sr + local.y * cr, local.z);
    local = vec3(local.x, local.y * cp - local.z * sp, local.y * sp + local.z * cp);
    n = vec3(n.x * cr - n.y * sr, n.x * sr + n.y * cr, n.z);
    n = vec3(n.x, n.y * cp - n.z * sp, n.y * sp + n.z * cp);
    colour = mix(vec3(0.85, 0.16, 0.1), vec3(0.2, 0.08, 0.06), u);
  }

  vec3 world = base + (right * local.x + up * local.y + fwd * local.z) * uScale;
  vec3 wn = normalize(right * n.x + up * n.y + fwd * n.z);
  vShade = 0.55 + 0.45 * max(dot(wn, normalize(vec3(-0.35, 0.85, -0.4))), 0.0);
  vColour = colour;
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;

/**
 * Crash markers: one per lost aircraft, on the ground where trackAt() and fallPosition() put
 * it, shown from the moment it comes down. Same attributes as the aircraft.
 */
export const crashVertexShader = /* glsl */ `
${flightCommon}
out vec3 vColour;
out float vShade;

void main() {
  float lossTime = aEvents.x;
  vec2 h;
  float t = lossTime - aDelay;
  vec4 p = trackAt(int(aRoute + 0.5), t, h);
  if (uTime < lossTime + FALL_SECONDS || p.w != 0.0) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vColour = vec3(0.0);
    vShade = 0.0;
    return;
  }
  vec3 ground = fallPosition(slotPosition(p, h, t), h, FALL_SECONDS);
  vec3 world = vec3(ground.x, 0.0, ground.z) + position * uScale;
  // The records' losses in red; opposing aircraft down in dark grey, apart from the figures.
  vColour = aStyle.y > 0.5 ? vec3(0.16, 0.17, 0.18) : vec3(0.86, 0.16, 0.1);
  vShade = 2.0; // a marker, not a lit hull: see the fragment shader
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;

/**
 * A smoke trail behind each lost aircraft: from where it left the stream down its fall path to
 * where it is now, fading after it has come down. position.x runs 0 (loss point) to 1 (the
 * aircraft), position.y is the side; the width faces the camera.
 */
export const trailVertexShader = /* glsl */ `
${flightCommon}
const float TRAIL_SECONDS = ${(FALL_SECONDS + TRAIL_LINGER_SECONDS).toFixed(1)};
out float vAlpha;

void main() {
  float lossTime = aEvents.x;
  float age = uTime - lossTime;
  float t = lossTime - aDelay;
  vec2 h;
  vec4 p = trackAt(int(aRoute + 0.5), t, h);
  if (age < 0.0 || age > TRAIL_SECONDS || p.w != 0.0) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vAlpha = 0.0;
    return;
  }
  float s = position.x;
  vec3 along = fallPosition(slotPosition(p, h, t), h, min(age, FALL_SECONDS) * s);
  // Older smoke (nearer the loss point) has spread wider.
  float width = uScale * 0.006 * (1.0 + 2.5 * (1.0 - s));
  vec3 cameraRight = vec3(viewMatrix[0][0], viewMatrix[1][0], viewMatrix[2][0]);
  vec3 world = along + cameraRight * position.y * width;
  float fade = 1.0 - smoothstep(FALL_SECONDS, TRAIL_SECONDS, age);
  vAlpha = fade * (0.25 + 0.5 * s);
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;

export const trailFragmentShader = /* glsl */ `
precision highp float;
in float vAlpha;
out vec4 fragColour;
void main() {
  fragColour = vec4(0.2, 0.19, 0.18, vAlpha);
}
`;

export const flightFragmentShader = /* glsl */ `
precision highp float;
uniform float uDaylight;
in vec3 vColour;
in float vShade;
out vec4 fragColour;
void main() {
  vec3 lit = vShade > 1.5 ? vColour : vColour * vShade;
  // By night the hulls are moonlit grey-blue: the stream still reads against the dark land.
  // Crash markers (vShade above 1) keep their colour at any hour.
  vec3 night = vShade > 1.5 ? vColour : vColour * vec3(0.62, 0.68, 0.85);
  fragColour = vec4(mix(night, lit, vShade > 1.5 ? 1.0 : uDaylight), 1.0);
}
`;
