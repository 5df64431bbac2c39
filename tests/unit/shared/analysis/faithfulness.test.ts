import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  faithfulnessMarkdown,
  faithfulnessRow,
  isSleepOnly,
  mainErrorStatus,
  nearlyAllFailed,
  type SideFigures,
} from '../../../../shared/analysis/faithfulness.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import type { RunSummary } from '../../../../shared/trace.ts';

const summary = (makespanMs: number, requests = 30, errors = 0): RunSummary => ({
  requests,
  errors,
  errorRate: requests ? errors / requests : 0,
  makespanMs,
  throughputRps: 0,
  p50Ms: 0,
  p95Ms: 0,
  p99Ms: 0,
  maxMs: 0,
  meanMs: 0,
  maxLoopBlockMs: 0,
  threadsUsed: 1,
  sendLagP99Ms: 0,
});
const side = (makespanMs: number, atOnce = 10, threads = 0, errors = 0): SideFigures => ({
  summary: summary(makespanMs, 30, errors),
  shape: { requestsAtOnce: atOnce, threadsAtOnce: threads },
  firstError: errors ? 'SynchronousOnlyOperation: You cannot call this from an async context' : null,
});
const sleeping = scenarioSchema.parse({
  server: { model: 'async' },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
  load: { model: 'closed', end: { kind: 'requests', count: 30 } },
});

test('sleep-only rows agree within ±10% of makespan and the same shape', () => {
  // 330 / 300 = 1.10: on the edge, agrees; 331 / 300 = 1.103: misses.
  assert.equal(faithfulnessRow('p', sleeping, side(300), side(330)).agrees, true);
  const miss = faithfulnessRow('p', sleeping, side(300), side(360));
  assert.equal(miss.agrees, false);
  assert.equal(miss.ratio, 1.2);
  // 60 ms more over 30 requests: 2 ms a request.
  assert.match(
    miss.limitedBy!,
    /^real Django took 60 ms more over 30 requests \(×1\.20\): ~2 ms a request beyond what the model charges/,
  );
});

