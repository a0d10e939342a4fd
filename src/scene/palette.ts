/** The scene's colours: a muted period map so that aircraft, losses and routes carry the eye. */
export const palette = {
  background: '#1b2530',
  sea: '#1f3244',
  land: '#4d5243',
  coast: '#c9c2a6',
  graticule: '#8aa0b2',
  target: '#e8d7a0',
  base: '#9fc3e0',
  crash: '#c81e14',
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
