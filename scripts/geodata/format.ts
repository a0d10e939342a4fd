/** Deterministic JSON text for the generated files: fixed key order, one list item per line. Pure. */

/**
 * An object's keys in the order given, two-space indent; values of the keys named in `listKeys`
 * (arrays) are written one item per line, everything else compactly.
 */
export function formatJson(obj: Record<string, unknown>, listKeys: string[] = []): string {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  const body = entries.map(([k, v]) => {
    const key = JSON.stringify(k);
    if (listKeys.includes(k) && Array.isArray(v)) {
      if (v.length === 0) return `  ${key}: []`;
      return `  ${key}: [\n${v.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
    }
    return `  ${key}: ${JSON.stringify(v)}`;
  });
  return `{\n${body.join(',\n')}\n}\n`;
}
