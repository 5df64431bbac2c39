// The real client against the real server over the in-memory pair (which copies through JSON
// and delivers asynchronously, like the WebSocket wire).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_METHODS, type BridgeMessage, type RunEvent } from '../../../shared/bridge.ts';
import { createBridgeClient } from '../../../shared/bridge-client.ts';
import { serveApi } from '../../../shared/bridge-server.ts';
import { createInMemoryPair } from '../../../shared/transports/in-memory.ts';
import { createFixtureApp, FIXTURE_SCENARIO } from './bridge-fixture.ts';

function connect() {
  const app = createFixtureApp();
  const [clientEnd, serverEnd] = createInMemoryPair();
  const stop = serveApi(app.api, serverEnd, app);
  const client = createBridgeClient(clientEnd);
  return { app, client, clientEnd, serverEnd, stop };
}

/** Sends a raw message from the client end and resolves with the first result that comes back. */
function rawCall(clientEnd: ReturnType<typeof connect>['clientEnd'], message: unknown): Promise<BridgeMessage> {
  return new Promise((resolve) => {
    const off = clientEnd.onMessage((m) => {
      if (m.kind === 'result') {
        off();
        resolve(m);
      }
    });
    clientEnd.send(message as BridgeMessage);
  });
}

/**
 * After everything already sent has been delivered: the in-memory wire delivers on microtasks,
 * which all run before the next turn of the event loop. An order, not a guess at a duration.
 */
const deliveries = () => new Promise((resolve) => setImmediate(resolve));

test('calls round-trip values through the wire', async () => {
  const { client } = connect();
  assert.deepEqual(await client.hostInfo(), { mode: 'browser', version: '0.0.0-test', dataDir: '/nowhere', cores: 2 });
  const info = await client.startRun(FIXTURE_SCENARIO, 'first');
  assert.equal(info.name, 'first');
  const renamed = await client.renameRun(info.id, 'renamed');
  assert.equal(renamed.name, 'renamed');
  assert.deepEqual(
    (await client.listRuns()).map((r) => r.name),
    ['renamed'],
  );
  assert.equal((await client.listPresets()).length > 0, true);
});

test('djangoEnvironment round-trips the environment; its options arrive as sent', async () => {
  const { app, client } = connect();
  assert.deepEqual(await client.djangoEnvironment(), {
    candidates: [],
    chosen: null,
    ready: false,
    problem: 'No Python was found (tried nothing).',
  });
  await client.djangoEnvironment({ refresh: true });
  assert.deepEqual(
    app.calls.filter((c) => c.method === 'djangoEnvironment').map((c) => c.args),
    [[], [{ refresh: true }]],
  );
});

test('the client has exactly one function per allowed method, plus on', () => {
  const { client } = connect();
  assert.deepEqual(Object.keys(client).sort(), [...API_METHODS, 'on'].sort());
});

test('a missing optional argument arrives missing, not as null', async () => {
  const { app, client } = connect();
  await client.startRun(FIXTURE_SCENARIO);
  await client.startRun(FIXTURE_SCENARIO, undefined);
  const starts = app.calls.filter((c) => c.method === 'startRun');
  assert.deepEqual(
    starts.map((c) => c.args.length),
    [1, 1],
  );
});

test('host errors reject with an Error carrying the host message', async () => {
  const { client } = connect();
  await assert.rejects(client.deleteRun(42), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.message, 'Run 42 does not exist');
    return true;
  });
  // The connection survives an error.
  assert.equal((await client.hostInfo()).mode, 'browser');
});

test('concurrent calls settle on their own ids', async () => {
  const { client } = connect();
  const results = await Promise.allSettled([client.deleteRun(7), client.hostInfo(), client.exportRun(9, 'csv')]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'rejected'],
  );
  assert.match(String((results[2] as PromiseRejectedResult).reason.message), /Run 9 does not exist/);
});

test('methods outside the allowlist are refused without reaching the API', async () => {
  const { app, clientEnd } = connect();
  Object.assign(app.api, { constructor: () => 'reached', toString: () => 'reached' });
  for (const method of ['eval', 'constructor', '__proto__', 'toString', 42]) {
    const result = await rawCall(clientEnd, { kind: 'call', id: 5, method, args: [] });
    assert.equal(result.kind === 'result' && result.ok, false);
    assert.match((result as { error: string }).error, /is not allowed; allowed: hostInfo, listPresets/);
  }
  assert.deepEqual(app.calls, []);
});

test('garbage messages are dropped or answered, never thrown', async () => {
  const { clientEnd, client } = connect();
  for (const junk of [null, 'text', { kind: 'call' }, { kind: 'call', id: 'x', method: 'hostInfo', args: [] }]) {
    clientEnd.send(junk as BridgeMessage);
  }
  const notAList = await rawCall(clientEnd, { kind: 'call', id: 3, method: 'hostInfo', args: 'no' });
  assert.match((notAList as { error: string }).error, /arguments must be a list/);
  assert.equal((await client.hostInfo()).mode, 'browser');
});

test('events are delivered to subscribers and stop after unsubscribe', async () => {
  const { app, client } = connect();
  const seen: RunEvent[] = [];
  const off = client.on('run', (event) => seen.push(event));
  const info = await client.startRun(FIXTURE_SCENARIO);
  await deliveries();
  assert.deepEqual(
    seen.map((e) => [e.type, e.runId]),
    [['started', info.id]],
  );
  off();
  app.emit('run', { type: 'finished', runId: info.id, info, summary: null, clockSkewMs: null });
  await deliveries();
  assert.equal(seen.length, 1);
});

test('one event name does not reach listeners of another', async () => {
  const { app, client } = connect();
  const notices: string[] = [];
  client.on('notice', (n) => notices.push(n.text));
  client.on('run', () => notices.push('wrong'));
  app.emit('notice', { level: 'warning', text: 'store moved aside' });
  await deliveries();
  assert.deepEqual(notices, ['store moved aside']);
});

test('unknown event names are refused by the client', () => {
  const { client } = connect();
  assert.throws(() => client.on('everything' as 'run', () => {}), /Unknown bridge event "everything"/);
});

test('stopping the server unsubscribes from the app and drops late results', async () => {
  const { app, client, stop } = connect();
  assert.equal(app.listenerCount('run'), 1);
  assert.equal(app.listenerCount('notice'), 1);
  assert.equal(app.listenerCount('menu'), 1);
  stop();
  assert.equal(app.listenerCount('run'), 0);
  assert.equal(app.listenerCount('notice'), 0);
  assert.equal(app.listenerCount('menu'), 0);
  const late = client.hostInfo();
  const outcome = await Promise.race([late.then(() => 'answered'), deliveries().then(() => 'silent')]);
  assert.equal(outcome, 'silent');
});

test('calls pending when the transport closes are rejected with the reason', async () => {
  const [clientEnd] = createInMemoryPair();
  const client = createBridgeClient(clientEnd);
  // Nobody serves yet: the call waits, then the wire closes under it.
  const pending = client.hostInfo();
  clientEnd.close('The host stopped');
  await assert.rejects(pending, /The host stopped/);
  await assert.rejects(client.hostInfo(), /The host stopped/);
});
