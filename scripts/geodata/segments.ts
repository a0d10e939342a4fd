/**
 * GMT multi-segment text (as `gmt coast -M` writes it) and stitching of the pieces GSHHG's bins
 * cut lines into. Pure.
 */

/** Segments as lists of [lon, lat] text pairs, kept as text so that end points compare exactly. */
export function parseMultisegment(text: string): string[][][] {
  const segments: string[][][] = [];
  let current: string[][] | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('>')) {
      current = [];
      segments.push(current);
      continue;
    }
    const [lon, lat] = line.split(/\s+/);
    if (lon === undefined || lat === undefined) throw new Error(`bad record: ${line}`);
    if (!current) {
      current = [];
      segments.push(current);
    }
    current.push([lon, lat]);
  }
  return segments.filter((s) => s.length >= 2);
}

/**
 * Join segments where one ends exactly where another starts (GSHHG stores shorelines and rivers
 * per 1° bin, so `gmt coast -M` cuts them at bin edges). Chains that close on themselves become
 * rings. Deterministic: follows input order.
 */
export function stitchSegments(segments: string[][][]): string[][][] {
  const key = (p: string[]) => `${p[0]} ${p[1]}`;
  const byStart = new Map<string, number[]>();
  const endKeys = new Set<string>();
  segments.forEach((s, i) => {
    const k = key(s[0] as string[]);
    const list = byStart.get(k);
    if (list) list.push(i);
    else byStart.set(k, [i]);
    endKeys.add(key(s[s.length - 1] as string[]));
  });
  const used = new Uint8Array(segments.length);
  const takeNext = (endKey: string): number => {
    const list = byStart.get(endKey);
    if (!list) return -1;
    for (const i of list) if (!used[i]) return i;
    return -1;
  };
  const chainFrom = (start: number): string[][] => {
    used[start] = 1;
    const out = (segments[start] as string[][]).slice();
    for (;;) {
      const endKey = key(out[out.length - 1] as string[]);
      if (endKey === key(out[0] as string[])) break;
      const next = takeNext(endKey);
      if (next < 0) break;
      used[next] = 1;
      out.push(...(segments[next] as string[][]).slice(1));
    }
    return out;
  };
  const out: string[][][] = [];
  // Open chains first: from every segment whose start is nobody's end; then the closed loops.
  segments.forEach((s, i) => {
    if (!used[i] && !endKeys.has(key(s[0] as string[]))) out.push(chainFrom(i));
  });
  segments.forEach((_, i) => {
    if (!used[i]) out.push(chainFrom(i));
  });
  return out;
}
