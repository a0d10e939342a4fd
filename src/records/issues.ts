/**
 * zod's issues as problems a curator can act on, phrased for someone who edits JSON by hand: the
 * one wording for every file the app reads (campaign records, tours, the kiosk's settings), so
 * `npm run validate`, the problems panel and the kiosk's checks say the same thing.
 */
import type { z } from 'zod';
import type { Problem } from './problems.ts';

/** A file's own wording for an issue (its unions, its languages), or undefined for the common one. */
export type IssueWording = (issue: z.core.$ZodIssue) => string | undefined;

export function issueToProblem(issue: z.core.$ZodIssue, own?: IssueWording): Problem {
  return {
    path: issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
    message: own?.(issue) ?? describeIssue(issue),
    severity: 'error',
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case 'unrecognized_keys':
      return unknownFields(issue.keys);
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(' or ');
      return issue.input === undefined
        ? `missing (must be ${allowed})`
        : `must be ${allowed}, got ${JSON.stringify(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'number') return `${String(issue.input)} is below the minimum ${String(issue.minimum)}`;
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return issue.message;
    case 'too_big':
      if (issue.origin === 'number') return `${String(issue.input)} is above the maximum ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters: shorten it`;
      return issue.message;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `${JSON.stringify(issue.input)} is not an ISO instant with its UTC offset, e.g. "1944-02-20T13:40:00+01:00"`
        : issue.message;
    default:
      return issue.message;
  }
}

export const unknownFields = (keys: readonly string[]) =>
  `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isInteger(v)) return `${v}`;
  return typeof v === 'string' ? `string "${v.slice(0, 40)}"` : typeof v;
}
