/**
 * Executors per call: in one view, a thread-sensitive offload (sync_to_async, the async ORM), one
 * on a pool (thread_sensitive=False, executor=POOL) and one through asyncio.to_thread (the loop's
 * default executor, min(32, CPUs + 4) threads) each run on their own executor's threads. Asserted
 * by which lanes ran what and by overlap counts (a pool of 2 never runs 3 at once), never by
 * durations; the bound's capacities by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { planLanes } from '../../../main/engine/lanes.ts';
import { viewsModule } from '../../../main/django/project/python-views.ts';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { defaultExecutorThreads, scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { maxOverlap, ofPhase, runAndCollect } from './run-and-collect.ts';

const block = { kind: 'block', ms: 40 } as const;
const mixed: ScenarioInput = {
  server: { model: 'async', poolThreads: 2 },
  endpoints: [
    {
      name: 'mix',
      view: 'async',
      steps: [
        { kind: 'offload', step: block },
        { kind: 'offload', executor: 'pool', step: block },
        { kind: 'offload', executor: 'to-thread', step: block },
      ],
    },
  ],
  load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 8 } },
};

test('lanes: the request executor, the pool and asyncio’s default executor, each named', () => {
  const plan = planLanes(scenarioSchema.parse(mixed), 4);
  const names = plan.processes[0].executors.map((l) => l.name);
  assert.deepEqual(names, [
    'executor 1',
    'executor 2',
    'executor 3',
    'executor 4',
    'pool 1',
    'pool 2',
    ...Array.from({ length: 8 }, (_, i) => `to_thread ${i + 1}`),
  ]);
  assert.equal(plan.executorGroup.get(5), 'pool');
  assert.equal(plan.executorGroup.get(7), 'to-thread');
  const onlyToThread = scenarioSchema.parse({
    ...mixed,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', executor: 'to-thread', step: block }] }],
  });
  assert.deepEqual(
    planLanes(onlyToThread, 1).processes[0].executors.map((l) => l.name),
    ['to_thread 1', 'to_thread 2', 'to_thread 3', 'to_thread 4', 'to_thread 5'],
    'min(32, 1 + 4), and no thread-sensitive executor when nothing uses it',
  );
});

test('one view, three executors: each offload runs on its own, and the pool of 2 never runs 3 at once', async () => {
  const c = await runAndCollect(mixed);
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.outcome.summary.errors, 0);
  const laneName = new Map(c.lanes.map((l) => [l.id, l.name]));
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 24);
  for (const r of c.requests) {
    const kinds = blocks
      .filter((b) => b.req === r.id)
      .map((b) => laneName.get(b.lane)!.replace(/ \d+$/, ''))
      .sort();
    assert.deepEqual(kinds, ['executor', 'pool', 'to_thread'], `request ${r.id}`);
  }
  const onPool = blocks.filter((b) => laneName.get(b.lane)!.startsWith('pool'));
  assert.ok(maxOverlap(onPool) <= 2, `${maxOverlap(onPool)} pool offloads at once on a pool of 2`);
  const toThreadLanes = c.lanes.filter((l) => l.name.startsWith('to_thread')).length;
  assert.equal(toThreadLanes, defaultExecutorThreads(cpus().length));
});

test('the bound: the pool and the default executor are resources of their own (hand-computed)', () => {
  // 40 ms on each: the per-request executor has 4 threads (4 users) → 100 req/s; the pool 2 → 50;
  // the default executor min(32, 4 + 4) = 8 → 200. The pool limits.
  const b = theoreticalBound(scenarioSchema.parse(mixed), { cores: 4 });
  const capacity = Object.fromEntries(b.resources.map((r) => [r.resource, [r.servers, r.capacityRps]]));
  assert.deepEqual(capacity.executor, [4, 100]);
  assert.deepEqual(capacity.pool, [2, 50]);
  assert.deepEqual(capacity['to-thread'], [8, 200]);
  assert.equal(b.limitingResource, 'pool');
  assert.equal(b.minLatencyMs, 120);
});

test('real Django writes each offload as its executor: sync_to_async, a POOL, asyncio.to_thread', () => {
  const code = viewsModule(scenarioSchema.parse(mixed), '5.2');
  assert.match(code, /await offload\(_ep0_s0\) {2}# sync_to_async\(_ep0_s0\)\(\), thread-sensitive/);
  assert.match(code, /await offload\(_ep0_s1, thread_sensitive=False, executor=POOL\)/);
  assert.match(code, /await offload_to_thread\(_ep0_s2\) {2}# asyncio\.to_thread\(_ep0_s2\)/);
  assert.match(code, /POOL = ThreadPoolExecutor\(max_workers=2, thread_name_prefix="pool"\)/);
});

test('a document from before the field reads as thread-sensitive; a wrong executor is named', () => {
  const old = scenarioSchema.parse({
    ...mixed,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: block }] }],
  });
  const step = old.endpoints[0].steps[0];
  assert.ok(step.kind === 'offload' && step.executor === undefined);
  const wrong = scenarioSchema.safeParse({
    ...mixed,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', executor: 'greenlet', step: block }] }],
  });
  assert.equal(wrong.success, false);
  assert.match(JSON.stringify(wrong.error?.issues), /thread-sensitive.*pool.*to-thread/);
});
