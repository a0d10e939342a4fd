/**
 * Text of a campaign file → validated records, or every problem with its JSON path.
 * Shared by the app, `npm run validate` and the tests, so all report the same messages.
 */
import type { z } from 'zod';
import { crossCheck } from './crossCheck.ts';
import { formatProblem, type Problem } from './problems.ts';
import { CampaignFile, Qualifier } from './schema.ts';

const QUALIFIERS = Qualifier.options.map((q) => `"${q}"`).join(' | ');

/** Files beyond these are refused before parsing, so a hostile file cannot hang the app. */
export const MAX_FILE_CHARS = 8_000_000;
export const MAX_DEPTH = 40;

export type LoadResult =
  { ok: true; file: string; records: CampaignFile; discrepancies: string[] } | { ok: false; file: string; problems: string[] };

export function loadCampaignText(file: string, text: string): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({
    ok: false,
    file,
    problems: problems.map((p) => formatProblem(file, p)),
  });
  if (text.length > MAX_FILE_CHARS)
    return fail([{ path: [], severity: 'error', message: `file is ${text.length} characters; the limit is ${MAX_FILE_CHARS}` }]);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail([{ path: [], severity: 'error', message: `not valid JSON: ${jsonErrorWhere(text, e)}` }]);
  }
  return loadCampaignJson(file, json);
}

export function loadCampaignJson(file: string, json: unknown): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({
    ok: false,
    file,
    problems: problems.map((p) => formatProblem(file, p)),
  });
  const deep = deepestPath(json, MAX_DEPTH);
  if (deep) return fail([{ path: deep, severity: 'error', message: `nested deeper than ${MAX_DEPTH} levels` }]);

  const parsed = CampaignFile.safeParse(json);
  if (!parsed.success) return fail(parsed.error.issues.map(issueToProblem));

  const found = crossCheck(parsed.data);
  const errors = found.filter((p) => p.severity === 'error');
  // Errors first: they are what stops the file; discrepancies follow for completeness.
  if (errors.length > 0) return fail([...errors, ...found.filter((p) => p.severity !== 'error')]);
  return {
    ok: true,
    file,
    records: parsed.data,
    discrepancies: found.map((p) => formatProblem(file, p)),
  };
}

function issueToProblem(issue: z.core.$ZodIssue): Problem {
  return {
    path: issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
    message: describeIssue(issue),
    severity: 'error',
  };
}

/** zod's messages, phrased for a curator who edits JSON by hand. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'number') return `${String(issue.input)} is below the minimum ${String(issue.minimum)}`;
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      return issue.message;
    case 'invalid_union':
      // Count and Amount are the only unions in the format.
      return `${JSON.stringify(issue.input)?.slice(0, 60) ?? 'value'} is neither a non-negative number nor {"value": n, "qualifier": ${QUALIFIERS}}`;
    default:
      return issue.message;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isInteger(v)) return `${v}`;
  return typeof v === 'string' ? `string "${v.slice(0, 40)}"` : typeof v;
}

function jsonErrorWhere(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const pos = Number(at[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** Path to the first value nested deeper than `limit`, without recursion (a hostile file could be deep). */
function deepestPath(root: unknown, limit: number): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= limit) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return null;
}
