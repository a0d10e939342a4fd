/**
 * GPU side of the rail cuts (src/motion/koreaRail.ts is its CPU twin): a marker on the line from
 * the moment the bombs fall until the repair, cutTime <= uTime < repairedTime.
 */
export const railCutsVertexShader = /* glsl */ `
precision highp float;
uniform float uTime;
uniform float uScale;

in vec2 aPosition; // x, z (km)
in vec2 aTimes;    // cutTime, repairedTime (s)
in float aKind;    // 0 line or station, 1 bridge

out vec3 vColour;

void main() {
  if (uTime < aTimes.x || uTime >= aTimes.y) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vColour = vec3(0.0);
    return;
  }
  // Fresh cuts glow; they dim as the repair nears.
  float age = clamp((uTime - aTimes.x) / max(aTimes.y - aTimes.x, 1.0), 0.0, 1.0);
  bool bridge = aKind > 0.5;
  vec3 fresh = bridge ? vec3(1.0, 0.86, 0.25) : vec3(1.0, 0.45, 0.15);
  vec3 old = bridge ? vec3(0.78, 0.6, 0.22) : vec3(0.7, 0.32, 0.16);
  vColour = mix(fresh, old, age);
  vec3 world = vec3(aPosition.x, 0.0, aPosition.y) + position * uScale;
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;

export const railMarkerFragmentShader = /* glsl */ `
precision highp float;
in vec3 vColour;
out vec4 fragColour;
void main() {
  fragColour = vec4(vColour, 1.0);
}
`;
