// Every bridge call with payloads a compromised or buggy page could send, dispatched the way both
// hosts dispatch them (`dispatchCall` on the real app): each is refused with a sentence, none
// throws past the bridge, no run starts, and the store reads back exactly as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../../main/app/app.ts';
import { dispatchCall } from '../../../shared/bridge-server.ts';
import { PRESETS } from '../../../shared/presets.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'interleave-api-payloads-'));
let app: App;
let runId: number;
let snapshot: string;

const scenario: ScenarioInput = {
  server: { model: 'async' },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 2 }] }],
  load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
};

async function storeState(): Promise<string> {
  return JSON.stringify({ runs: await app.api.listRuns(), run: await app.api.loadRun(runId) });
}

before(async () => {
  app = await openApp({ dataDir, mode: 'browser' });
  const finished = new Promise<number>((resolve) => app.on('run', (e) => e.type === 'finished' && resolve(e.runId)));
  await app.api.startRun(scenario, 'the one run');
  runId = await finished;
  snapshot = await storeState();
});
after(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const HUGE = 'x'.repeat(50 * 1024 * 1024);
/** What JSON.parse makes of a page's `{"__proto__": …}`: an own key, not a prototype. */
const protoKeyed = (extra: object = {}) => ({ ...JSON.parse('{"__proto__":{"polluted":true}}'), ...extra });
const deepObject = () => {
  let value: unknown = 1;
  for (let i = 0; i < 10_000; i++) value = { next: value };
  return value;
};
/** Ids a page might send; none names a run. Structured clone (Electron IPC) also carries BigInt. */
const BAD_IDS: unknown[] = [
  undefined,
  null,
  'abc',
  '1',
  -1,
  0,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53 + 2,
  10n,
  true,
  {},
  [],
  protoKeyed(),
];
const ID_MESSAGE = /^The run id is not valid:\n {2}- `\(root\)` is .*; (allowed|expected)/;

/** [method, args, what the refusal must say] */
const CASES: [string, unknown, RegExp][] = [
  ...BAD_IDS.map((id): [string, unknown, RegExp] => ['stopRun', [id], ID_MESSAGE]),
  ...BAD_IDS.map((id): [string, unknown, RegExp] => ['loadRun', [id], ID_MESSAGE]),
  ...BAD_IDS.map((id): [string, unknown, RegExp] => ['deleteRun', [id], ID_MESSAGE]),
  ...BAD_IDS.map((id): [string, unknown, RegExp] => ['renameRun', [id, 'new name'], ID_MESSAGE]),
  ...BAD_IDS.map((id): [string, unknown, RegExp] => ['exportRun', [id, 'json'], ID_MESSAGE]),
  ['loadRun', [999_999], /^no run with id 999999$/],
  ['deleteRun', [999_999], /^no run with id 999999$/],
  ['exportRun', [999_999, 'html'], /^no run with id 999999$/],
  ['renameRun', [999_999, 'x'], /^no run with id 999999$/],
  ['renameRun', [1, ''], /The run name is not valid:\n {2}- `\(root\)` is ""; allowed at least 1 character/],
  ['renameRun', [1, '   '], /The run name is not valid/],
  ['renameRun', [1, HUGE], /`\(root\)` is "x{40}…"; allowed at most 120 characters/],
  ['renameRun', [1, 42], /The run name is not valid:\n {2}- `\(root\)` is 42; expected string/],
  ['renameRun', [1, null], /expected string/],
  ['renameRun', [1, protoKeyed()], /`\(root\)` is an object; expected string/],
  ['renameRun', [1], /`\(root\)` is missing; expected string/],
  ...['pdf', '', 'HTML', '__proto__', 'constructor', 'toString', 42, null, ['json']].map(
    (format): [string, unknown, RegExp] => [
      'exportRun',
      [1, format],
      /^The export format is not valid:\n {2}- `\(root\)` is .*; allowed "html", "json", "csv", "trace"/,
    ],
  ),
  ...[undefined, null, 42, 'async', [], {}, new Date(0), new Map([['server', 1]])].map(
    (input): [string, unknown, RegExp] => [
      'startRun',
      [input],
      /^The scenario is not valid:\n {2}- `(\(root\)|server)`/,
    ],
  ),
  ['startRun', [protoKeyed(scenario)], /`\(root\)` has unknown field `__proto__`/],
  ['startRun', [{ ...scenario, constructor: { prototype: { polluted: true } } }], /unknown field `constructor`/],
  [
    'startRun',
    [{ ...scenario, load: { ...scenario.load, concurrency: NaN } }],
    /`load\.concurrency` is NaN; expected number/,
  ],
  ['startRun', [{ ...scenario, load: { ...scenario.load, concurrency: Infinity } }], /`load\.concurrency` is Infinity/],
  [
    'startRun',
    [{ ...scenario, load: { ...scenario.load, concurrency: 10n } }],
    /`load\.concurrency` is 10; expected number/,
  ],
  [
    'startRun',
    [{ ...scenario, load: { ...scenario.load, end: { kind: 'requests', count: -1 } } }],
    /`load\.end\.count` is -1; allowed at least 1/,
  ],
  ['startRun', [{ ...scenario, name: HUGE }], /`name` is "x{40}…"; allowed at most 120 characters/],
  [
    'startRun',
    [{ ...scenario, endpoints: Array.from({ length: 5000 }, (_, i) => ({ ...scenario.endpoints[0], name: `e${i}` })) }],
    /`endpoints` is a list of 5000; allowed at most 32 items/,
  ],
  ['startRun', [{ ...scenario, extra: deepObject() }], /`\(root\)` has unknown field `extra`/],
  [
    'startRun',
    [scenario, HUGE],
    /The run name is not valid:\n {2}- `\(root\)` is "x{40}…"; allowed at most 120 characters/,
  ],
  ['startRun', [scenario, 42], /The run name is not valid:\n {2}- `\(root\)` is 42; expected string/],
  ['startRun', [scenario, ''], /The run name is not valid/],
  ...[undefined, null, 42, {}, ['{}']].map((text): [string, unknown, RegExp] => [
    'importRun',
    [text],
    /^The imported file is not valid:\n {2}- `\(root\)` is .*; expected string/,
  ]),
  ...['x', 42, null, [], { refresh: 1 }, { refresh: true, extra: 1 }, protoKeyed()].map(
    (options): [string, unknown, RegExp] => [
      'djangoEnvironment',
      [options],
      /^The environment request is not valid:\n {2}- `(\(root\)|refresh)` /,
    ],
  ),
  ['importRun', [''], /^The run file is not valid:\n {2}- is not JSON/],
  ['importRun', ['{}', 42], /^The imported file name is not valid:\n {2}- `\(root\)` is 42; expected string/],
  [
    'importRun',
    ['{}', 'x'.repeat(300)],
    /^The imported file name is not valid:\n {2}- `\(root\)` is "x{40}…"; allowed at most 255/,
  ],
  [
    'importRun',
    ['{"log": {"entries": 5}}', 'a.har'],
    /^The HAR file a\.har is not valid:\n {2}- line 1, column 21: "log\.entries" is a number/,
  ],
  [
    'importRun',
    ['{"type":"Point","metric":"http_req_duration","data":{}}'],
    /^The k6 file is not valid:\n {2}- line 1: "data\.time"/,
  ],
  [
    'importRun',
    ['<!doctype html><html>'],
    /is not JSON \(it looks like HTML: import the \.json export, not the report\)/,
  ],
  ['importRun', ['[1,2]'], /is JSON but not an object/],
  ['importRun', ['{"traceEvents":[]}'], /is a Chrome trace export/],
  ['importRun', ['{"format":"interleave-run","version":2}'], /was written by a newer Interleave \(format version 2\)/],
  [
    'importRun',
    ['{"__proto__":{"polluted":true},"format":"interleave-run","version":1}'],
    /^The run file is not valid:/,
  ],
  [
    'importRun',
    [`{"format":"interleave-run","version":1,"info":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
    /`info` is a list of 1; expected object/,
  ],
  ['importRun', [HUGE], /^The run file is not valid:\n {2}- is not JSON/],
  [
    'importRun',
    ['x'.repeat(200 * 1024 * 1024 + 1)],
    /^The imported file is not valid:\n {2}- `\(root\)` is "x{40}…"; allowed at most 209715200 characters/,
  ],
  // Not API methods at all, and arguments that are not a list.
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'close', 'store', 'runs', '', 42, null].map(
    (method): [string, unknown, RegExp] => [
      method as string,
      [],
      /^Bridge method .* is not allowed; allowed: hostInfo, listPresets/,
    ],
  ),
  ...['not a list', { 0: 1, length: 1 }, null, undefined, 5].map((args): [string, unknown, RegExp] => [
    'loadRun',
    args,
    /^Bridge call loadRun: arguments must be a list$/,
  ]),
];

test(`${CASES.length} malformed bridge calls: each refused with a sentence, the store unchanged`, async (t) => {
  for (const [method, args, message] of CASES) {
    const label = `${String(method)}(${Array.isArray(args) ? args.map((a) => String(a).slice(0, 30)).join(', ') : String(args)})`;
    const outcome = await dispatchCall(app.api, method, args);
    assert.equal(outcome.ok, false, `${label} was refused`);
    if (outcome.ok) continue;
    assert.match(outcome.error, message, label);
    assert.ok(outcome.error.length < 2_000, `${label}: a sentence, not a dump (${outcome.error.length} characters)`);
    assert.doesNotMatch(outcome.error, /\n\s+at /, `${label}: no stack trace`);
  }
  assert.ok(
    (await app.api.listRuns()).every((r) => r.status !== 'running'),
    'no run was started',
  );
  assert.equal(await storeState(), snapshot, 'list and load give exactly what they gave before');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  t.diagnostic(`malformed bridge calls tried: ${CASES.length}`);
});

test('calls that take no arguments ignore any they are given', async () => {
  for (const method of ['hostInfo', 'listPresets', 'listRuns']) {
    const outcome = await dispatchCall(app.api, method, [protoKeyed(), HUGE, -1]);
    assert.equal(outcome.ok, true, method);
  }
  assert.equal((await app.api.listPresets()).length, PRESETS.length);
});

test('twenty startRun calls at once: one run starts, the others are refused while it runs', async () => {
  const finished = new Promise<number>((resolve) => app.on('run', (e) => e.type === 'finished' && resolve(e.runId)));
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => dispatchCall(app.api, 'startRun', [scenario])));
  assert.equal(outcomes.filter((o) => o.ok).length, 1);
  for (const o of outcomes)
    if (!o.ok) assert.match(o.error, /^run \d+ is still running; stop it before starting another$/);
  const id = await finished;
  const deletes = await Promise.all([
    dispatchCall(app.api, 'deleteRun', [id]),
    dispatchCall(app.api, 'deleteRun', [id]),
  ]);
  assert.deepEqual(
    deletes.map((d) => d.ok),
    [true, false],
  );
  assert.equal(await storeState(), snapshot, 'back to the one stored run');
});
