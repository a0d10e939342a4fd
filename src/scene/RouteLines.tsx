/**
 * Each force's routes at altitude. Schematic routes are dashed, so that what was reconstructed
 * never looks as certain as what the sources state.
 */
import { Line } from '@react-three/drei';
import { useMemo } from 'react';
import type { FlightPlan } from '../motion/compile.ts';
import { MAX_WAYPOINTS } from '../motion/flight.ts';
import type { Force } from '../records/schema.ts';
import { roleColours } from './palette.ts';

interface RouteLine {
  key: string;
  points: [number, number, number][];
  colour: string;
  schematic: boolean;
  main: boolean;
}

export function routeLines(plan: FlightPlan, forces: Map<string, Force>, visibleForces: Set<string>): RouteLine[] {
  const lines: RouteLine[] = [];
  plan.forces.forEach((fp, k) => {
    if (!visibleForces.has(fp.forceId)) return;
    const force = forces.get(fp.forceId)!;
    const end = plan.forces[k + 1]?.routeIndex ?? plan.routes.count;
    for (let r = fp.routeIndex; r < end; r++) {
      const points: [number, number, number][] = [];
      for (let w = 0; w < MAX_WAYPOINTS; w++) {
        const o = (r * MAX_WAYPOINTS + w) * 4;
        const d = plan.routes.data;
        const prev = points[points.length - 1];
        const p: [number, number, number] = [d[o]!, d[o + 1]!, d[o + 2]!];
        if (prev && prev[0] === p[0] && prev[1] === p[1] && prev[2] === p[2]) continue;
        points.push(p);
      }
      lines.push({
        key: `${fp.forceId}-${r}`,
        points,
        colour: roleColours[force.role] ?? '#ffffff',
        schematic: force.schematic.includes('route'),
        main: r === fp.routeIndex,
      });
    }
  });
  return lines;
}

export function RouteLines({ lines }: { lines: RouteLine[] }) {
  return (
    <group name="routes">
      {lines.map((l) => (
        <Line
          key={l.key}
          points={l.points}
          color={l.colour}
          lineWidth={l.main ? 1.6 : 1}
          transparent
          opacity={l.main ? 0.55 : 0.35}
          dashed={l.schematic}
          dashSize={18}
          gapSize={10}
          depthWrite={false}
        />
      ))}
    </group>
  );
}

export function useRouteLines(plan: FlightPlan, forces: Map<string, Force>, visibleForces: Set<string>) {
  return useMemo(() => routeLines(plan, forces, visibleForces), [plan, forces, visibleForces]);
}
