/** The printed table: one line per figure, columns sized to their contents. */
import type { BenchResult } from './result.ts';

export function formatValue(r: BenchResult): string {
  if (r.value === null) return 'not measured';
  const abs = Math.abs(r.value);
  const text = abs >= 1000 ? Math.round(r.value).toLocaleString('en') : String(r.value);
  return r.unit === 'ratio' ? text : `${text} ${r.unit}`;
}

export const passText = (r: BenchResult): string => (r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL');

export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ['figure', 'measured', 'target', 'pass', 'limited by'],
    ...results.map((r) => [r.name, formatValue(r), r.target, passText(r), r.limitedBy]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]) : cell)).join('  ');
  return [
    line(rows[0]),
    widths.map((w) => '─'.repeat(w)).join('  ') + '  ' + '─'.repeat(10),
    ...rows.slice(1).map(line),
  ].join('\n');
}
