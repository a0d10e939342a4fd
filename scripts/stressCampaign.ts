/**
 * A synthetic campaign of `aircraft` bombers in forces of 500 over the Europe theatre, for the
 * benchmark only: it scales the scene, not history, and says so in every field a viewer sees.
 */
export function stressCampaign(aircraft: number) {
  const source = { ref: 'synthetic', quote: 'synthetic benchmark data, not a historical record' };
  const forces = [];
  for (let i = 0, left = aircraft; left > 0; i++, left -= 500) {
    forces.push({
      id: `f${i}`,
      role: 'bomber',
      aircraft: 'B-17',
      dispatched: Math.min(500, left),
      route: [`base${i % 10}`, `target${i % 7}`, `base${i % 10}`],
      targets: [{ place: `target${i % 7}`, kind: 'primary' }],
      losses: { lost: Math.min(500, left) > 10 ? 10 : 0 },
      timing: { takeoff: `1944-02-20T${String(8 + (i % 3)).padStart(2, '0')}:00:00+01:00` },
      schematic: ['route', 'timing', 'formation', 'lossPositions'],
      source,
    });
  }
  const places = [
    ...Array.from({ length: 10 }, (_, i) => ({
      id: `base${i}`,
      name: `Base ${i}`,
      lat: 52 + i * 0.1,
      lon: 0.2 + i * 0.08,
      kind: 'base',
      schematic: true,
    })),
    ...Array.from({ length: 7 }, (_, i) => ({
      id: `target${i}`,
      name: `Target ${i}`,
      lat: 50.5 + i * 0.5,
      lon: 8 + i * 0.7,
      kind: 'target',
      schematic: true,
    })),
  ];
  return {
    format: 'mission-records/1',
    campaign: {
      id: `stress-${aircraft}`,
      title: `Synthetic benchmark: ${aircraft} aircraft`,
      theatre: 'europe-1944',
      start: '1944-02-20',
      end: '1944-02-20',
      utcOffset: '+01:00',
      summary: 'Synthetic data for the benchmark; not history.',
      sources: [{ id: 'synthetic', title: 'Synthetic benchmark data' }],
    },
    places,
    periods: [
      {
        id: 'day',
        label: 'Synthetic day',
        start: '1944-02-20T00:00:00+01:00',
        end: '1944-02-20T23:59:00+01:00',
        missions: [
          { id: 'm', label: 'Synthetic mission', airForce: 'Synthetic', date: '1944-02-20', kind: 'strategic', forces, source },
        ],
      },
    ],
  };
}
