/**
 * Sortie's geodata pipeline: npm run geodata [-- --theatre <id>] [-- --dem <file.tif>]
 *
 * For each theatre (src/geo/projection.ts) it writes under assets/geo/<theatre>/:
 *   terrain/index.json, terrain/{z}/{x}/{y}.png  relief tiles (ETOPO5 heights, GSHHG land fraction)
 *   coast.json, rivers.json                      GSHHG shorelines and major rivers, projected
 * Needs GMT 6 with GSHHG (gmt, gmt-gshhg-high) and ETOPO5 (ferret-datasets). Deterministic: the
 * same inputs give byte-identical files. No political borders, by design.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { THEATRES, project, unproject, type TheatreFrame } from '../../src/geo/projection.ts';
import { readDem, type Dem } from './dem.ts';
import { ENCODING_DESCRIPTION } from './encoding.ts';
import { ETOPO5_PATH, readEtopo5 } from './etopo.ts';
import { formatJson } from './format.ts';
import {
  MASK_NODES_PER_DEGREE,
  coastText,
  commandLines,
  gmtVersion,
  gshhgVersion,
  landMask,
  riverText,
  type LonLatBox,
} from './gmt.ts';
import { sampleBilinear, type LonLatGrid } from './grid.ts';
import { prepareLine } from './lines.ts';
import { parseMultisegment, stitchSegments } from './segments.ts';
import { buildPyramid, sampleSpacingKm, type PyramidSpec, type TerrainSampler } from './tiling.ts';

export const TILE_SIZE = 129;
export const LEVELS = 4;
/** Douglas–Peucker tolerance and the integer unit of coast.json / rivers.json, km. */
export const LINE_TOLERANCE_KM = 0.3;
export const LINE_UNIT_KM = 0.1;
/** The most sub-samples per axis when averaging the land mask over a sample's footprint. */
const MAX_LAND_SUBSAMPLES = 8;
const MASK_CELL_KM = ((Math.PI / 180) * 6371) / MASK_NODES_PER_DEGREE;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface Args {
  theatres: TheatreFrame[];
  dem?: string;
}

function parseArgs(argv: string[]): Args {
  let theatres = Object.values(THEATRES);
  let dem: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--theatre') {
      const id = value();
      const frame = (THEATRES as Record<string, TheatreFrame>)[id];
      if (!frame) throw new Error(`unknown theatre ${id}; one of ${Object.keys(THEATRES).join(', ')}`);
      theatres = [frame];
    } else if (a === '--dem') {
      dem = value();
    } else {
      throw new Error(`unknown argument ${a}; usage: npm run geodata -- [--theatre <id>] [--dem <file.tif>]`);
    }
  }
  return { theatres, dem };
}

/** Whole-degree lon/lat box holding the theatre square, with a 1° margin. */
export function lonLatBox(frame: TheatreFrame): LonLatBox {
  const h = frame.halfExtentKm;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  const steps = 512;
  const visit = (x: number, north_: number) => {
    const [lat, lon] = unproject(frame, x, -north_);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  };
  for (let k = 0; k <= steps; k++) {
    const t = -h + (2 * h * k) / steps;
    visit(t, h);
    visit(t, -h);
    visit(h, t);
    visit(-h, t);
  }
  return { west: Math.floor(west) - 1, east: Math.ceil(east) + 1, south: Math.floor(south) - 1, north: Math.ceil(north) + 1 };
}

function makeSampler(frame: TheatreFrame, etopo: LonLatGrid, mask: LonLatGrid, dem: Dem | undefined): TerrainSampler {
  return {
    height(x, north) {
      const [lat, lon] = unproject(frame, x, -north);
      if (dem) {
        const h = sampleBilinear(dem.grid, lat, lon);
        if (!Number.isNaN(h)) return h;
      }
      const h = sampleBilinear(etopo, lat, lon);
      if (Number.isNaN(h)) throw new Error(`no ETOPO5 height at ${lat}, ${lon}`);
      return h;
    },
    land(x, north, step) {
      // Box-average the bilinear mask over the sample's footprint (a single bilinear sample
      // where the spacing is about the mask's own), so coarse levels keep a true fraction.
      const n = Math.min(MAX_LAND_SUBSAMPLES, Math.max(1, Math.ceil(step / MASK_CELL_KM - 1e-9)));
      let sum = 0;
      for (let b = 0; b < n; b++) {
        const dy = n === 1 ? 0 : ((b + 0.5) / n - 0.5) * step;
        for (let a = 0; a < n; a++) {
          const dx = n === 1 ? 0 : ((a + 0.5) / n - 0.5) * step;
          const [lat, lon] = unproject(frame, x + dx, -(north + dy));
          const v = sampleBilinear(mask, lat, lon);
          if (Number.isNaN(v)) throw new Error(`no land mask at ${lat}, ${lon}`);
          sum += v;
        }
      }
      return sum / (n * n);
    },
  };
}

function projectLines(frame: TheatreFrame, text: string): number[][] {
  const lines: number[][] = [];
  for (const seg of stitchSegments(parseMultisegment(text))) {
    const pts: number[] = [];
    for (const [lon, lat] of seg) pts.push(...project(frame, Number(lat), Number(lon)));
    lines.push(...prepareLine(pts, frame.halfExtentKm, LINE_TOLERANCE_KM, LINE_UNIT_KM));
  }
  return lines;
}

