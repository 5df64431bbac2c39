import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  chromeTraceJsonChunks,
  renderChromeTrace,
  runToChromeTrace,
  type ChromeTrace,
  type TraceEvent,
} from '../../../../shared/report/chrome-trace.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import type { RunDocument } from '../../../../shared/run.ts';
import { arbRunRecords, blockedLoopRun, gatherOffloadRun, syncWorkersRun } from '../fixtures.ts';

/** What the Trace Event Format requires of each phase type. */
function checkRequiredFields(trace: ChromeTrace): void {
  for (const e of trace.traceEvents) {
    const where = JSON.stringify(e);
    assert.equal(typeof e.name, 'string', where);
    assert.ok(e.name.length > 0, where);
    assert.ok(Number.isFinite(e.ts) && e.ts >= 0, `ts: ${where}`);
    assert.ok(Number.isInteger(e.pid) && Number.isInteger(e.tid), `pid/tid: ${where}`);
    if (e.ph === 'X') assert.ok(typeof e.dur === 'number' && e.dur >= 0, `dur: ${where}`);
    if (e.ph === 'b' || e.ph === 'e' || e.ph === 's' || e.ph === 'f')
      assert.ok(typeof e.id === 'string' && e.id.length > 0, `id: ${where}`);
    if (e.ph === 'b' || e.ph === 'e') assert.equal(e.cat, 'request', where);
    if (e.ph === 'C' || e.ph === 'M') assert.ok(e.args && Object.keys(e.args).length > 0, `args: ${where}`);
    if (e.ph === 'f') assert.equal(e.bp, 'e', where);
  }
  assert.equal(trace.displayTimeUnit, 'ms');
}

/** Every thread that carries an event has a name, every process too. */
function checkNames(trace: ChromeTrace): void {
  const threads = new Set(
    trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => `${e.pid}/${e.tid}`),
  );
  const processes = new Set(
    trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.pid),
  );
  for (const e of trace.traceEvents) {
    if (e.ph === 'M') continue;
    assert.ok(processes.has(e.pid), `process ${e.pid} unnamed`);
    if (e.ph !== 'C') assert.ok(threads.has(`${e.pid}/${e.tid}`), `thread ${e.pid}/${e.tid} unnamed (${e.name})`);
  }
}

/** Async slices of one id form a bracket sequence with time moving forward. */
function checkAsyncNesting(trace: ChromeTrace): void {
  const stacks = new Map<string, TraceEvent[]>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'b' && e.ph !== 'e') continue;
    const key = `${e.cat}/${e.id}`;
    const stack = stacks.get(key) ?? [];
    stacks.set(key, stack);
    if (e.ph === 'b') {
      const parent = stack[stack.length - 1];
      if (parent) assert.ok(e.ts >= parent.ts, `child before parent in ${key}`);
      stack.push(e);
    } else {
      const open = stack.pop();
      assert.ok(open, `e without b in ${key}`);
      assert.ok(e.ts >= open.ts, `ends before it starts in ${key}`);
      assert.equal(e.pid, open.pid);
      assert.equal(e.tid, open.tid);
    }
  }
  for (const [key, stack] of stacks) assert.equal(stack.length, 0, `${key} left open`);
}

/** Flow ends bind to a slice that encloses them on their thread. */
function checkFlows(trace: ChromeTrace): void {
  const slices = trace.traceEvents.filter((e) => e.ph === 'X');
  const encloses = (e: TraceEvent) =>
    slices.some((x) => x.pid === e.pid && x.tid === e.tid && x.ts <= e.ts && e.ts <= x.ts + (x.dur as number));
  const starts = new Map(trace.traceEvents.filter((e) => e.ph === 's').map((e) => [e.id, e]));
  const finishes = trace.traceEvents.filter((e) => e.ph === 'f');
  assert.equal(starts.size, finishes.length);
  for (const f of finishes) {
    const s = starts.get(f.id);
    assert.ok(s, `flow ${f.id} has no start`);
    assert.ok(f.ts >= s.ts, `flow ${f.id} goes back in time`);
    assert.ok(encloses(f), `flow end ${f.id} binds to no slice`);
  }
}

const fixtures = () => [blockedLoopRun(), syncWorkersRun(), gatherOffloadRun()];

