/**
 * Each force's routes at altitude. Schematic routes are dashed, so that what was reconstructed
 * never looks as certain as what the sources state.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Color } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
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
  plan.forces.forEach((fp) => {
    const force = forces.get(fp.forceId);
    if (fp.origin !== 'record' || !force || !visibleForces.has(fp.forceId)) return;
    for (let r = fp.routeIndex; r < fp.routeEnd; r++) {
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

/**
 * All route lines of the view in at most four draws (main or deviation, schematic or sourced),
 * whatever the number of forces: per-frame cost must not follow the size of the campaign.
 */
export function RouteLines({ lines }: { lines: RouteLine[] }) {
  const size = useThree((s) => s.size);
  const objects = useMemo(() => {
    const groups = new Map<string, RouteLine[]>();
    for (const l of lines) {
      const key = `${l.main ? 'main' : 'branch'}-${l.schematic ? 'schematic' : 'sourced'}`;
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    return [...groups].map(([key, group]) => {
      const positions: number[] = [];
      const colours: number[] = [];
      const c = new Color();
      for (const l of group) {
        c.set(l.colour);
        for (let i = 1; i < l.points.length; i++) {
          positions.push(...l.points[i - 1]!, ...l.points[i]!);
          colours.push(c.r, c.g, c.b, c.r, c.g, c.b);
        }
      }
      const geometry = new LineSegmentsGeometry();
      geometry.setPositions(positions);
      geometry.setColors(colours);
      const { main, schematic } = group[0]!;
      const material = new LineMaterial({
        vertexColors: true,
        linewidth: main ? 1.6 : 1,
        transparent: true,
        opacity: main ? 0.55 : 0.35,
        dashed: schematic,
        dashSize: 18,
        gapSize: 10,
        depthWrite: false,
      });
      const object = new LineSegments2(geometry, material);
      object.computeLineDistances();
      object.name = `routes-${key}`;
      return object;
    });
  }, [lines]);

  useEffect(() => {
    for (const o of objects) (o.material as LineMaterial).resolution.set(size.width, size.height);
  }, [objects, size]);
  useEffect(
    () => () =>
      objects.forEach((o) => {
        o.geometry.dispose();
        (o.material as LineMaterial).dispose();
      }),
    [objects],
  );

  return (
    <group name="routes">
      {objects.map((o) => (
        <primitive key={o.name} object={o} />
      ))}
    </group>
  );
}

export function useRouteLines(plan: FlightPlan, forces: Map<string, Force>, visibleForces: Set<string>) {
  return useMemo(() => routeLines(plan, forces, visibleForces), [plan, forces, visibleForces]);
}
