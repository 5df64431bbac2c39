/**
 * Numbers as people read them in sentences and tables: "100 ms", "1.25 s", "42.5 req/s", "96%".
 * The UI, the bound's explanation and every report use these, so one run reads the same
 * everywhere. Three significant figures are enough for anything measured on a shared machine.
 */

/** A duration: "0.42 ms", "12.5 ms", "312 ms", "1.25 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'unbounded' : '–';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sig(ms)} ms`;
  if (abs < 120_000) return `${sig(ms / 1000)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.round((abs - minutes * 60_000) / 1000);
  return `${ms < 0 ? '-' : ''}${minutes} min${seconds ? ` ${seconds} s` : ''}`;
}

/** A rate: "42.5 req/s". */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps)) return 'unbounded';
  return `${sig(rps)} req/s`;
}

/** A fraction as a percentage: 0.962 → "96%"; below 10% one decimal: "4.5%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const p = fraction * 100;
  return `${Math.abs(p) < 10 && p !== 0 ? p.toFixed(1).replace(/\.0$/, '') : Math.round(p)}%`;
}

/** A share of failures: like formatPercent, but never "0%" when something failed: "<0.1%". */
export function formatErrorRate(fraction: number): string {
  return fraction > 0 && fraction < 0.0005 ? '<0.1%' : formatPercent(fraction);
}

/** A ratio: 3.14 → "3.1×". */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1).replace(/\.0$/, '')}×`;
}

/** "1 request", "10 requests". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** Three significant figures without trailing zeros or exponent notation: 0.0421, 12.5, 312, 1250. */
export function sig(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return Number(x.toFixed(Math.min(digits, 6))).toString();
}
