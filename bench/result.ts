/**
 * What a benchmark reports: one row of the table and of `bench/results.json` per figure.
 *
 * Every figure carries its target and, in words, what limited it, because a number alone says
 * nothing about what to change. Targets are data here (a test and the text the table prints), so
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
  limitedBy: string;
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
  detail?: string;
  /** Decimal places kept in results.json (default 3). */
  digits?: number;
}

export function figure(f: Figure): BenchResult {
  const digits = f.digits ?? 3;
  const value = f.value === null || !Number.isFinite(f.value) ? null : Number(f.value.toFixed(digits));
  return {
    name: f.name,
    value,
    unit: f.unit,
    target: f.target?.text ?? '—',
    pass: f.target ? value !== null && f.target.test(value) : null,
    limitedBy: f.limitedBy,
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
