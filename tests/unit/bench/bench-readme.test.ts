// The performance table keeps a phrase per figure; the explanation and the numbers behind it go
// to bench/README.md, both written from the same results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { benchReadme } from '../../../bench/bench-readme.ts';
import { readmeSection } from '../../../bench/readme-section.ts';
import type { BenchReport } from '../../../bench/report-file.ts';
import { atMost, figure, MAX_LIMITED_BY_CHARS } from '../../../bench/result.ts';

const report: BenchReport = {
  machine: {
    cpus: 2,
    cpuModel: 'Test CPU',
    memGiB: 8,
    node: 'v20.20.2',
    platform: 'linux 6.1',
    date: '2026-12-01T10:00:00.000Z',
    loadAverage: { start: 0.5, end: 1.25 },
  },
  durationSeconds: 100,
  results: [
    figure({
      name: 'send lag p99',
      value: 0.0554,
      unit: 'ms',
      target: atMost(1),
      limitedBy: "CPU taken from the sending thread's spin",
      why: 'sends leave on time by spinning through the last 1.2 ms before each',
      detail: '5,000 requests over 2 s',
    }),
    figure({ name: 'throughput', value: 26214.4, unit: 'req/s', digits: 0, limitedBy: 'two cores' }),
  ],
};

test('a limited-by phrase longer than a table cell is refused, naming the figure', () => {
  const long = 'x'.repeat(MAX_LIMITED_BY_CHARS + 1);
  assert.throws(
    () => figure({ name: 'p99', value: 1, unit: 'ms', limitedBy: long }),
    new RegExp(`figure "p99": limitedBy has ${MAX_LIMITED_BY_CHARS + 1} characters; a table cell takes at most`),
  );
  assert.equal(figure({ name: 'p99', value: 1, unit: 'ms', limitedBy: 'x'.repeat(60) }).limitedBy.length, 60);
});

test('the README table has the phrase; bench/README.md has the phrase, the explanation and the numbers', () => {
  const section = readmeSection(report);
  assert.match(section, /\| send lag p99 \| 0\.055 ms \| ≤ 1 \| pass \| CPU taken from the sending thread's spin \|/);
  assert.doesNotMatch(section, /spinning through/);
  assert.match(section, /1 of 1 targets met/);
  assert.match(section, /\[bench\/README\.md\]\(bench\/README\.md\)/);

  const details = benchReadme(report);
  assert.match(details, /Last run: 2026-12-01 on 2 × Test CPU, 8 GiB, Node 20\.20\.2, linux 6\.1/);
  assert.match(
    details,
    /## send lag p99\n\n\*\*0\.055 ms\*\* \(target ≤ 1, pass\)\. Limited by CPU taken from the sending thread's spin\.\n\nSends leave on time by spinning through the last 1\.2 ms before each\.\n\nMeasured: 5,000 requests over 2 s\./,
  );
  assert.match(details, /## throughput\n\n\*\*26,214 req\/s\*\* \(no target\)\. Limited by two cores\.\n/);
});

test('the README as committed keeps every limited-by cell to a phrase', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Performance'), readme.indexOf('## Scripts'));
  const rows = table.split('\n').filter((l) => l.startsWith('| ') && !/^\| (figure|-)/.test(l));
  assert.ok(rows.length > 20, `${rows.length} figures`);
  for (const row of rows) {
    const cell = row
      .slice(0, -1)
      .split(/(?<!\\)\|/)
      .at(-1)!
      .trim();
    assert.ok(cell.length <= MAX_LIMITED_BY_CHARS, `${cell.length} characters: ${cell}`);
  }
});
