/**
 * The server's and Django's own Python around each view (FRAMEWORK_PYTHON_MS), on the thread
 * real Django runs it on: under ASGI on the event loop before and after the view (and on the
 * executor thread before a `def` view), under WSGI on the worker before the view. Asserted on
 * where the `framework` spans are and their order around the view's own spans, never on their
 * lengths (the work is calibrated once, and a shared core stretches it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runShape } from '../../../shared/analysis/run-shape.ts';
import { FRAMEWORK_PYTHON_MS, frameworkPythonOf } from '../../../shared/scenario.ts';
import { Phase } from '../../../shared/trace.ts';
import { laneKind, ofPhase, runAndCollect, type Collected, type CollectedSpan } from './run-and-collect.ts';

const oneUser = { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 4 } } as const;

const framework = (c: Collected, req: number) => ofPhase(c, 'framework').filter((s) => s.req === req);
const first = (spans: readonly CollectedSpan[]) => Math.min(...spans.map((s) => s.start));
const last = (spans: readonly CollectedSpan[]) => Math.max(...spans.map((s) => s.end));

test('ASGI, async def: the loop runs Django before the view and after it, and holds nothing else', async () => {
  const c = await runAndCollect({
    server: { model: 'async' },
    endpoints: [{ name: 'await', view: 'async', steps: [{ kind: 'await', ms: 5 }] }],
    load: oneUser,
  });
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  for (const r of c.requests) {
    const own = framework(c, r.id);
    const awaited = ofPhase(c, 'await').filter((s) => s.req === r.id);
    assert.ok(
      own.every((s) => laneKind(c, s.lane) === 'loop'),
      `request ${r.id}: on the loop`,
    );
    assert.ok(
      own.some((s) => s.end <= first(awaited)),
      `request ${r.id}: Django before the view`,
    );
    assert.ok(
      own.some((s) => s.start >= last(awaited)),
      `request ${r.id}: the response after it`,
    );
  }
  // The probe cannot stamp the framework's Python, so the shape leaves it out: no thread held.
  const spans = c.spans.flatMap((s) => [s.req, s.lane, Phase[s.phase], s.start, s.end]);
  assert.equal(runShape(c.lanes, spans).threadsAtOnce, 0);
});

test('ASGI, def view: sync_to_async’s hop runs on the executor thread before the view', async () => {
  const c = await runAndCollect({
    server: { model: 'async' },
    endpoints: [{ name: 'sync', view: 'sync', steps: [{ kind: 'block', ms: 5 }] }],
    load: oneUser,
  });
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  for (const r of c.requests) {
    const block = ofPhase(c, 'block').find((s) => s.req === r.id)!;
    const onThread = framework(c, r.id).filter((s) => s.lane === block.lane);
    assert.ok(onThread.length > 0 && last(onThread) <= block.start, `request ${r.id}: the hop before the view`);
    assert.ok(
      framework(c, r.id).some((s) => laneKind(c, s.lane) === 'loop'),
      `request ${r.id}: and on the loop`,
    );
  }
});

test('WSGI: the worker runs gunicorn and Django before the view, inside its running span', async () => {
  const c = await runAndCollect({
    server: { model: 'sync-workers', workers: 1 },
    endpoints: [{ name: 'sync', view: 'sync', steps: [{ kind: 'block', ms: 5 }] }],
    load: oneUser,
  });
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  for (const r of c.requests) {
    const block = ofPhase(c, 'block').find((s) => s.req === r.id)!;
    const running = ofPhase(c, 'running').find((s) => s.req === r.id)!;
    const own = framework(c, r.id);
    assert.ok(own.length > 0, `request ${r.id}: some`);
    assert.ok(
      own.every((s) => s.lane === block.lane && s.start >= running.start && s.end <= block.start),
      `request ${r.id}: on the worker, in its running span, before the view`,
    );
  }
});

test('a request uvicorn refuses (--limit-concurrency) runs no Django at all', async () => {
  const c = await runAndCollect({
    server: { model: 'async', limitConcurrency: 1 },
    endpoints: [{ name: 'await', view: 'async', steps: [{ kind: 'await', ms: 20 }] }],
    load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 8 } },
  });
  const refused = c.requests.filter((r) => r.status === 503);
  assert.ok(refused.length > 0, 'some were refused');
  for (const r of refused) assert.deepEqual(framework(c, r.id), [], `request ${r.id}`);
});

test('what is charged follows the Django the model behaves as, and nothing when the setting is off', () => {
  const server = (over: Partial<Parameters<typeof frameworkPythonOf>[0]>) =>
    frameworkPythonOf({ frameworkPython: true, django: undefined, executor: 'per-request', ...over });
  assert.equal(server({ django: '5.2' }), FRAMEWORK_PYTHON_MS['4.0+']);
  assert.equal(server({ django: '4.2' }), FRAMEWORK_PYTHON_MS['4.0+']);
  assert.equal(server({ django: '3.2' }), FRAMEWORK_PYTHON_MS['3.2']);
  // No Django named: one thread for the process is 3.x's behaviour, a thread per request 4.0+'s.
  assert.equal(server({ executor: 'one-thread' }), FRAMEWORK_PYTHON_MS['3.2']);
  assert.equal(server({}), FRAMEWORK_PYTHON_MS['4.0+']);
  assert.equal(server({ frameworkPython: false }), null);
  // Django 3.2 starts no thread per request: its loop does about half of 5.2's.
  const [old, now] = [FRAMEWORK_PYTHON_MS['3.2'], FRAMEWORK_PYTHON_MS['4.0+']];
  assert.ok(old.asgiRequest + old.asgiResponse < now.asgiRequest + now.asgiResponse);
});
