// What an import keeps when a file holds more than a run can: the 31 most frequent endpoints by
// name and the rest as "other"; the first N requests in file order, with a note saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImportFile, readImportText } from '../../../main/import/index.ts';
import { MAX_IMPORTED_ENDPOINTS } from '../../../shared/limits.ts';

/** One k6 request (duration only) to `path`, ending at second `s` of the test. */
const request = (path: string, s: number) =>
  JSON.stringify({
    metric: 'http_req_duration',
    type: 'Point',
    data: {
      time: `2026-01-05T10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}Z`,
      value: 5,
      tags: { method: 'GET', url: `http://a.test${path}`, status: '200' },
    },
  });

test('40 endpoints: the 31 most used keep their names (most used first), the other 9 are "other"', async () => {
  // Endpoint /e{i} is used 40 − i times (ties impossible), so /e0…/e30 are the most used.
  const lines: string[] = [];
  let s = 0;
  for (let i = 0; i < 40; i++) for (let k = 0; k < 40 - i; k++) lines.push(request(`/e${i}`, s++ % 3600));
  const read = await readImportText(lines.join('\n'), 'many.json');
  assert.ok(read.format === 'k6');
  const { doc } = read.run;
  const target = doc.scenario.target.kind === 'imported' ? doc.scenario.target : assert.fail('not imported');
  assert.equal(target.endpoints.length, MAX_IMPORTED_ENDPOINTS);
  assert.deepEqual(target.endpoints.slice(0, 3), ['GET /e0', 'GET /e1', 'GET /e2']);
  assert.equal(target.endpoints[30], 'GET /e30');
  assert.equal(target.endpoints[31], 'other');
  // /e31…/e39 were used 9 + 8 + … + 1 = 45 times.
  assert.equal(doc.requests.filter((r) => r.endpoint === 31).length, 45);
  assert.match(
    target.notes.join(' '),
    /the 31 most frequent are shown by method and path, the other 45 requests as “other”/,
  );
  assert.equal(doc.scenario.endpoints.length, 32);
});

test('past the limit the first requests in file order are kept, and the run says so', async () => {
  const lines = Array.from({ length: 10 }, (_, i) => request(`/p${i}`, i));
  const read = await readImportText(lines.join('\n'), 'long.json', { limit: 4 });
  assert.ok(read.format === 'k6');
  const { doc } = read.run;
  assert.equal(doc.requests.length, 4);
  assert.deepEqual(doc.scenario.target.kind === 'imported' && doc.scenario.target.endpoints, [
    'GET /p0',
    'GET /p1',
    'GET /p2',
    'GET /p3',
  ]);
  assert.deepEqual(doc.scenario.target.kind === 'imported' && doc.scenario.target.notes, [
    'The file has more than 4 requests; the first 4 in file order were kept.',
  ]);
});

test('a reader that stops early (request limit, log.entries closed) closes the file it read', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-import-fd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const k6 = join(dir, 'long.json');
  writeFileSync(k6, Array.from({ length: 3000 }, (_, i) => request(`/p${i % 10}`, i % 3600)).join('\n'));
  const openFiles = () => readdirSync('/proc/self/fd').length;
  const before = openFiles();
  for (let i = 0; i < 10; i++) {
    await readImportFile(k6, { limit: 2 });
    await readImportFile('tests/fixtures/import/har-three-entries.har');
  }
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(openFiles(), before);
});
