/**
 * bench/README.md: what limited each figure of the last run, at length. The README's table keeps
 * one phrase a figure; the explanation (`why`: what was profiled, measured or tried) and the
 * supporting numbers (`detail`) are here, made from the same `bench/results.json`.
 */
import { fileURLToPath } from 'node:url';
import { writeMarkdown } from './markdown-file.ts';
import type { BenchReport } from './report-file.ts';
import type { BenchResult } from './result.ts';
import { formatValue, passText } from './table.ts';

export const BENCH_README_FILE = fileURLToPath(new URL('./README.md', import.meta.url));

/** "Last run: DATE on MACHINE (load average …)." */
export function machineLine(report: BenchReport): string {
  const m = report.machine;
  return `Last run: ${m.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node.replace(/^v/, '')}, ${m.platform}
(load average ${m.loadAverage.start} at the start, ${m.loadAverage.end ?? '?'} at the end).`;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/[.\s]*$/, '.');

function section(r: BenchResult): string {
  const target = r.target === '—' ? 'no target' : `target ${r.target}, ${passText(r)}`;
  const lines = [`## ${r.name}`, '', `**${formatValue(r)}** (${target}). Limited by ${r.limitedBy}.`];
  if (r.why) lines.push('', sentence(r.why));
  if (r.detail) lines.push('', `Measured: ${r.detail}.`);
  return lines.join('\n');
}

export function benchReadme(report: BenchReport): string {
  return `# What limits each benchmark figure

Written by \`npm run bench\` with the table in the README's performance section, from the same
run (\`bench/results.json\`); do not edit it by hand. Each figure: what it measured, the phrase
the table gives, then how that limit was found and the numbers it rests on.

${machineLine(report)}

${report.results.map(section).join('\n\n')}
`;
}

export async function writeBenchReadme(report: BenchReport): Promise<void> {
  await writeMarkdown(BENCH_README_FILE, benchReadme(report));
}
