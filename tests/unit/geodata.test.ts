import { describe, expect, it } from 'vitest';
import {
  decodeRgba,
  decodeTilePng,
  encodeRgba,
  encodeTilePng,
  MAX_HEIGHT_M,
  MIN_HEIGHT_M,
} from '../../scripts/geodata/encoding.ts';
import { sampleBilinear, type LonLatGrid } from '../../scripts/geodata/grid.ts';
import { clipPolyline, douglasPeucker, prepareLine, quantizeLine } from '../../scripts/geodata/lines.ts';
import { parseMultisegment, stitchSegments } from '../../scripts/geodata/segments.ts';
import { buildPyramid, listTiles, samplePosition, type PyramidSpec, type TerrainSampler } from '../../scripts/geodata/tiling.ts';

// Pure modules only: no GMT, ETOPO5 or network.

/** A tiny lon/lat grid of pseudo-random heights (fixed seed) and a land mask. */
function syntheticGrids(): { heights: LonLatGrid; mask: LonLatGrid } {
  const nx = 24;
  const ny = 18;
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const h = new Float32Array(nx * ny).map(() => -3000 + 6000 * rand());
  const m = new Uint8Array(nx * ny).map((_, k) => ((k % nx) + Math.floor(k / nx) > 18 ? 1 : 0));
  const base = { nx, ny, lon0: 0, dLon: 0.5, lat0: 50, dLat: -0.5, periodic: false };
  return { heights: { ...base, data: h }, mask: { ...base, data: m } };
}

function syntheticSampler(): TerrainSampler {
  const { heights, mask } = syntheticGrids();
  // 100 km square mapped linearly onto lon 1..10, lat 42..49.
  const toLonLat = (x: number, north: number): [number, number] => [45.5 + (north / 100) * 3.5, 5.5 + (x / 100) * 4.5];
  return {
    height: (x, north) => sampleBilinear(heights, ...toLonLat(x, north)),
    land: (x, north) => sampleBilinear(mask, ...toLonLat(x, north)),
  };
}

describe('geodata: tiling', () => {
  const spec: PyramidSpec = { halfExtentKm: 100, tileSize: 9, levels: 2 };

  it('gives byte-identical PNGs when run twice', () => {
    const a = buildPyramid(spec, syntheticSampler());
    const b = buildPyramid(spec, syntheticSampler());
    expect(a.map(({ z, x, y }) => `${z}/${x}/${y}`)).toEqual(['0/0/0', '1/0/0', '1/0/1', '1/1/0', '1/1/1']);
    expect(a).toHaveLength(b.length);
    a.forEach((t, k) => {
      expect(Buffer.from(t.png).equals(Buffer.from(b[k]!.png))).toBe(true);
      expect([t.minH, t.maxH]).toEqual([b[k]!.minH, b[k]!.maxH]);
    });
  });

  it('stores row 0 north and column 0 west, with the heights of the sampler', () => {
    const sampler: TerrainSampler = { height: (x, north) => 10 * x + north, land: (x) => (x > 0 ? 1 : 0) };
    const [root] = buildPyramid({ halfExtentKm: 100, tileSize: 9, levels: 1 }, sampler);
    const tile = decodeTilePng(root!.png);
    expect(tile.size).toBe(9);
    expect(tile.heights[0]).toBe(-1000 + 100); // north-west corner
    expect(tile.heights[8]).toBe(1000 + 100); // north-east
    expect(tile.heights[8 * 9]).toBe(-1000 - 100); // south-west
    expect(tile.land[0]).toBe(0);
    expect(tile.land[8]).toBe(255);
    expect([root!.minH, root!.maxH]).toEqual([-1100, 1100]);
  });

  it('puts neighbouring tiles’ shared edge samples at identical positions, across levels too', () => {
    for (const s of [spec, { halfExtentKm: 1250, tileSize: 129, levels: 4 }, { halfExtentKm: 650, tileSize: 129, levels: 4 }]) {
      const last = s.tileSize - 1;
      for (const t of listTiles(s.levels)) {
        const n = 2 ** t.z;
        for (let k = 0; k < s.tileSize; k++) {
          if (t.x + 1 < n) {
            expect(samplePosition(s, t, last, k)).toEqual(samplePosition(s, { ...t, x: t.x + 1 }, 0, k));
          }
          if (t.y + 1 < n) {
            expect(samplePosition(s, t, k, last)).toEqual(samplePosition(s, { ...t, y: t.y + 1 }, k, 0));
          }
        }
        if (t.z + 1 < s.levels) {
          // Every sample of a tile is also a sample of its children (even indices).
          const child = { z: t.z + 1, x: 2 * t.x + 1, y: 2 * t.y };
          expect(samplePosition(s, child, 0, 2)).toEqual(samplePosition(s, t, last / 2, 1));
        }
      }
      const root = { z: 0, x: 0, y: 0 };
      expect(samplePosition(s, root, 0, 0)).toEqual([-s.halfExtentKm, s.halfExtentKm]);
      expect(samplePosition(s, root, last, last)).toEqual([s.halfExtentKm, -s.halfExtentKm]);
    }
  });
});

