// The lane ↔ port map on real MessageChannels: every view lane has its own channel to the
// sync-http thread, executors and sync workers one from the server thread, and each end named
// for a thread is entangled with the end named for the other (a message crosses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import { planLanes } from '../../../../main/engine/lanes.ts';
import { wireLanes, type ChannelEnds, type LanePortMap } from '../../../../main/engine/threads/lane-ports.ts';
import { scenarioSchema, type ScenarioInput } from '../../../../shared/scenario.ts';

const endpoints: ScenarioInput['endpoints'] = [
  { name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 1 } }] },
];
const load: ScenarioInput['load'] = { model: 'closed', concurrency: 3, end: { kind: 'requests', count: 3 } };

async function crosses(ends: ChannelEnds, what: string): Promise<void> {
  const received = once(ends.peer, 'message');
  ends.lane.postMessage(what);
  assert.deepEqual(await received, [what], `${what}: the lane's end reaches the peer's`);
}

function close(map: LanePortMap): void {
  const channels: ChannelEnds[] = [
    ...map.processes.map((p) => p.loop.syncHttp),
    ...[...map.processes.flatMap((p) => p.executors), ...map.workers].flatMap((p) => [p.syncHttp, p.server]),
  ];
  for (const { lane, peer } of channels) {
    lane.close();
    peer.close();
  }
}

test('async server with a pool of 2: the loop and both executors, each wired by name', async () => {
  const plan = planLanes(
    scenarioSchema.parse({ server: { model: 'async', executor: 'pool', poolThreads: 2 }, endpoints, load }),
  );
  const map = wireLanes(plan);
  const [{ loop, executors }] = map.processes;
  try {
    assert.equal(map.processes.length, 1);
    assert.equal(loop.lane, plan.processes[0].loop);
    assert.deepEqual(
      executors.map((p) => p.lane.name),
      ['executor 1', 'executor 2'],
    );
    assert.deepEqual(map.workers, []);
    assert.deepEqual(
      map.syncHttpPeers,
      [loop, ...executors].map((p) => p.syncHttp.peer),
    );
    const ports: MessagePort[] = [loop.syncHttp.lane, ...map.syncHttpPeers];
    for (const p of executors) ports.push(p.syncHttp.lane, p.server.lane, p.server.peer);
    assert.equal(new Set(ports).size, ports.length, 'no port is handed to two threads');
    await crosses(loop.syncHttp, 'loop → sync-http');
    for (const p of executors) {
      await crosses(p.syncHttp, `${p.lane.name} → sync-http`);
      await crosses(p.server, `${p.lane.name} ↔ server`);
    }
  } finally {
    close(map);
  }
});

test('sync workers: no loop, one sync-http and one server channel per worker', async () => {
  const plan = planLanes(
    scenarioSchema.parse({
      server: { model: 'sync-workers', workers: 3 },
      endpoints: [{ name: 'a', view: 'sync', steps: [{ kind: 'block', ms: 1 }] }],
      load,
    }),
  );
  const map = wireLanes(plan);
  try {
    assert.deepEqual(map.processes, []);
    assert.deepEqual(
      map.workers.map((p) => p.lane.id),
      [0, 1, 2],
    );
    assert.deepEqual(
      map.syncHttpPeers,
      map.workers.map((p) => p.syncHttp.peer),
    );
    for (const p of map.workers) {
      await crosses(p.syncHttp, `${p.lane.name} → sync-http`);
      await crosses(p.server, `${p.lane.name} ↔ server`);
    }
  } finally {
    close(map);
  }
});
