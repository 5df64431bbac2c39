import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRequest } from '../../../../renderer/src/timeline/request-details.ts';
import { serverTimingBars } from '../../../../renderer/src/timeline/server-timing-bars.ts';
import { withDefaults } from '../../../../renderer/src/scenario/knobs.ts';
import { findPreset } from '../../../../shared/presets.ts';
import type { RequestRecord } from '../../../../shared/trace.ts';

const scenario = withDefaults(findPreset('sync-workers')!.scenario);
const base: RequestRecord = {
  id: 4,
  endpoint: 0,
  intended: 0,
  sent: 0,
  accepted: 2_000,
  responded: 60_000,
  received: 90_000,
  status: 200,
  error: null,
  conn: 9,
};
const measured: RequestRecord = {
  ...base,
  connectStart: 100,
  connectEnd: 400,
  requestStart: 450,
  requestEnd: 500,
  firstByte: 60_500,
  serverTiming: [
    { name: 'db', dur: 53, desc: 'orders' },
    { name: 'miss', dur: null, desc: null },
    { name: 'render', dur: 10, desc: null },
  ],
  serverTimingDropped: 2,
};
const describe = (r: RequestRecord) => describeRequest({ requestById: new Map([[r.id, r]]), scenario }, r.id);

test('the hover card lists each client phase with its duration, then each Server-Timing metric and what was cut', () => {
  const d = describe(measured);
  assert.equal(d.title, 'Request #4 · sync-view');
  assert.deepEqual(d.lines, [
    'HTTP 200 · latency 90 ms',
    'Client (new connection):',
    '· waiting for a connection 0.1 ms',
    '· connecting (TCP) 0.3 ms',
    '· sending the request 0.1 ms',
    '· waiting for the first byte 60 ms',
    '· reading the body 29.5 ms',
    'Server-Timing: db 53 ms "orders"',
    'Server-Timing: miss',
    'Server-Timing: render 10 ms',
    '(a metric has a duration, not a start: drawn end to end from the start of server time, in header order)',
    '2 more Server-Timing metrics not kept (at most 16 a request)',
  ]);
});

test('a run recorded before the phases says so; a reused connection says it had no connecting', () => {
  assert.deepEqual(describe(base).lines, [
    'HTTP 200 · latency 90 ms',
    'Client: sent → received 90 ms (phases not recorded in this run)',
  ]);
  const reused = { ...measured, connectStart: undefined, connectEnd: undefined, serverTiming: undefined };
  assert.equal(describe(reused).lines[1], 'Client (on a kept-alive connection, no connecting):');
});

test('Server-Timing bars: end to end in header order from the accept stamp, skipping metrics without a duration, cut at the first byte', () => {
  assert.deepEqual(serverTimingBars(measured), [
    { metric: 0, start: 2_000, end: 55_000 },
    { metric: 2, start: 55_000, end: 60_500 },
  ]);
  // No accept stamp (a server without the probe): from the end of sending.
  assert.deepEqual(serverTimingBars({ ...measured, accepted: null })[0], { metric: 0, start: 500, end: 53_500 });
  // An accept stamp outside the wait (another clock) is pulled into it.
  assert.equal(serverTimingBars({ ...measured, accepted: 100 })[0].start, 500);
  assert.deepEqual(serverTimingBars(base), []);
});

test("a URL run's card is titled with the request it sent, as its row is labelled", () => {
  const urlRun = withDefaults({
    ...findPreset('async-await')!.scenario,
    target: { kind: 'url', requests: [{ url: 'http://127.0.0.1:8000/report' }] },
  });
  const d = describeRequest({ requestById: new Map([[base.id, base]]), scenario: urlRun }, base.id);
  assert.equal(d.title, 'Request #4 · GET http://127.0.0.1:8000/report');
});
