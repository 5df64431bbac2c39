// Scenario files that are wrong in every way a file can be, given to `interleave run --scenario`:
// each is refused with exit code 2 and a sentence that names the field, the value and the limit,
// before anything opens the store or starts a thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'interleave-scenario-files-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'runs.db');

const endpoint = { name: 'a', view: 'async', steps: [{ kind: 'await', ms: 5 }] };
const valid = {
  server: { model: 'async' },
  endpoints: [endpoint],
  load: { model: 'closed', end: { kind: 'requests', count: 1 } },
};
const json = (value: unknown) => JSON.stringify(value);
const withEndpoint = (patch: object) => json({ ...valid, endpoints: [{ ...endpoint, ...patch }] });
const withStep = (step: object) => withEndpoint({ steps: [step] });
const withLoad = (patch: object) => json({ ...valid, load: { ...valid.load, ...patch } });
const withServer = (patch: object) => json({ ...valid, server: { ...valid.server, ...patch } });
/** `[[[…1…]]]`, 100,000 deep: written as text, since JSON.stringify itself would overflow the stack. */
const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
const FIFTY_MB = 50 * 1024 * 1024;

/** [what, file contents, what the message must say] */
const CASES: [string, string | Buffer, RegExp][] = [
  ['not JSON', '{server: async}', /is not JSON/],
  ['an empty file', '', /is not JSON/],
  ['binary garbage', randomBytes(4096), /is not JSON/],
  ['an HTML page', '<!doctype html><p>hi', /is not JSON/],
  ['null', 'null', /`\(root\)` is null; expected object/],
  ['a list', '[1, 2]', /`\(root\)` is a list of 2; expected object/],
  ['a string', '"async"', /`\(root\)` is "async"; expected object/],
  ['a number', '42', /`\(root\)` is 42; expected object/],
  ['a number for the server model', withServer({ model: 5 }), /`server\.model` is 5; allowed "async", "sync-workers"/],
  ['a string for the load', json({ ...valid, load: 'heavy' }), /`load` is "heavy"; expected object/],
  ['a string for workers', withServer({ workers: '4' }), /`server\.workers` is "4"; expected number/],
  ['a string for a step duration', withStep({ kind: 'await', ms: '100' }), /`endpoints\[0\]\.steps\[0\]\.ms` is "100"/],
  [
    'a boolean for the interpreter lock as text',
    withServer({ gil: 'yes' }),
    /`server\.gil` is "yes"; expected boolean/,
  ],
  ['no endpoints', json({ server: valid.server, load: valid.load }), /`endpoints` is missing; expected array/],
  [
    'an endpoint without a view',
    json({ ...valid, endpoints: [{ name: 'a', steps: [] }] }),
    /`endpoints\[0\]\.view` is missing/,
  ],
  ['a step without its duration', withStep({ kind: 'block' }), /`endpoints\[0\]\.steps\[0\]\.ms` is missing/],
  ['a load without an end', json({ ...valid, load: { model: 'closed' } }), /`load\.end` is missing/],
  [
    'a negative step duration',
    withStep({ kind: 'await', ms: -5 }),
    /`endpoints\[0\]\.steps\[0\]\.ms` is -5; allowed at least 0/,
  ],
  [
    'a negative request count',
    withLoad({ end: { kind: 'requests', count: -10 } }),
    /`load\.end\.count` is -10; allowed at least 1/,
  ],
  [
    'a negative duration',
    withLoad({ end: { kind: 'duration', seconds: -1 } }),
    /`load\.end\.seconds` is -1; allowed at least 0\.1/,
  ],
  ['a negative weight', withEndpoint({ weight: -1 }), /`endpoints\[0\]\.weight` is -1; allowed more than 0/],
  ['a negative seed', json({ ...valid, seed: -1 }), /`seed` is -1; allowed at least 0/],
  ['zero users', withLoad({ concurrency: 0 }), /`load\.concurrency` is 0; allowed at least 1/],
  [
    'an hour-long step',
    withStep({ kind: 'block', ms: 3_600_000 }),
    /`endpoints\[0\]\.steps\[0\]\.ms` is 3600000; allowed at most 60000/,
  ],
  ['1e308 users', withLoad({ concurrency: 1e308 }), /`load\.concurrency` is 1e\+308; allowed at most 1000/],
  ['a number too large for a double', '{"server":{"model":"async","workers":1e999}}', /`server\.workers` is Infinity/],
  [
    'a trillion requests',
    withLoad({ end: { kind: 'requests', count: 1e12 } }),
    /`load\.end\.count` is 1000000000000; allowed at most 1000000/,
  ],
  [
    'a million workers',
    withServer({ model: 'sync-workers', workers: 1e6 }),
    /`server\.workers` is 1000000; allowed at most 64/,
  ],
  [
    'a billion requests a second',
    withLoad({ model: 'open', rateRps: 1e9 }),
    /`load\.rateRps` is 1000000000; allowed at most 20000/,
  ],
  ['2.5 users', withLoad({ concurrency: 2.5 }), /`load\.concurrency` is 2\.5; expected int/],
  [
    '500 per-request threads',
    withStep({ kind: 'offload', step: { kind: 'block', ms: 1 } }).replace(
      '"model":"closed"',
      '"model":"closed","concurrency":500',
    ),
    /`load\.concurrency` is 500; the per-request executor .* allowed 1\.\.256/,
  ],
  [
    '5,000 endpoints',
    json({ ...valid, endpoints: Array.from({ length: 5000 }, (_, i) => ({ ...endpoint, name: `e${i}` })) }),
    /`endpoints` is a list of 5000; allowed at most 32 items/,
  ],
  [
    '5,000 steps',
    withEndpoint({ steps: Array.from({ length: 5000 }, () => ({ kind: 'await', ms: 1 })) }),
    /`endpoints\[0\]\.steps` is a list of 5000; allowed at most 64 items/,
  ],
  [
    'a gather of 1,000',
    withStep({ kind: 'gather', steps: Array.from({ length: 1000 }, () => ({ kind: 'await', ms: 1 })) }),
    /`endpoints\[0\]\.steps\[0\]\.steps` is a list of 1000; allowed at most 32 items/,
  ],
  [
    'a gather inside a gather',
    withStep({ kind: 'gather', steps: [{ kind: 'gather', steps: [{ kind: 'await', ms: 1 }] }] }),
    /`endpoints\[0\]\.steps\[0\]\.steps\[0\]\.kind` is "gather"; allowed "await", "block", "cpu", "db", "upstream", "offload"$/m,
  ],
  [
    '100,000 levels of nesting in an extra field',
    `${json(valid).slice(0, -1)},"extra":${deep}}`,
    /`\(root\)` has unknown field `extra`/,
  ],
  [
    '100,000 levels of nesting as the steps',
    withEndpoint({ steps: 'DEEP' }).replace('"DEEP"', deep),
    /`endpoints\[0\]\.steps\[0\]` is a list of 1; expected object/,
  ],
  [
    'a 50 MB name',
    json({ ...valid, name: 'x'.repeat(FIFTY_MB) }),
    /`name` is "x{40}…"; allowed at most 120 characters/,
  ],
  [
    'a 50 MB endpoint name',
    withEndpoint({ name: 'y'.repeat(FIFTY_MB) }),
    /`endpoints\[0\]\.name` is "y{40}…"; allowed at most 60 characters/,
  ],
  [
    'a __proto__ key',
    `{"__proto__":{"polluted":true},${json(valid).slice(1)}`,
    /`\(root\)` has unknown field `__proto__`/,
  ],
  [
    'a constructor.prototype key',
    json({ ...valid, constructor: { prototype: { polluted: true } } }),
    /unknown field `constructor`/,
  ],
  [
    'a __proto__ key inside a step',
    withStep({ kind: 'await', ms: 1, __proto__: null }).replace('}]}]', ',"__proto__":{"ms":1}}]}]'),
    /unknown field `__proto__`/,
  ],
  [
    'an unknown step kind',
    withStep({ kind: 'sleep', ms: 1 }),
    /`endpoints\[0\]\.steps\[0\]\.kind` is "sleep"; allowed "await", "block"/,
  ],
  ['an await in a sync view', withEndpoint({ view: 'sync' }), /a sync view \(def\) cannot await/],
  ['two endpoints with one name', json({ ...valid, endpoints: [endpoint, endpoint] }), /"a" is used twice/],
  [
    'an endpoint name with spaces',
    withEndpoint({ name: 'Product List' }),
    /`endpoints\[0\]\.name` use lowercase letters, digits and dashes/,
  ],
  [
    'an unknown query',
    withStep({ kind: 'db', query: 'DROP TABLE products' }),
    /`endpoints\[0\]\.steps\[0\]\.query` is "DROP TABLE products"; allowed "product-list"/,
  ],
  [
    'an unknown upstream fault',
    withStep({ kind: 'upstream', ms: 1, fault: 'explode' }),
    /`endpoints\[0\]\.steps\[0\]\.fault` is "explode"; allowed "none", "refuse", "hang", "reset"/,
  ],
  ['an unknown server field', withServer({ greenlets: 8 }), /`server` has unknown field `greenlets`/],
];

test(`${CASES.length} broken scenario files: exit code 2, a sentence naming field, value and limit, nothing run`, async (t) => {
  const file = join(dir, 'scenario.json');
  for (const [what, contents, message] of CASES) {
    writeFileSync(file, contents);
    const result = await runCli(['run', '--scenario', file, '--db', db]);
    assert.equal(result.code, 2, `${what}: exit code (stderr: ${result.stderr.slice(0, 300)})`);
    assert.match(result.stderr, message, what);
    // A 50 MB value is shown cut short: the message stays a message.
    assert.ok(result.stderr.length < 2_000, `${what}: the message is ${result.stderr.length} characters`);
    assert.equal(result.stdout, '', what);
  }
  assert.equal(existsSync(db), false, 'no store was even opened');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  t.diagnostic(`bad scenario files tried: ${CASES.length}`);
});

test('a file that cannot be read is named with the reason', async () => {
  for (const [path, reason] of [
    [join(dir, 'missing.json'), 'ENOENT'],
    [dir, 'EISDIR'],
  ]) {
    const result = await runCli(['run', '--scenario', path, '--db', db]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`cannot read the scenario file ${path}: ${reason}`));
  }
});
