// The hand-written k6 file (tests/fixtures/import/k6-three-requests.json): three requests, one
// failed, metric declarations, non-HTTP points, both k6 layouts (vu/iter in metadata, and in
// tags). Every expected number below is worked out by hand from the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readImportFile, readImportText, type ReadImport } from '../../../main/import/index.ts';
import { PHASE_KEYS } from '../../../main/import/imported-request.ts';

const FILE = 'tests/fixtures/import/k6-three-requests.json';

function imported(read: ReadImport) {
  if (read.format !== 'k6') assert.fail(`read as ${read.format}`);
  return read.run;
}

test('three requests in start order, times from the first start, latency = http_req_duration', async () => {
  const { doc } = imported(await readImportFile(FILE));
  // A: ends 10:00:00.150, 100 ms → starts .050 (the origin). B: ends 11:00:00.4+01:00 = 10:00:00.400,
  // 250 ms → starts .150 = 100,000 µs. C: ends .612345678, 2.5 ms → starts .609845678 = 559,845.678 µs.
  assert.deepEqual(doc.requests, [
    {
      id: 0,
      endpoint: 0,
      intended: 0,
      sent: 0,
      accepted: null,
      responded: null,
      received: 100_000,
      status: 200,
      error: null,
      conn: 0,
    },
    {
      id: 1,
      endpoint: 1,
      intended: 100_000,
      sent: 100_000,
      accepted: null,
      responded: null,
      received: 350_000,
      status: 201,
      error: null,
      conn: 1,
    },
    {
      id: 2,
      endpoint: 0,
      intended: 559_845.678,
      sent: 559_845.678,
      accepted: null,
      responded: null,
      received: 562_345.678,
      status: 0,
      error: 'dial tcp 10.0.0.7:443: connect: connection refused',
      conn: 0,
    },
  ]);
  assert.equal(doc.info.createdAt, '2026-01-05T10:00:00.050Z');
  assert.equal(doc.info.name, 'k6 k6-three-requests.json');
  assert.equal(doc.info.status, 'complete');
});

test('the summary: nearest-rank percentiles of 2.5, 100 and 250 ms; one error; throughput of the two that succeeded', async () => {
  const { doc } = imported(await readImportFile(FILE));
  assert.deepEqual(doc.info.summary, {
    requests: 3,
    errors: 1,
    errorRate: 1 / 3,
    makespanMs: 562.346, // 562.345678 ms, first start to last end
    throughputRps: 3.557, // 2 × 1000 / 562.345678 = 3.55653…
    p50Ms: 100, // rank ceil(1.5) = 2
    p95Ms: 250, // rank ceil(2.85) = 3
    p99Ms: 250,
    maxMs: 250,
    meanMs: 117.5, // (2.5 + 100 + 250) / 3
    maxLoopBlockMs: 0,
    threadsUsed: 0,
    sendLagP99Ms: 0,
  });
});

test('endpoints are method and path (query left out), lanes are VUs from metadata or tags, one client span a request', async () => {
  const { doc } = imported(await readImportFile(FILE));
  assert.deepEqual(doc.scenario.target, {
    kind: 'imported',
    format: 'k6',
    file: 'k6-three-requests.json',
    endpoints: ['GET /api/items', 'POST /api/cart'],
    notes: ['3 points of metrics other than HTTP requests were not imported (vus, data_sent).'],
  });
  assert.deepEqual(
    doc.scenario.endpoints.map((e) => e.name),
    ['get-api-items', 'post-api-cart'],
  );
  assert.deepEqual(doc.lanes, [
    { id: 0, name: 'VU 1', kind: 'client', process: -1 },
    { id: 1, name: 'VU 2', kind: 'client', process: -1 },
  ]);
  // Phase 11 is 'client' (sent → received).
  assert.deepEqual(doc.spans, [0, 0, 11, 0, 100_000, 1, 1, 11, 100_000, 350_000, 2, 0, 11, 559_845.678, 562_345.678]);
  assert.equal(doc.scenario.load.concurrency, 2);
  assert.deepEqual(doc.scenario.load.end, { kind: 'requests', count: 3 });
});

test('client phases: k6 counts connecting and TLS inside http_req_blocked, so blocked is what is left', async () => {
  const { phases } = imported(await readImportFile(FILE));
  const rows = [0, 1, 2].map((id) =>
    Object.fromEntries(PHASE_KEYS.map((k, j) => [k, phases[id * PHASE_KEYS.length + j]])),
  );
  assert.deepEqual(rows, [
    // 12.5 blocked − 8 connecting − 3 TLS = 1.5; k6 has no DNS metric.
    { blockedMs: 1.5, dnsMs: NaN, connectMs: 8, tlsMs: 3, sendMs: 0.5, waitMs: 90, receiveMs: 9.5 },
    { blockedMs: 0, dnsMs: NaN, connectMs: 0, tlsMs: 0, sendMs: 1, waitMs: 240, receiveMs: 9 },
    { blockedMs: 0.8, dnsMs: NaN, connectMs: 0, tlsMs: 0, sendMs: 0, waitMs: 2.5, receiveMs: 0 },
  ]);
});

test('the app path (the text of a dropped file) gives the same run as the streamed file', async () => {
  const fromFile = imported(await readImportFile(FILE));
  const fromText = imported(await readImportText(readFileSync(FILE, 'utf8'), 'k6-three-requests.json'));
  assert.deepEqual(fromText.doc, fromFile.doc);
  assert.deepEqual(fromText.phases, fromFile.phases);
});
