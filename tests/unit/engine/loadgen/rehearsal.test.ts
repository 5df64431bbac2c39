// The open model rehearses its schedule before the measured window (to the warm-up path). A load
// generator started for the run does it in the run; a spare did it while it waited, against a
// server of its own, so its run sends only the warm-up rounds: counted here as the warm-up
// requests the run's server saw before the first measured one, an exact number for the spare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ThreadReserve } from '../../../../main/engine/threads/thread-reserve.ts';
import { driveLoadgen } from './drive-loadgen.ts';

const MAX_IN_FLIGHT = 4;
/** Rounds of one request per connection: 60 requests over 4 connections is 15 rounds. */
const SPARE_WARM_UP_REQUESTS = 15 * MAX_IN_FLIGHT;
/** A thread started for the run: 1,000 requests over 4 connections, capped at 20 rounds. */
const FRESH_WARM_UP_REQUESTS = 20 * MAX_IN_FLIGHT;
const LOAD = {
  model: 'open',
  rateRps: 200,
  arrival: 'constant',
  maxInFlight: MAX_IN_FLIGHT,
  concurrency: 1,
  thinkMs: 0,
  timeoutMs: 5_000,
  end: { kind: 'requests', count: 5 },
} as const;

/** A server that counts the warm-up requests it answered before the first measured one. */
async function countingServer(t: { after(fn: () => unknown): void }) {
  const seen = { warmUpsBeforeRun: 0, measured: 0 };
  const server = createServer((req, res) => {
    if (req.url === '/__warm-up') {
      if (seen.measured === 0) seen.warmUpsBeforeRun++;
    } else seen.measured++;
    res.writeHead(200, { 'content-length': 2 }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('connection', (socket) => t.after(() => socket.destroy()));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

test('a spare load generator sends only its warm-up rounds before an open-model run', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-rehearsal-'));
  const reserve = new ThreadReserve(join(dir, 'shop.db'), 1);
  t.after(async () => {
    await reserve.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  await reserve.refill({ loadgen: 1 });
  const { url, seen } = await countingServer(t);
  const { requests } = await driveLoadgen(url, LOAD, {}, reserve);
  assert.deepEqual(
    requests.map((r) => r.status),
    [200, 200, 200, 200, 200],
  );
  assert.deepEqual(seen, { warmUpsBeforeRun: SPARE_WARM_UP_REQUESTS, measured: 5 });
});

test('a load generator started for the run rehearses its schedule in the run', async (t) => {
  const { url, seen } = await countingServer(t);
  const { requests } = await driveLoadgen(url, LOAD);
  assert.equal(requests.length, 5);
  // The warm-up rounds, then the rehearsal: its first arrival is due at once.
  assert.ok(seen.warmUpsBeforeRun > FRESH_WARM_UP_REQUESTS, `${seen.warmUpsBeforeRun} warm-up requests`);
});
