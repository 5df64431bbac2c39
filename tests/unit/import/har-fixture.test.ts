// The hand-written HAR 1.2 file (tests/fixtures/import/har-three-entries.har): three entries, one
// with every timing, one with -1 (not applicable) for blocked/dns/connect/ssl, one that got no
// response; strings with escapes, braces and brackets before and inside the entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readImportFile, type ReadImport } from '../../../main/import/index.ts';
import { PHASE_KEYS } from '../../../main/import/imported-request.ts';

const FILE = 'tests/fixtures/import/har-three-entries.har';

function imported(read: ReadImport) {
  if (read.format !== 'har') assert.fail(`read as ${read.format}`);
  return read.run;
}

test('three entries: start = startedDateTime, latency = time, status 0 with the browser error', async () => {
  const { doc } = imported(await readImportFile(FILE));
  // Starts .000, .050 and 11:00:00.200+01:00 = 10:00:00.200; times 120.5, 40 and 15.25 ms.
  assert.deepEqual(doc.requests, [
    {
      id: 0,
      endpoint: 0,
      intended: 0,
      sent: 0,
      accepted: null,
      responded: null,
      received: 120_500,
      status: 200,
      error: null,
      conn: 0,
    },
    {
      id: 1,
      endpoint: 1,
      intended: 50_000,
      sent: 50_000,
      accepted: null,
      responded: null,
      received: 90_000,
      status: 304,
      error: null,
      conn: 0,
    },
    {
      id: 2,
      endpoint: 2,
      intended: 200_000,
      sent: 200_000,
      accepted: null,
      responded: null,
      received: 215_250,
      status: 0,
      error: 'net::ERR_CONNECTION_RESET',
      conn: 1,
    },
  ]);
  assert.equal(doc.info.createdAt, '2026-01-05T10:00:00.000Z');
  assert.deepEqual(doc.scenario.target, {
    kind: 'imported',
    format: 'har',
    file: 'har-three-entries.har',
    endpoints: ['GET /', 'GET /static/app.js', 'POST /api/login'],
    notes: [],
  });
  // The socket id names the lane; an entry without one goes on the browser's lane.
  assert.deepEqual(
    doc.lanes.map((l) => l.name),
    ['connection 101', 'browser'],
  );
});

test('the summary of 15.25, 40 and 120.5 ms with one error (304 is not an error)', async () => {
  const { doc } = imported(await readImportFile(FILE));
  assert.deepEqual(doc.info.summary, {
    requests: 3,
    errors: 1,
    errorRate: 1 / 3,
    makespanMs: 215.25,
    throughputRps: 9.292, // 2 × 1000 / 215.25 = 9.29152…
    p50Ms: 40,
    p95Ms: 120.5,
    p99Ms: 120.5,
    maxMs: 120.5,
    meanMs: 58.583, // 175.75 / 3
    maxLoopBlockMs: 0,
    threadsUsed: 0,
    sendLagP99Ms: 0,
  });
});

test('client phases: -1 is "does not apply" (NaN here), connect is given without the TLS it includes', async () => {
  const { phases } = imported(await readImportFile(FILE));
  const rows = [0, 1, 2].map((id) =>
    Object.fromEntries(PHASE_KEYS.map((k, j) => [k, phases[id * PHASE_KEYS.length + j]])),
  );
  assert.deepEqual(rows, [
    { blockedMs: 2, dnsMs: 5, connectMs: 12, tlsMs: 8, sendMs: 0.5, waitMs: 80, receiveMs: 13 }, // connect 20 − ssl 8
    { blockedMs: NaN, dnsMs: NaN, connectMs: NaN, tlsMs: NaN, sendMs: 1, waitMs: 35, receiveMs: 4 },
    { blockedMs: 0.25, dnsMs: NaN, connectMs: NaN, tlsMs: NaN, sendMs: 0, waitMs: 15, receiveMs: 0 },
  ]);
});
