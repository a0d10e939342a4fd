/** GMT 6 + GSHHG: shorelines, rivers and a land/water mask, read back from the gmt CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LonLatGrid } from './grid.ts';

/** A lon/lat box in whole degrees. */
export interface LonLatBox {
  west: number;
  east: number;
  south: number;
  north: number;
}

export const region = (b: LonLatBox) => `-R${b.west}/${b.east}/${b.south}/${b.north}`;

/** Shorelines at GSHHG high resolution, levels 1 (land/ocean) and 2 (lakes), no area cut. */
export const COAST_ARGS = ['-Dh', '-W', '-M', '-A0/1/2'];
/** Rivers: permanent classes 1 (major), 2 (additional major) and 3 (additional): Korea's Han, Imjin, Naktong and Taedong are class 3. */
export const RIVER_ARGS = ['-Dh', '-I1', '-I2', '-I3', '-M'];
/** The land mask's node spacing: 30 arc-seconds. */
export const MASK_NODES_PER_DEGREE = 120;
export const MASK_ARGS = ['-I30s', '-Dh'];

/** Runs gmt in a scratch directory (classic mode writes gmt.history into the working directory). */
function gmt(args: string[], cwd: string): { stdout: Buffer; stderr: string } {
  const r = spawnSync('gmt', args, { cwd, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('gmt not found: install GMT 6 and GSHHG (Debian: apt-get install gmt gmt-gshhg-high)');
    throw r.error;
  }
  const stderr = r.stderr.toString('utf8');
  if (r.status !== 0) throw new Error(`gmt ${args.join(' ')} failed (${r.status}): ${stderr}`);
  return { stdout: r.stdout, stderr };
}

function withScratch<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sortie-geodata-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function gmtVersion(): string {
  return withScratch((dir) => gmt(['--version'], dir).stdout.toString('utf8').trim());
}

/** The GSHHG version GMT reports for the data it reads (e.g. "2.3.7"). */
export function gshhgVersion(): string {
  return withScratch((dir) => {
    const { stderr } = gmt(['coast', '-R0/1/50/51', '-Dh', '-W', '-M', '-Vi'], dir);
    const m = /GSHHG version (\S+)/.exec(stderr);
    if (!m?.[1]) throw new Error('could not tell the GSHHG version from gmt coast -Vi');
    return m[1];
  });
}

export function coastText(box: LonLatBox): string {
  return withScratch((dir) => gmt(['coast', region(box), ...COAST_ARGS], dir).stdout.toString('utf8'));
}

export function riverText(box: LonLatBox): string {
  return withScratch((dir) => gmt(['coast', region(box), ...RIVER_ARGS], dir).stdout.toString('utf8'));
}

/**
 * GSHHG land mask at 30″ on a gridline-registered grid over the box (land and islands 1; ocean,
 * lakes and ponds 0: grdlandmask's default -N0/1/0/1/0), via grdlandmask and grd2xyz -ZTLu
 * (raw unsigned bytes, first row north, first column west).
 */
export function landMask(box: LonLatBox): LonLatGrid {
  return withScratch((dir) => {
    gmt(['grdlandmask', region(box), ...MASK_ARGS, '-Gland.nc'], dir);
    const bytes = gmt(['grd2xyz', 'land.nc', '-ZTLu'], dir).stdout;
    const nx = (box.east - box.west) * MASK_NODES_PER_DEGREE + 1;
    const ny = (box.north - box.south) * MASK_NODES_PER_DEGREE + 1;
    if (bytes.length !== nx * ny) throw new Error(`mask: ${bytes.length} bytes, expected ${nx} × ${ny}`);
    const step = 1 / MASK_NODES_PER_DEGREE;
    return { nx, ny, lon0: box.west, dLon: step, lat0: box.north, dLat: -step, data: new Uint8Array(bytes), periodic: false };
  });
}

/** The exact commands, for the record (region filled in, scratch file names as used). */
export function commandLines(box: LonLatBox): { coast: string; rivers: string; mask: string } {
  const r = region(box);
  return {
    coast: ['gmt coast', r, ...COAST_ARGS].join(' '),
    rivers: ['gmt coast', r, ...RIVER_ARGS].join(' '),
    mask: `gmt grdlandmask ${r} ${MASK_ARGS.join(' ')} -Gland.nc && gmt grd2xyz land.nc -ZTLu`,
  };
}
