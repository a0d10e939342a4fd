/**
 * Terrain tile encoding: RGBA8 PNG, height m = R * 256 + G - 12000, B = land fraction 0..255
 * (255 = land), A = 255. Row 0 is the north edge, column 0 the west edge. Pure.
 */
import { decode, encode } from 'fast-png';

export const HEIGHT_OFFSET_M = 12000;
export const MIN_HEIGHT_M = -HEIGHT_OFFSET_M;
export const MAX_HEIGHT_M = 65535 - HEIGHT_OFFSET_M;
export const ENCODING_DESCRIPTION = 'RGBA8 PNG: height m = R*256 + G - 12000; B = land fraction 0..255 (255 = land); A = 255';

/** Heights are stored as whole metres, clamped to the encodable range. */
export function quantizeHeight(heightM: number): number {
  const h = Math.round(heightM);
  return h < MIN_HEIGHT_M ? MIN_HEIGHT_M : h > MAX_HEIGHT_M ? MAX_HEIGHT_M : h;
}

export function quantizeLand(fraction: number): number {
  const f = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
  return Math.round(f * 255);
}

/** Interleaved RGBA bytes for size × size samples of (whole-metre height, land byte). */
export function encodeRgba(heights: ArrayLike<number>, land: ArrayLike<number>, size: number): Uint8Array {
  const n = size * size;
  if (heights.length !== n || land.length !== n) throw new Error(`expected ${n} samples`);
  const rgba = new Uint8Array(n * 4);
  for (let k = 0; k < n; k++) {
    const v = quantizeHeight(heights[k] as number) + HEIGHT_OFFSET_M;
    rgba[4 * k] = v >> 8;
    rgba[4 * k + 1] = v & 0xff;
    rgba[4 * k + 2] = land[k] as number;
    rgba[4 * k + 3] = 255;
  }
  return rgba;
}

export function decodeRgba(rgba: ArrayLike<number>): { heights: Int32Array; land: Uint8Array } {
  const n = rgba.length / 4;
  const heights = new Int32Array(n);
  const land = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    heights[k] = (rgba[4 * k] as number) * 256 + (rgba[4 * k + 1] as number) - HEIGHT_OFFSET_M;
    land[k] = rgba[4 * k + 2] as number;
  }
  return { heights, land };
}

/** A PNG (fixed deflate level, no metadata chunks: byte-identical for identical samples). */
export function encodeTilePng(heights: ArrayLike<number>, land: ArrayLike<number>, size: number): Uint8Array {
  const data = encodeRgba(heights, land, size);
  return encode({ width: size, height: size, data, depth: 8, channels: 4 }, { zlib: { level: 9 } });
}

export function decodeTilePng(png: Uint8Array): { size: number; heights: Int32Array; land: Uint8Array } {
  const img = decode(png);
  if (img.width !== img.height || img.channels !== 4 || img.depth !== 8) {
    throw new Error(`not an RGBA8 square tile: ${img.width}x${img.height}, ${img.channels} channels, depth ${img.depth}`);
  }
  return { size: img.width, ...decodeRgba(img.data) };
}