describe('geodata: encoding', () => {
  it('round-trips heights and land fraction exactly through RGBA and PNG', () => {
    const size = 16;
    const heights = Array.from(
      { length: size * size },
      (_, k) => [MIN_HEIGHT_M, MAX_HEIGHT_M, 0, -1, 1, 255, 256, -10994][k % 8]! + (k % 8 > 1 ? k : 0),
    );
    const land = Array.from({ length: size * size }, (_, k) => k % 256);
    const rgba = encodeRgba(heights, land, size);
    expect(Array.from(decodeRgba(rgba).heights)).toEqual(heights);
    expect(Array.from(rgba.filter((_, k) => k % 4 === 3))).toEqual(new Array(size * size).fill(255));
    const decoded = decodeTilePng(encodeTilePng(heights, land, size));
    expect(decoded.size).toBe(size);
    expect(Array.from(decoded.heights)).toEqual(heights);
    expect(Array.from(decoded.land)).toEqual(land);
  });

  it('rounds to whole metres and clamps to the encodable range', () => {
    const rgba = encodeRgba([12.4, -12.6, -20000, 70000], [0, 0, 0, 0], 2);
    expect(Array.from(decodeRgba(rgba).heights)).toEqual([12, -13, MIN_HEIGHT_M, MAX_HEIGHT_M]);
  });
});

describe('geodata: grids', () => {
  it('interpolates bilinearly, wraps periodic longitudes and reports gaps', () => {
    const g: LonLatGrid = {
      nx: 4,
      ny: 3,
      lon0: 0,
      dLon: 90,
      lat0: -10,
      dLat: 10,
      data: [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, -9],
      periodic: true,
      noData: -9,
    };
    expect(sampleBilinear(g, -5, 45)).toBeCloseTo(5.5, 12);
    expect(sampleBilinear(g, -10, 315)).toBeCloseTo(1.5, 12); // between column 3 and column 0
    expect(sampleBilinear(g, -10, -45)).toBeCloseTo(1.5, 12);
    expect(sampleBilinear(g, 10, 180)).toBe(22);
    expect(sampleBilinear(g, 5, 250)).toBeNaN(); // touches the missing node
    expect(sampleBilinear(g, 11, 0)).toBeNaN();
  });
});

describe('geodata: lines', () => {
  it('Douglas–Peucker keeps the end points and drops collinear points', () => {
    expect(douglasPeucker([0, 0, 1, 1, 2, 2, 3, 3, 10, 10], 0.3)).toEqual([0, 0, 10, 10]);
    expect(douglasPeucker([0, 0, 5, 0, 5, 5], 0.3)).toEqual([0, 0, 5, 0, 5, 5]);
    expect(douglasPeucker([0, 0, 1, 0.1, 2, -0.1, 3, 0, 4, 2, 5, 0], 0.3)).toEqual([0, 0, 3, 0, 4, 2, 5, 0]);
    expect(douglasPeucker([1, 2], 0.3)).toEqual([1, 2]);
  });

  it('clips to the square, cutting at the edge and rejoining rings', () => {
    expect(clipPolyline([-2, 0, 0, 0, 2, 0], -1, -1, 1, 1)).toEqual([[-1, 0, 0, 0, 1, 0]]);
    expect(clipPolyline([0, 0, 0, 5, 0.5, 5, 0.5, 0], -1, -1, 1, 1)).toEqual([
      [0, 0, 0, 1],
      [0.5, 1, 0.5, 0],
    ]);
    // A ring starting inside that leaves once comes back as one line.
    const ring = clipPolyline([0, 0, 0, 5, 0.5, 5, 0.5, 0, 0, 0], -1, -1, 1, 1);
    expect(ring).toEqual([[0.5, 1, 0.5, 0, 0, 0, 0, 1]]);
    expect(clipPolyline([5, 5, 6, 6], -1, -1, 1, 1)).toEqual([]);
  });

  it('quantises to integer units and drops degenerate lines', () => {
    expect(quantizeLine([0.04, -0.04, 0.06, 0, 0.31, 0.29], 0.1)).toEqual([0, 0, 1, 0, 3, 3]);
    expect(quantizeLine([0.01, 0.01, 0.02, 0.02], 0.1)).toBeNull();
    expect(prepareLine([-20, 0, 0, 0, 0.05, 0.001, 20, 0], 10, 0.3, 0.1)).toEqual([[-100, 0, 100, 0]]);
  });

  it('parses GMT multi-segment text and stitches pieces cut at bin edges', () => {
    const text = [
      '> Shore Bin # 2, Level 1',
      '1\t0',
      '2\t0',
      '> Shore Bin # 1, Level 1',
      '0\t0',
      '1\t0',
      '> empty',
      '> Bin # 3',
      '5\t5',
      '6\t5',
      '5\t5',
      '',
    ].join('\n');
    const segs = parseMultisegment(text);
    expect(segs).toHaveLength(3);
    expect(stitchSegments(segs)).toEqual([
      [
        ['0', '0'],
        ['1', '0'],
        ['2', '0'],
      ],
      [
        ['5', '5'],
        ['6', '5'],
        ['5', '5'],
      ],
    ]);
  });
});