function lineFile(frame: TheatreFrame, source: string, lines: number[][]): string {
  return formatJson({ theatre: frame.id, source, unit: '0.1 km', lines }, ['lines']);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const etopo = readEtopo5();
  const dem = args.dem ? await readDem(args.dem) : undefined;
  const gmtV = gmtVersion();
  const gshhgV = gshhgVersion();
  if (dem)
    console.log(
      `DEM ${dem.file}: ${dem.width} × ${dem.height}, lon ${dem.bounds[0]}..${dem.bounds[2]}, lat ${dem.bounds[1]}..${dem.bounds[3]}`,
    );

  for (const frame of args.theatres) {
    const t0 = performance.now();
    const box = lonLatBox(frame);
    const cmds = commandLines(box);
    const outDir = join(ROOT, 'assets/geo', frame.id);
    const terrainDir = join(outDir, 'terrain');
    rmSync(terrainDir, { recursive: true, force: true });

    // Lines.
    const gshhg = `GSHHG ${gshhgV} (Wessel & Smith, LGPL-3.0-or-later) high resolution via GMT ${gmtV}`;
    const lineNote = `projected aeqd about (${frame.lat0}, ${frame.lon0}), clipped to ±${frame.halfExtentKm} km, Douglas-Peucker ${LINE_TOLERANCE_KM} km`;
    const coast = projectLines(frame, coastText(box));
    const rivers = projectLines(frame, riverText(box));
    mkdirSync(outDir, { recursive: true });
    const coastJson = lineFile(
      frame,
      `${gshhg}, shorelines levels 1-2 (coast and lake shores): ${cmds.coast}; ${lineNote}`,
      coast,
    );
    const riversJson = lineFile(
      frame,
      `${gshhg}, rivers classes 1-2 (permanent major and additional major rivers): ${cmds.rivers}; ${lineNote}`,
      rivers,
    );
    writeFileSync(join(outDir, 'coast.json'), coastJson);
    writeFileSync(join(outDir, 'rivers.json'), riversJson);
    const t1 = performance.now();

    // Terrain.
    const mask = landMask(box);
    const spec: PyramidSpec = { halfExtentKm: frame.halfExtentKm, tileSize: TILE_SIZE, levels: LEVELS };
    const tiles = buildPyramid(spec, makeSampler(frame, etopo, mask, dem));
    let pngBytes = 0;
    for (const t of tiles) {
      const dir = join(terrainDir, String(t.z), String(t.x));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${t.y}.png`), t.png);
      pngBytes += t.png.length;
    }
    const spacing = Array.from({ length: LEVELS }, (_, z) => Math.round(sampleSpacingKm(spec, z) * 1000) / 1000);
    const sources: Record<string, unknown>[] = [
      {
        name: 'ETOPO5',
        use: 'heights (bilinear)',
        detail: `5 arc-minute (about 9 km) global relief and bathymetry, NOAA NGDC; ${ETOPO5_PATH} (Debian ferret-datasets), variable ROSE`,
        licence: 'public domain',
      },
    ];
    if (dem) {
      sources.push({
        name: `DEM override ${dem.file}`,
        use: 'heights where it has data, replacing ETOPO5',
        detail: `${dem.width} x ${dem.height} GeoTIFF, EPSG:4326, sha256 ${dem.sha256}`,
        licence: 'see the DEM supplier',
      });
    }
    sources.push({
      name: `GSHHG ${gshhgV}`,
      use: 'land fraction (blue channel)',
      detail: `GMT ${gmtV}: ${cmds.mask} (30 arc-second land/water mask, lakes as water), bilinear, box-averaged over each sample's footprint`,
      licence: 'LGPL-3.0-or-later (Wessel & Smith)',
    });
    const index = {
      theatre: frame.id,
      projection: { type: 'aeqd', lat0: frame.lat0, lon0: frame.lon0 },
      halfExtentKm: frame.halfExtentKm,
      tileSize: TILE_SIZE,
      levels: LEVELS,
      sampleSpacingKm: spacing,
      encoding: ENCODING_DESCRIPTION,
      tiles: tiles.map((t) => ({ z: t.z, x: t.x, y: t.y, minH: t.minH, maxH: t.maxH })),
      sources,
      generatedBy: 'npm run geodata',
    };
    writeFileSync(join(terrainDir, 'index.json'), formatJson(index, ['tiles', 'sources']));
    const t2 = performance.now();

    const minH = Math.min(...tiles.map((t) => t.minH));
    const maxH = Math.max(...tiles.map((t) => t.maxH));
    const points = (ls: number[][]) => ls.reduce((n, l) => n + l.length / 2, 0);
    console.log(
      `${frame.id}: box ${cmds.coast.split(' ')[2]}; ${tiles.length} tiles ${kib(pngBytes)}, heights ${minH}..${maxH} m; ` +
        `coast ${coast.length} lines ${points(coast)} points ${kib(coastJson.length)}; ` +
        `rivers ${rivers.length} lines ${points(rivers)} points ${kib(riversJson.length)}; ` +
        `lines ${((t1 - t0) / 1000).toFixed(1)} s, terrain ${((t2 - t1) / 1000).toFixed(1)} s`,
    );
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
