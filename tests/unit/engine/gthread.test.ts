/**
 * gunicorn `-k gthread`: W worker processes of T threads each, one interpreter lock per process.
 * Its threads hold a request each, like sync workers, but CPU work of one process takes turns on
 * that process's lock. Asserted by structure and by the lock's exclusivity (two threads of one
 * process never compute at once), never by durations; the bound by hand-computed capacities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLanes } from '../../../main/engine/lanes.ts';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { ofPhase, runAndCollect, shapeOf } from './run-and-collect.ts';

function gthread(workers: number, threads: number, steps: ScenarioInput['endpoints'][number]['steps']): ScenarioInput {
  return {
    server: { model: 'gthread', workers, threads },
    endpoints: [{ name: 'view', view: 'sync', steps }],
    load: { model: 'closed', concurrency: workers * threads, end: { kind: 'requests', count: 2 * workers * threads } },
  };
}

test('2 workers × 3 threads: six worker lanes, three to a process, named by process and thread', () => {
  const { lanes, workers, processes } = planLanes(scenarioSchema.parse(gthread(2, 3, [])));
  assert.deepEqual(processes, []);
  assert.deepEqual(
    workers.map((l) => [l.id, l.name, l.process]),
    [
      [0, 'worker 1 · thread 1', 1],
      [1, 'worker 1 · thread 2', 1],
      [2, 'worker 1 · thread 3', 1],
      [3, 'worker 2 · thread 1', 2],
      [4, 'worker 2 · thread 2', 2],
      [5, 'worker 2 · thread 3', 2],
    ],
  );
  assert.equal(lanes.length, 6);
});

test('1 × 4, views computing: the four threads share one lock, so no two compute at once', async () => {
  const c = await runAndCollect(gthread(1, 4, [{ kind: 'cpu', ms: 20 }]));
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.outcome.summary.errors, 0);
  const cpu = ofPhase(c, 'cpu').sort((a, b) => a.start - b.start);
  assert.equal(new Set(cpu.map((s) => s.lane)).size, 4, 'every thread served');
  for (let i = 1; i < cpu.length; i++)
    assert.ok(
      cpu[i].start >= cpu[i - 1].end,
      `cpu of request ${cpu[i].req} began before request ${cpu[i - 1].req}'s ended`,
    );
  assert.ok(ofPhase(c, 'gil').length > 0, 'threads waited for the lock');
});

test('1 × 4, views sleeping: a sleep lets go of the lock, so four requests are served at once', async () => {
  const c = await runAndCollect(gthread(1, 4, [{ kind: 'block', ms: 300 }]));
  assert.equal(c.outcome.summary.errors, 0);
  assert.deepEqual(shapeOf(c), { requestsAtOnce: 4, threadsAtOnce: 4 });
});

test('the bound: W × T threads hold requests, and CPU takes turns on W locks (hand-computed)', () => {
  // 2 × 3 threads, 30 ms of CPU per request, 4 cores: threads 6 × 1000 / 30 = 200 req/s,
  // locks 2 × 1000 / 30 = 66.7 req/s, cores 4 × 1000 / 30 = 133 req/s: the locks limit.
  const b = theoreticalBound(scenarioSchema.parse(gthread(2, 3, [{ kind: 'cpu', ms: 30 }])), { cores: 4 });
  const capacity = Object.fromEntries(b.resources.map((r) => [r.resource, [r.servers, r.capacityRps]]));
  assert.deepEqual(capacity.workers, [6, 200]);
  assert.deepEqual(capacity.gil?.[0], 2);
  assert.ok(Math.abs(capacity.gil[1] - 2000 / 30) < 1e-9);
  assert.equal(b.limitingResource, 'gil');
  assert.match(b.explanation, /each worker process's interpreter lock.*2 locks in all, at most 66\.7 req\/s/);
  // Sleeping instead: nothing but the threads limit, 6 × 1000 / 30.
  const sleeping = theoreticalBound(scenarioSchema.parse(gthread(2, 3, [{ kind: 'block', ms: 30 }])), { cores: 4 });
  assert.equal(sleeping.limitingResource, 'workers');
  assert.match(sleeping.explanation, /one of the 6 gthread threads \(2 × 3\) for its whole 30 ms: at most 200 req\/s/);
});
