import type { Feature } from '../records/schema.ts';

/** The scene's colours: a muted period map so that aircraft, losses and routes carry the eye. */
export const palette = {
  background: '#1b2530',
  sea: '#1f3244',
  land: '#4d5243',
  coast: '#c9c2a6',
  graticule: '#8aa0b2',
  target: '#e8d7a0',
  base: '#9fc3e0',
  place: '#d9d3bd',
  crash: '#c81e14',
  river: '#7fb2d6',
};

/** Route colours by force role. */
export const roleColours: Record<string, string> = {
  bomber: '#e8e2cf',
  leaflet: '#c6b8e8',
  escort: '#8fd0ff',
  'fighter-bomber': '#8fd0ff',
  diversion: '#b0c4d4',
  pathfinder: '#e8e2cf',
  reconnaissance: '#b0c4d4',
};

/** Map features: railways dark and firm, the front red, regions and zones as soft outlines. */
export const featureStyles: Record<Feature['kind'], { colour: string; width: number; opacity: number }> = {
  railway: { colour: '#1a1a1a', width: 2.4, opacity: 0.9 },
  front: { colour: '#d8432f', width: 3, opacity: 0.9 },
  region: { colour: '#f2c14e', width: 1.6, opacity: 0.7 },
  'air-defence-zone': { colour: '#7cc4ff', width: 1.6, opacity: 0.7 },
  river: { colour: '#6fa3c7', width: 1.4, opacity: 0.8 },
  route: { colour: '#e8e2cf', width: 1.4, opacity: 0.6 },
};
