/**
 * Turning schema failures into sentences a person can act on:
 * "`load.concurrency` is 5000; allowed at most 1000". Every edge (CLI flags, scenario files,
 * bridge calls) validates with `parseOrExplain` so the wording is the same everywhere.
 */
import type { z } from 'zod';

/** A value that failed validation, with one line per problem. */
export class ValidationError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string[],
  ) {
    super(`${what} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

/** Dotted path like `endpoints[0].steps[2].ms`, or `(root)`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function unit(origin: string | undefined, count: number | bigint): string {
  const one = Number(count) === 1;
  if (origin === 'array') return one ? ' item' : ' items';
  if (origin === 'string') return one ? ' character' : ' characters';
  return '';
}

/** One readable line for one issue. */
function describeIssue(issue: Issue): string {
  const where = `\`${formatPath(issue.path)}\``;
  const got = show(issue.input);
  switch (issue.code) {
    case 'too_small':
      return `${where} is ${got}; allowed ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${unit(issue.origin, issue.minimum)}`;
    case 'too_big':
      return `${where} is ${got}; allowed ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${unit(issue.origin, issue.maximum)}`;
    case 'invalid_value':
      return `${where} is ${got}; allowed ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `${where} is ${got}; expected ${issue.expected}`;
    case 'invalid_union': {
      // A discriminated union reports the whole object as the input; what failed is its tag.
      const tagged = issue as { discriminator?: string; options?: unknown[] };
      if (tagged.discriminator && tagged.options && issue.input !== null && typeof issue.input === 'object') {
        const tag = (issue.input as Record<string, unknown>)[tagged.discriminator];
        return `${where} is ${show(tag)}; allowed ${tagged.options.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return `${where} is ${got}; ${issue.message}`;
    }
    case 'unrecognized_keys':
      return `${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    default:
      return `${where} ${issue.message}`;
  }
}

/**
 * One bound per field and side: a whole-number field also checks the safe-integer range, so
 * `1e308` broke two upper bounds and was told "at most 9007199254740991" before "at most
 * 1000000". The tighter bound is the one a person can act on.
 */
function tightestBounds(issues: readonly Issue[]): Issue[] {
  const bound = (i: Issue) =>
    i.code === 'too_big' ? Number(i.maximum) : i.code === 'too_small' ? Number(i.minimum) : 0;
  const key = (i: Issue) => `${i.code} ${formatPath(i.path)}`;
  const tightest = new Map<string, Issue>();
  for (const issue of issues) {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') continue;
    const kept = tightest.get(key(issue));
    const tighter = !kept || (issue.code === 'too_big' ? bound(issue) < bound(kept) : bound(issue) > bound(kept));
    if (tighter) tightest.set(key(issue), issue);
  }
  return issues.filter((i) => (i.code !== 'too_big' && i.code !== 'too_small') || tightest.get(key(i)) === i);
}

/** Validate `value` with `schema`; on failure throw a ValidationError naming field, value and limit. */
export function parseOrExplain<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(what, tightestBounds(result.error.issues as Issue[]).map(describeIssue));
}
