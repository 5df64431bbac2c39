/**
 * The README's performance section, made from `bench/results.json` so the two cannot disagree.
 * `npm run bench` writes it to bench/README-section.md (and each figure's explanation to
 * bench/README.md, see bench-readme.ts); to remake both from the last results:
 *
 *   node --import tsx bench/readme-section.ts
 */
import { fileURLToPath } from 'node:url';
import { machineLine, writeBenchReadme } from './bench-readme.ts';
import { writeMarkdown } from './markdown-file.ts';
import { readReport, type BenchReport } from './report-file.ts';
import { formatValue, passText } from './table.ts';

export const README_SECTION_FILE = fileURLToPath(new URL('./README-section.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function readmeSection(report: BenchReport): string {
  const passed = report.results.filter((r) => r.pass === true).length;
  const targets = report.results.filter((r) => r.pass !== null).length;
  const rows = report.results.map(
    (r) => `| ${cell(r.name)} | ${cell(formatValue(r))} | ${cell(r.target)} | ${passText(r)} | ${cell(r.limitedBy)} |`,
  );
  return `## Performance

\`npm run bench\` runs the benchmark suite (separate from the tests, about ${Math.ceil(report.durationSeconds / 60)} minutes on
2 cores, everything on loopback), prints this table and writes \`bench/results.json\`. Comparisons
are ratios taken in the same run, alternating the two sides, so a machine that slows down during
the suite slows both alike; each figure names what limited it, and [bench/README.md](bench/README.md)
(written by the same run) says how that was found, with the numbers behind each figure. The
renderer figures are taken in Chromium (headless, no GPU) against the built UI served by the
browser-mode host.

${machineLine(report)} ${passed} of ${targets} targets met.

| figure | measured | target | pass | limited by |
|---|---|---|---|---|
${rows.join('\n')}
`;
}

export async function writeReadmeSection(report: BenchReport): Promise<void> {
  await writeMarkdown(README_SECTION_FILE, readmeSection(report));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = readReport();
  await writeReadmeSection(report);
  await writeBenchReadme(report);
}
