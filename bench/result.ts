/**
 * What a benchmark reports: one row of the table and of `bench/results.json` per figure.
 *
 * Every figure carries its target and, in words, what limited it, because a number alone says
 * nothing about what to change: a short phrase for the table (`limitedBy`) and, when that is not
 * the whole story, the explanation (`why`), which bench/README.md prints in full. Targets are data here (a test and the text the table prints), so
 * the table, the JSON file and the README section cannot disagree about what passed.
 */

export interface BenchResult {
  name: string;
  /** Null when the figure could not be measured (see `limitedBy`). */
  value: number | null;
  unit: string;
  /** As printed, e.g. "≥ 0.90"; "—" when the figure is reported without a target. */
  target: string;
  /** Null when there is no target. */
  pass: boolean | null;
  /** What limited the figure, in a phrase that fits a table cell (MAX_LIMITED_BY_CHARS). */
  limitedBy: string;
  /** How: what was profiled or measured to find it, what was tried. */
  why?: string;
  /** Supporting numbers: the runs a median came from, the range, what was compared. */
  detail?: string;
}

export interface Target {
  text: string;
  test(value: number): boolean;
}

export const atLeast = (min: number, text = `≥ ${min}`): Target => ({ text, test: (v) => v >= min });
export const atMost = (max: number, text = `≤ ${max}`): Target => ({ text, test: (v) => v <= max });
export const between = (min: number, max: number, text = `${min} to ${max}`): Target => ({
  text,
  test: (v) => v >= min && v <= max,
});

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target?: Target | null;
  limitedBy: string;
  why?: string;
  detail?: string;
  /** Decimal places kept in results.json (default 3). */
  digits?: number;
}

/** Longest `limitedBy`: a phrase, not a paragraph (the paragraph goes in `why`). */
export const MAX_LIMITED_BY_CHARS = 60;

export function figure(f: Figure): BenchResult {
  if (f.limitedBy.length > MAX_LIMITED_BY_CHARS) {
    throw new Error(
      `figure "${f.name}": limitedBy has ${f.limitedBy.length} characters; a table cell takes at most ${MAX_LIMITED_BY_CHARS} (say the rest in why)`,
    );
  }
  const digits = f.digits ?? 3;
  const value = f.value === null || !Number.isFinite(f.value) ? null : Number(f.value.toFixed(digits));
  return {
    name: f.name,
    value,
    unit: f.unit,
    target: f.target?.text ?? '—',
    pass: f.target ? value !== null && f.target.test(value) : null,
    limitedBy: f.limitedBy,
    ...(f.why ? { why: f.why } : {}),
    ...(f.detail ? { detail: f.detail } : {}),
  };
}

/** One benchmark: a file in bench/benchmarks/, run in its own time budget. */
export interface Benchmark {
  id: string;
  title: string;
  /** The suite gives up on this benchmark after this long (the whole suite must stay under 10 min). */
  budgetSeconds: number;
  run(): Promise<BenchResult[]>;
}
