/**
 * The README's performance section, made from `bench/results.json` so the two cannot disagree.
 * `npm run bench` writes it to bench/README-section.md; to remake it from the last results:
 *
 *   node --import tsx bench/readme-section.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readReport, type BenchReport } from './report-file.ts';
import { formatValue, passText } from './table.ts';

export const README_SECTION_FILE = fileURLToPath(new URL('./README-section.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function readmeSection(report: BenchReport): string {
  const m = report.machine;
  const passed = report.results.filter((r) => r.pass === true).length;
  const targets = report.results.filter((r) => r.pass !== null).length;
  const rows = report.results.map(
    (r) => `| ${cell(r.name)} | ${cell(formatValue(r))} | ${cell(r.target)} | ${passText(r)} | ${cell(r.limitedBy)} |`,
  );
  return `## Performance

\`npm run bench\` runs the benchmark suite (separate from the tests, about ${Math.ceil(report.durationSeconds / 60)} minutes on
2 cores, everything on loopback), prints this table and writes \`bench/results.json\`. Comparisons
are ratios taken in the same run, alternating the two sides, so a machine that slows down during
the suite slows both alike; each figure says what limited it. The renderer figures are taken in
Chromium (headless, no GPU) against the built UI served by the browser-mode host.

Last run: ${m.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node.replace(/^v/, '')}, ${m.platform}
(load average ${m.loadAverage.start} at the start, ${m.loadAverage.end ?? '?'} at the end). ${passed} of ${targets} targets met.

| figure | measured | target | pass | limited by |
|---|---|---|---|---|
${rows.join('\n')}
`;
}

/** Writes the section formatted as `npm run lint` expects (prettier, the project's settings). */
export async function writeReadmeSection(report: BenchReport): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(README_SECTION_FILE)) ?? {};
  writeFileSync(README_SECTION_FILE, await prettier.format(readmeSection(report), { ...options, parser: 'markdown' }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeReadmeSection(readReport());
