/** A problem found in a record file, located by JSON path. */
export interface Problem {
  path: readonly (string | number)[];
  message: string;
  /** `error` makes the file unusable; `discrepancy` records a disagreement the source itself contains. */
  severity: 'error' | 'discrepancy';
}

/** `periods[1].missions[0].forces[2].losses.lost` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

/** `big-week-1944.json: periods[1].missions[0].forces[2].losses.lost: 420 exceeds dispatched 417` */
export function formatProblem(file: string, p: Problem): string {
  const tag = p.severity === 'discrepancy' ? ' (discrepancy in the sources)' : '';
  return `${file}: ${formatPath(p.path)}: ${p.message}${tag}`;
}
