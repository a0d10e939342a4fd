/**
 * How each aircraft type flies in the scene. Cruise speeds and altitudes are typical figures
 * for the type, used only to lay schematic clock times and altitudes along schematic routes.
 */
import type { ForceRole } from '../records/schema.ts';

export type Silhouette = 'heavy4' | 'twin' | 'twinBoom' | 'single';
export const SILHOUETTES: readonly Silhouette[] = ['heavy4', 'twin', 'twinBoom', 'single'];

/** Formation style: combat boxes by day, an individual stream by night, loose flights for fighters. */
export type FormationStyle = 'combatBox' | 'nightStream' | 'fighterFlights' | 'smallFormation';

export interface TypeProfile {
  silhouette: Silhouette;
  cruiseKmh: number;
  altitudeKm: number;
  /** Scene colour, muted so that losses and damage can be marked in warmer tones. */
  colour: string;
}

const PROFILES: [RegExp, TypeProfile][] = [
  // Korea, 1951–52 (listed first: "B-26 Invader" is not the Marauder of 1944). Light, cool colours that
  // stand out from the relief: the aircraft are few and small beside 1944's bomber streams; MiGs in violet.
  [/F-84|Thunderjet/i, { silhouette: 'single', cruiseKmh: 560, altitudeKm: 3.0, colour: '#9feaff' }],
  [/F-80|Shooting Star/i, { silhouette: 'single', cruiseKmh: 540, altitudeKm: 3.0, colour: '#d2f4ff' }],
  [/Invader|A-26/i, { silhouette: 'twin', cruiseKmh: 400, altitudeKm: 1.8, colour: '#c4ccff' }],
  [/B-29|Superfortress/i, { silhouette: 'heavy4', cruiseKmh: 360, altitudeKm: 6.5, colour: '#f4f6f8' }],
  [/MiG-15/i, { silhouette: 'single', cruiseKmh: 850, altitudeKm: 10.0, colour: '#d7a8ff' }],
  [/F-86|Sabre/i, { silhouette: 'single', cruiseKmh: 840, altitudeKm: 10.5, colour: '#a9d6f5' }],
  [/F4U|Corsair|Skyraider/i, { silhouette: 'single', cruiseKmh: 330, altitudeKm: 2.5, colour: '#7fb0ff' }],
  [/B-17/i, { silhouette: 'heavy4', cruiseKmh: 260, altitudeKm: 7.5, colour: '#c9d3dc' }],
  [/B-24/i, { silhouette: 'heavy4', cruiseKmh: 270, altitudeKm: 6.7, colour: '#b9c7a8' }],
  [/Lancaster|Halifax|Stirling/i, { silhouette: 'heavy4', cruiseKmh: 340, altitudeKm: 6.0, colour: '#8d96a8' }],
  [/B-26|Marauder/i, { silhouette: 'twin', cruiseKmh: 320, altitudeKm: 3.6, colour: '#d8c9a3' }],
  [/Mosquito/i, { silhouette: 'twin', cruiseKmh: 480, altitudeKm: 8.0, colour: '#a3b0bd' }],
  [/P-38|Lightning/i, { silhouette: 'twinBoom', cruiseKmh: 440, altitudeKm: 8.5, colour: '#e2e6ea' }],
  [/P-47|Thunderbolt/i, { silhouette: 'single', cruiseKmh: 430, altitudeKm: 8.8, colour: '#f0d9a0' }],
  [/P-51|Mustang/i, { silhouette: 'single', cruiseKmh: 470, altitudeKm: 9.0, colour: '#a9d6f5' }],
];

const FALLBACK: Record<ForceRole, TypeProfile> = {
  bomber: { silhouette: 'heavy4', cruiseKmh: 270, altitudeKm: 6.5, colour: '#c9d3dc' },
  leaflet: { silhouette: 'heavy4', cruiseKmh: 270, altitudeKm: 6.5, colour: '#c9d3dc' },
  pathfinder: { silhouette: 'heavy4', cruiseKmh: 280, altitudeKm: 6.5, colour: '#c9d3dc' },
  diversion: { silhouette: 'twin', cruiseKmh: 400, altitudeKm: 7.0, colour: '#a3b0bd' },
  reconnaissance: { silhouette: 'single', cruiseKmh: 500, altitudeKm: 9.0, colour: '#e2e6ea' },
  escort: { silhouette: 'single', cruiseKmh: 440, altitudeKm: 8.5, colour: '#e2e6ea' },
  'fighter-bomber': { silhouette: 'single', cruiseKmh: 420, altitudeKm: 3.0, colour: '#e2e6ea' },
};

export function typeProfile(aircraft: string, role: ForceRole): TypeProfile {
  return PROFILES.find(([pattern]) => pattern.test(aircraft))?.[1] ?? FALLBACK[role];
}

export function formationStyle(role: ForceRole, missionKind: string, silhouette: Silhouette): FormationStyle {
  if (role === 'escort' || role === 'fighter-bomber' || role === 'reconnaissance') return 'fighterFlights';
  if (missionKind === 'night') return 'nightStream';
  if (silhouette === 'heavy4' && role === 'bomber') return 'combatBox';
  return 'smallFormation';
}
