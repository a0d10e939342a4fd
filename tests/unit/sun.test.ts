import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { sunAt } from '../../src/scene/sun.ts';

describe('the sun over the theatre', () => {
  const leipzig = [51.34, 12.37] as const;
  it('is down during the RAF raid on Leipzig (04:00 on 20 February 1944, GMT+1)', () => {
    const sun = new Vector3();
    expect(sunAt(Date.parse('1944-02-20T04:00:00+01:00'), ...leipzig, sun)).toBe(0);
    expect(sun.y).toBeLessThan(0);
  });

  it('is up and in the south at midday, when the day raid is over the target', () => {
    const sun = new Vector3();
    expect(sunAt(Date.parse('1944-02-20T12:45:00+01:00'), ...leipzig, sun)).toBe(1);
    expect(sun.y).toBeGreaterThan(0.3);
    expect(sun.z).toBeGreaterThan(0.5); // south is +z
  });

  it('rises in the east', () => {
    const sun = new Vector3();
    const daylight = sunAt(Date.parse('1944-02-20T07:30:00+01:00'), ...leipzig, sun);
    expect(daylight).toBeGreaterThan(0);
    expect(daylight).toBeLessThan(1);
    expect(sun.x).toBeGreaterThan(0);
  });
});
