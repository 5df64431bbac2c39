/**
 * A URL run in every export: the report says where the load went and that server threads are
 * not visible, predicts nothing from the model, lists the requests of the mix; the CSV and the
 * trace name each request by its method and URL; the JSON export round-trips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderComparisonHtml, renderHtmlReport } from '../../../../shared/report/html.ts';
import { runToCsv } from '../../../../shared/report/csv.ts';
import { parseRunJson, runToJson } from '../../../../shared/report/json.ts';
import { runToChromeTrace } from '../../../../shared/report/chrome-trace.ts';
import { URL_PROBED_NOTE, URL_THREADS_NOTE } from '../../../../shared/url-target.ts';
import type { RequestRecord } from '../../../../shared/trace.ts';
import { blockedLoopRun, makeRun } from '../fixtures.ts';

const MS = 1000;
const record = (id: number, endpoint: number, latencyMs: number, status = 200): RequestRecord => ({
  id,
  endpoint,
  intended: id * 10 * MS,
  sent: id * 10 * MS,
  accepted: null,
  responded: null,
  received: (id * 10 + latencyMs) * MS,
  status,
  error: status >= 400 ? `HTTP ${status}` : null,
  conn: 0,
});

const urlRun = (extra: object = {}) =>
  makeRun({
    name: 'My API',
    scenario: {
      target: {
        kind: 'url',
        requests: [
          { url: 'http://127.0.0.1:8000/api/items', weight: 3, headers: { Authorization: 'Bearer x' } },
          { method: 'POST', url: 'http://127.0.0.1:8000/api/orders', body: '{"qty":1}' },
        ],
      },
      server: { model: 'async' },
      endpoints: [{ name: 'url', view: 'async', steps: [] }],
      load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
      ...extra,
    },
    lanes: [{ id: 0, name: 'client 1', kind: 'client', process: -1 }],
    spans: [],
    requests: [record(0, 0, 50), record(1, 1, 80), record(2, 0, 55), record(3, 0, 60, 500)],
  });

test('the report: ran against the URLs, no model bound, the mix listed, server threads said to be invisible', () => {
  const html = renderHtmlReport(urlRun());
  assert.match(html, /against 2 URLs · complete/);
  assert.match(html, /<h2>Target<\/h2><p>Ran against <code>2 URLs<\/code>/);
  assert.ok(
    html.includes(URL_THREADS_NOTE.replace("client's", 'client&#39;s').replace("Interleave's", 'Interleave&#39;s')),
  );
  assert.match(
    html,
    /<td><code>GET<\/code><\/td><td><code>http:\/\/127\.0\.0\.1:8000\/api\/items<\/code><\/td><td class="num">75%<\/td><td>1 header: Authorization<\/td>/,
  );
  assert.match(
    html,
    /<td><code>POST<\/code><\/td><td><code>http:\/\/127\.0\.0\.1:8000\/api\/orders<\/code><\/td><td class="num">25%<\/td><td>body of 9 characters<\/td>/,
  );
  for (const absent of [
    'Measured against the model',
    'the model allows',
    'Event-loop delay',
    'Busy threads',
    'longest loop block',
    'threads used',
    'async def',
    'Interpreter lock',
  ])
    assert.ok(!html.includes(absent), absent);
  assert.ok(!/NaN|undefined/.test(html));

  const one = renderHtmlReport(
    urlRun({ target: { kind: 'url', requests: [{ method: 'DELETE', url: 'http://[::1]:8000/x' }] } }),
  );
  assert.match(one, /against DELETE http:\/\/\[::1\]:8000\/x · complete/);
});

test('CSV and trace name each request by method and URL; the JSON export round-trips', () => {
  const doc = urlRun();
  const rows = runToCsv(doc).trim().split('\r\n');
  assert.match(rows[1], /^0,GET http:\/\/127\.0\.0\.1:8000\/api\/items,200,,/);
  assert.match(rows[2], /^1,POST http:\/\/127\.0\.0\.1:8000\/api\/orders,200,,/);
  assert.match(JSON.stringify(runToChromeTrace(doc)), /POST http:\/\/127\.0\.0\.1:8000\/api\/orders/);
  assert.deepEqual(parseRunJson(runToJson(doc)), doc);
});

test('an imported URL run may index every request of its mix, and no further', () => {
  const doc = urlRun();
  doc.requests[0].endpoint = 2;
  assert.throws(
    () => parseRunJson(runToJson(doc)),
    /`requests\[0\]\.endpoint` is 2; the scenario has 2 request\(s\) in its URL list/,
  );
});

test('a comparison with a URL run predicts nothing for it and names its requests', () => {
  const html = renderComparisonHtml([blockedLoopRun(), urlRun()]);
  assert.match(html, /model: expected p95<\/th><td class="num">[^<–]+<\/td><td class="num">–<\/td>/);
  assert.match(html, /your own server: 2 URLs/);
  assert.match(html, /<code>POST http:\/\/127\.0\.0\.1:8000\/api\/orders<\/code>/);
  assert.ok(!/NaN|undefined/.test(html));
});

test('a URL run whose server carries the probe: the report draws its threads and says where they came from', () => {
  const run = urlRun();
  run.lanes.push({ id: 1, name: 'event loop (pid 4242)', kind: 'loop', process: 0 });
  const html = renderHtmlReport(run);
  assert.ok(html.includes(URL_PROBED_NOTE.replaceAll("'", '&#39;')));
  assert.ok(!html.includes('Server threads are not visible'));
  assert.match(html, /<h2>Threads over time<\/h2><svg/);
});