test('a different shape never agrees; errors are named first', () => {
  const shape = faithfulnessRow('p', sleeping, side(300, 10, 0), side(300, 1, 1));
  assert.equal(shape.sameShape, false);
  assert.equal(shape.limitedBy, 'shape differs: model 10 at once on 0 threads, real Django 1 at once on 1 thread');
  const errors = faithfulnessRow('p', sleeping, side(300, 10, 0), side(30, 1, 1, 30));
  assert.match(errors.limitedBy!, /^real Django answered 30 of 30 with errors \(SynchronousOnlyOperation/);
});

test('only awaits and blocks (offloaded or gathered) count as sleep-only', () => {
  assert.equal(isSleepOnly(sleeping), true);
  const cpu = { ...sleeping, endpoints: [{ ...sleeping.endpoints[0], steps: [{ kind: 'cpu' as const, ms: 10 }] }] };
  assert.equal(isSleepOnly(cpu), false);
});

test('uneven uvicorn processes are named as the reason; connections count only without errors', () => {
  // Model: 8 of 32 per process (even); real: one process served 12 of them.
  const uneven = faithfulnessRow(
    'p',
    sleeping,
    { ...side(800), busiestProcess: 8 },
    { ...side(1200), busiestProcess: 12 },
  );
  assert.equal(uneven.agrees, false);
  assert.equal(
    uneven.limitedBy,
    "real uvicorn's processes took uneven shares of the connections: the busiest served 12 of 30 requests, the model's 8 (it spreads connections evenly)",
  );
  const connections = (n: number, errors = 0) => ({
    ...side(300, 10, 0, errors),
    shape: { ...side(300).shape, connections: n },
  });
  assert.equal(faithfulnessRow('p', sleeping, connections(30), connections(30)).sameShape, true);
  assert.equal(faithfulnessRow('p', sleeping, connections(30), connections(4)).sameShape, false);
  assert.equal(
    faithfulnessRow('p', sleeping, connections(30, 24), connections(30, 18)).sameShape,
    true,
    'refusals: timing',
  );
});

test("a model given real uvicorn's placement says so, and is not said to spread connections evenly", () => {
  const workers = { ...sleeping, server: { ...sleeping.server, workers: 4 } };
  const placement = [0, 0, 0, 0, 0, 1, 1, 1];
  const agreeing = faithfulnessRow(
    'p',
    workers,
    { ...side(1500), busiestProcess: 20 },
    { ...side(1600), busiestProcess: 20 },
    placement,
  );
  assert.equal(agreeing.agrees, true);
  assert.equal(
    agreeing.limitedBy,
    "the model given real uvicorn's placement of the 8 connections (its accept race): 5 + 3 on 2 of 4 processes",
  );
  assert.deepEqual(agreeing.placement, placement);
  const slower = faithfulnessRow(
    'p',
    workers,
    { ...side(800), busiestProcess: 8 },
    { ...side(1200), busiestProcess: 12 },
    placement,
  );
  assert.match(
    slower.limitedBy!,
    /^real Django took 400 ms more over 30 requests \(×1\.50\).*; the model given real uvicorn's placement/,
  );
});

test('both sides failing every request is said as such, an HTML error page as its words', () => {
  const model = { ...side(300, 2, 2, 30), firstError: 'WORKER TIMEOUT: gunicorn’s arbiter aborted the worker' };
  const django = {
    ...side(600, 0, 0, 30),
    firstError: 'HTTP 500: <!doctype html>\n<html><title>Server Error (500)</title></html>',
  };
  assert.equal(
    faithfulnessRow('p', sleeping, model, django).limitedBy,
    'both answered every request with an error (model: WORKER TIMEOUT: gunicorn’s arbiter aborted the worker; real Django: HTTP 500: Server Error (500))',
  );
});

test('nearly all failed: all but one request or 10% of them (rounded down)', () => {
  // 30 requests: up to 3 may get through; 8 requests: 1 (10% of 8 is 0.8, less than one).
  assert.equal(nearlyAllFailed(summary(0, 30, 27)), true);
  assert.equal(nearlyAllFailed(summary(0, 30, 26)), false);
  assert.equal(nearlyAllFailed(summary(0, 8, 7)), true);
  assert.equal(nearlyAllFailed(summary(0, 8, 6)), false);
  assert.equal(nearlyAllFailed(summary(0, 0, 0)), false);
});

test('the main error status is the one most failed requests had; successes and statusless failures do not count', () => {
  const r = (status: number | null, error: string | null) => ({ status, error });
  assert.equal(
    mainErrorStatus([r(200, null), r(503, 'x'), r(503, 'x'), r(500, 'y'), r(null, 'refused'), r(null, 'refused')]),
    503,
  );
  assert.equal(mainErrorStatus([r(200, null)]), null);
});

test('a row where nearly every request failed on both sides is judged by the failure, and says so', () => {
  const failing = (errors: number, status: number, atOnce: number, makespanMs: number): SideFigures => ({
    ...side(makespanMs, atOnce, 0, errors),
    errorStatus: status,
  });
  // uvicorn --limit-concurrency: the model refused 30, real uvicorn 28 (2 got through, 100 ms each).
  const limit = faithfulnessRow('p', sleeping, failing(30, 503, 0, 7), failing(28, 503, 2, 125));
  assert.equal(limit.sameShape, false);
  assert.equal(limit.agrees, true);
  assert.match(limit.limitedBy!, /^judged by the failure: both failed nearly every request with 503/);
  assert.match(faithfulnessMarkdown([limit]), /\| 30 × 503 \/ 28 × 503 \|/);
  // A different status, or too many through (26 of 30 failed: 4 > 3), is judged as any row.
  assert.equal(faithfulnessRow('p', sleeping, failing(30, 503, 0, 7), failing(28, 500, 2, 125)).agrees, false);
  assert.equal(faithfulnessRow('p', sleeping, failing(30, 503, 0, 7), failing(26, 503, 4, 125)).agrees, false);
  // Same shape and makespan: agrees as any row, with nothing to say.
  assert.equal(faithfulnessRow('p', sleeping, failing(30, 503, 0, 7), failing(30, 503, 0, 7)).limitedBy, null);
});
