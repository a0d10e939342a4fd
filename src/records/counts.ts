/**
 * Reading counts as the records give them. Free of the schema library, so that the scene and the
 * overlays can use it without loading the validator.
 */
import type { Amount, Count } from './schema.ts';

/** The value of a count, ignoring its qualifier. */
export function countValue(c: Count | Amount | undefined): number {
  if (c === undefined) return 0;
  return typeof c === 'number' ? c : c.value;
}

/** "921", "over 1000" */
export function describeCount(c: Count): string {
  return typeof c === 'number' ? String(c) : `${c.qualifier} ${c.value}`;
}