test('every event has the fields its phase type requires', () => {
  for (const doc of fixtures()) checkRequiredFields(runToChromeTrace(doc));
});

test('threads and processes are named: the async server is one process, each sync worker its own', () => {
  for (const doc of fixtures()) checkNames(runToChromeTrace(doc));
  const processNames = (doc: RunDocument) =>
    runToChromeTrace(doc)
      .traceEvents.filter((e) => e.name === 'process_name')
      .map((e) => e.args?.name);
  assert.equal(processNames(blockedLoopRun()).length, 2, 'server and clients');
  assert.equal(processNames(syncWorkersRun()).length, 5, '4 workers and clients');
  assert.ok(processNames(syncWorkersRun()).includes('sync worker 3 (WSGI process)'));
});

test('durations are microseconds: a 100 ms block is a 100000 µs slice on the loop thread', () => {
  const trace = runToChromeTrace(blockedLoopRun());
  const blocks = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'block');
  assert.equal(blocks.length, 10);
  for (const b of blocks) {
    assert.equal(b.dur, 100_000);
    assert.equal(b.tid, 0);
    assert.equal(b.name, 'blocked (thread held)');
    assert.equal(b.args?.endpoint, 'sleepy');
  }
});

test('requests are async b/e pairs on their connection, with waits nested and overlapping waits on a sibling id', () => {
  const trace = runToChromeTrace(gatherOffloadRun());
  checkAsyncNesting(trace);
  const roots = trace.traceEvents.filter((e) => e.ph === 'b' && e.args?.request !== undefined);
  assert.deepEqual(roots.map((e) => e.id).sort(), ['0', '1']);
  assert.equal(roots[0].tid, 3, 'on the client connection lane');
  // The two gathered offloads overlap without nesting: one of them moves to id "n:1".
  assert.ok(trace.traceEvents.some((e) => e.ph === 'b' && e.id === '0:1' && e.name === 'awaiting offloaded work'));
});

test('flows go from the client slice to the first server thread that ran the request', () => {
  for (const doc of fixtures()) checkFlows(runToChromeTrace(doc));
  const trace = runToChromeTrace(syncWorkersRun());
  const f = trace.traceEvents.find((e) => e.ph === 'f' && e.id === '9');
  assert.equal(f?.tid, 1, 'request 9 ran on worker 2 (lane 1)');
  assert.equal(f?.pid, 4, 'worker 2 is process 2: pid 4');
});

test('counters: requests in flight rise to ten and return to zero; loop delay on the server process', () => {
  const trace = runToChromeTrace(blockedLoopRun());
  const inFlight = trace.traceEvents
    .filter((e) => e.ph === 'C' && e.name === 'requests in flight')
    .map((e) => e.args?.['in flight'] as number);
  assert.equal(Math.max(...inFlight), 10);
  assert.equal(inFlight[inFlight.length - 1], 0);
  const delays = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === 'event-loop delay (ms)');
  assert.equal(delays.length, blockedLoopRun().loop.length);
  assert.ok(delays.every((e) => e.pid === 2));
});

test('any well-formed run gives a well-formed trace', () => {
  const scenario = scenarioSchema.parse({
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [] }],
    load: { model: 'closed', end: { kind: 'requests', count: 1 } },
  });
  fc.assert(
    fc.property(arbRunRecords(30), (records) => {
      const doc: RunDocument = {
        format: 'interleave-run',
        version: 1,
        info: {
          id: 1,
          name: 'x',
          status: 'complete',
          createdAt: '2026-01-01T00:00:00Z',
          scenarioName: 'x',
          summary: null,
          recordedRequests: 0,
          error: null,
          cores: null,
        },
        scenario,
        ...records,
        lanes: [...records.lanes],
      };
      const trace = JSON.parse(renderChromeTrace(doc)) as ChromeTrace;
      checkRequiredFields(trace);
      checkNames(trace);
      checkAsyncNesting(trace);
    }),
    { numRuns: 80 },
  );
});

test('the chunked JSON is the same trace as the whole text', () => {
  const doc = syncWorkersRun();
  const chunks = [...chromeTraceJsonChunks(doc, 7)];
  assert.ok(chunks.length > 5);
  assert.deepEqual(JSON.parse(chunks.join('')), runToChromeTrace(doc));
  assert.equal(chunks.join(''), renderChromeTrace(doc));
});
