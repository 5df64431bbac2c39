/**
 * Imported k6 and HAR runs through the real app (store + API, as the page calls it): stored and
 * reopened with their numbers, never run again, and shown by every export and by a comparison
 * with a model run.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../../main/app/app.ts';
import { computeSummary } from '../../../shared/analysis/summary.ts';
import { IMPORTED_RUN_LIMITS } from '../../../shared/imported-run.ts';

const K6 = readFileSync('tests/fixtures/import/k6-three-requests.json', 'utf8');
const HAR = readFileSync('tests/fixtures/import/har-three-entries.har', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'interleave-import-app-'));
let app: App;
let modelRun: number;

before(async () => {
  app = await openApp({ dataDir: dir, mode: 'browser' });
  const finished = new Promise<number>((resolve) => app.on('run', (e) => e.type === 'finished' && resolve(e.runId)));
  await app.api.startRun(
    {
      server: { model: 'async' },
      endpoints: [{ name: 'items', view: 'async', steps: [{ kind: 'await', ms: 20 }] }],
      load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 6 } },
    },
    'model of the shop',
  );
  modelRun = await finished;
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a k6 file dropped in the app is stored as a run named after it, and reopens with its numbers', async () => {
  const info = await app.api.importRun(K6, 'results.json');
  assert.equal(info.name, 'k6 results.json');
  assert.equal(info.status, 'complete');
  assert.equal(info.summary?.p95Ms, 250);
  const doc = await app.api.loadRun(info.id);
  assert.equal(doc.scenario.target.kind, 'imported');
  assert.deepEqual(computeSummary(doc), doc.info.summary);
  assert.equal(doc.requests.length, 3);
  assert.equal(doc.spans.length, 15);
});

test('an imported run cannot be run again: its scenario is refused with a sentence, and nothing starts', async () => {
  const info = await app.api.importRun(K6, 'again.json');
  const doc = await app.api.loadRun(info.id);
  const before = (await app.api.listRuns()).length;
  await assert.rejects(
    app.api.startRun(doc.scenario),
    /The scenario is not valid:\n {2}- `target\.kind` is "imported": an imported run holds another tool's measurements and cannot be run again; allowed "model", "django"/,
  );
  assert.equal((await app.api.listRuns()).length, before);
});

test('the HTML report says where the run came from and what it cannot show; no bound, no server charts', async () => {
  const info = await app.api.importRun(K6, 'results.json');
  const { text, fileName } = await app.api.exportRun(info.id, 'html');
  assert.match(fileName, /k6-results-json\.html$/);
  assert.ok(text.includes('imported from k6: results.json'));
  assert.ok(text.includes(IMPORTED_RUN_LIMITS));
  assert.ok(text.includes('<code>GET /api/items</code>'));
  assert.ok(text.includes('3 points of metrics other than HTTP requests were not imported (vus, data_sent).'));
  for (const chart of ['Throughput', 'Requests in flight', 'Latency percentiles over time', 'Latency histogram'])
    assert.ok(text.includes(chart), chart);
  for (const absent of [
    'Measured against the model',
    'Busy threads',
    'Event-loop delay',
    'Threads over time',
    'threads used',
  ])
    assert.ok(!text.includes(absent), absent);
});

test('CSV and Chrome trace name the endpoints by method and path', async () => {
  const info = await app.api.importRun(HAR, 'session.har');
  assert.equal(info.name, 'HAR session.har');
  const csv = (await app.api.exportRun(info.id, 'csv')).text.split('\r\n');
  assert.match(csv[1], /^0,GET \/,200,,/);
  assert.match(csv[3], /^2,POST \/api\/login,0,net::ERR_CONNECTION_RESET,/);
  const trace = (await app.api.exportRun(info.id, 'trace')).text;
  assert.ok(trace.includes('GET /static/app.js'));
});

test('compared with a model run: labelled by where it came from, p95 against p95, model-only rows empty', async () => {
  const info = await app.api.importRun(K6, 'results.json');
  const { text } = await app.api.exportComparison([modelRun, info.id]);
  const model = await app.api.loadRun(modelRun);
  const p95 = model.info.summary?.p95Ms ?? NaN;
  assert.match(
    text,
    new RegExp(`async: p95 [0-9.]+ ms; imported from k6: results\\.json: p95 250 ms, [0-9.]+× slower`),
  );
  assert.ok(p95 < 250, `the model's p95 (${p95} ms) is below the file's`);
  // The file holds no server: its column of the server-side rows says nothing ('–').
  const loopRow = /<th scope="row">Longest loop block<\/th>(.*?)<\/tr>/.exec(text)?.[1] ?? '';
  assert.match(loopRow, /<td class="num">[0-9.]+ (ms|s)<\/td><td class="num">–<\/td>/);
  assert.ok(text.includes('3 requests on 2 client lanes'));
});

test('an imported run exported as JSON imports back as the same imported run', async () => {
  const info = await app.api.importRun(HAR, 'session.har');
  const first = await app.api.loadRun(info.id);
  const again = await app.api.importRun((await app.api.exportRun(info.id, 'json')).text);
  const second = await app.api.loadRun(again.id);
  assert.deepEqual({ ...second, info: { ...second.info, id: 0 } }, { ...first, info: { ...first.info, id: 0 } });
});

test('a bad k6 file through the API is refused naming its line', async () => {
  const broken = K6.split('\n');
  broken[6] = broken[6].replace('"value":12.5', '"value":"12.5"');
  await assert.rejects(
    app.api.importRun(broken.join('\n'), 'broken.json'),
    /The k6 file broken\.json is not valid:\n {2}- line 7: "data\.value" of http_req_blocked is "12\.5"; expected a number/,
  );
});
