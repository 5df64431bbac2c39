/**
 * The URL target: what the schema accepts and the sentence it gives for what it refuses, which
 * hosts count as this machine, and the words a URL run is described with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelLabel } from '../../../shared/analysis/describe-scenario.ts';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import {
  describeUrlTarget,
  endpointCount,
  endpointName,
  isLoopbackHost,
  remoteHostsNotAllowed,
} from '../../../shared/url-target.ts';
import { parseOrExplain, ValidationError } from '../../../shared/validation.ts';

const base = {
  server: { model: 'async' },
  endpoints: [{ name: 'unused', view: 'async', steps: [] }],
  load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
} satisfies Omit<ScenarioInput, 'target'>;

function problems(target: unknown): string[] {
  try {
    parseOrExplain(scenarioSchema, { ...base, target }, 'The scenario');
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
}

test('a URL target with defaults filled in: GET, no headers, weight 1, no remote hosts', () => {
  const s = scenarioSchema.parse({
    ...base,
    target: { kind: 'url', requests: [{ url: 'http://127.0.0.1:8000/api' }] },
  });
  assert.deepEqual(s.target, {
    kind: 'url',
    requests: [{ method: 'GET', url: 'http://127.0.0.1:8000/api', headers: {}, weight: 1 }],
    allowRemote: [],
  });
});

test('bad URLs, methods, headers, bodies and weights: each named with its value and what is allowed', () => {
  const one = (request: object) => problems({ kind: 'url', requests: [request] });
  const allowed = 'allowed an absolute http:// or https:// URL such as http://127.0.0.1:8000/api/items';
  assert.deepEqual(one({ url: 'ftp://127.0.0.1/x' }), [
    `\`target.requests[0].url\` is "ftp://127.0.0.1/x"; ${allowed}`,
  ]);
  assert.deepEqual(one({ url: '/api/items' }), [`\`target.requests[0].url\` is "/api/items"; ${allowed}`]);
  assert.deepEqual(one({ url: 'http://me:secret@127.0.0.1/' }), [
    '`target.requests[0].url` is "http://me:secret@127.0.0.1/"; a URL may not carry a user name or password (send an Authorization header instead)',
  ]);
  assert.match(
    one({ url: `http://127.0.0.1/${'x'.repeat(2000)}` })[0],
    /^`target.requests\[0\].url` is ".*"; allowed at most 2000 characters$/,
  );
  assert.deepEqual(one({ url: 'http://127.0.0.1/', method: 'TRACE' }), [
    '`target.requests[0].method` is "TRACE"; allowed "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"',
  ]);
  assert.deepEqual(
    one({ url: 'http://127.0.0.1/', headers: { 'Bad Name': 'x', Connection: 'close', 'X-A': 'a\nb' } }),
    [
      "`target.requests[0].headers.Bad Name` is not a header name; allowed letters, digits and !#$%&'*+-.^_`|~, at most 100 characters",
      '`target.requests[0].headers.Connection` is a header Interleave sets itself; allowed any header but connection, content-length, expect, keep-alive, te, trailer, transfer-encoding, upgrade, x-interleave-req, x-interleave-endpoint',
      '`target.requests[0].headers.X-A` is "a\\nb", with a line break, a control character or a character beyond Latin-1; allowed one line of Latin-1 text',
    ],
  );
  const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`x-h${i}`, 'v']));
  assert.deepEqual(one({ url: 'http://127.0.0.1/', headers: many }), [
    '`target.requests[0].headers` has 33 headers; allowed at most 32',
  ]);
  assert.deepEqual(one({ url: 'http://127.0.0.1/', headers: { 'x-long': 'v'.repeat(8001) } }), [
    '`target.requests[0].headers.x-long` is 8001 characters long; allowed at most 8000',
  ]);
  assert.deepEqual(one({ url: 'http://127.0.0.1/', body: 'x'.repeat(1024 * 1024 + 1), weight: 0 }), [
    '`target.requests[0].body` is "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"; allowed at most 1048576 characters',
    '`target.requests[0].weight` is 0; allowed more than 0',
  ]);
  assert.deepEqual(one({ url: 'http://127.0.0.1/', follow: true }), [
    '`target.requests[0]` has unknown field `follow`',
  ]);
  assert.deepEqual(problems({ kind: 'url', requests: [] }), [
    '`target.requests` is a list of 0; allowed at least 1 item',
  ]);
  const tooMany = Array.from({ length: 33 }, () => ({ url: 'http://127.0.0.1/' }));
  assert.deepEqual(problems({ kind: 'url', requests: tooMany }), [
    '`target.requests` is a list of 33; allowed at most 32 items',
  ]);
});

test("a URL run starts no executor: the per-request executor's thread limit does not apply", () => {
  const load = { model: 'closed', concurrency: 1000, end: { kind: 'requests', count: 10 } } as const;
  const sync = [{ name: 'unused', view: 'sync', steps: [] }] as const;
  const target = { kind: 'url', requests: [{ url: 'http://127.0.0.1/' }] } as const;
  assert.ok(scenarioSchema.safeParse({ ...base, endpoints: sync, load, target }).success);
  assert.ok(!scenarioSchema.safeParse({ ...base, endpoints: sync, load }).success, 'the model still refuses it');
});

test('loopback is 127.0.0.0/8, ::1 and localhost, as the URL parser spells the host; nothing is looked up', () => {
  const host = (url: string) => new URL(url).hostname;
  for (const url of [
    'http://127.0.0.1/',
    'http://127.45.6.7:81/',
    'http://[::1]:8000/',
    'http://LOCALHOST/',
    'http://2130706433/',
  ])
    assert.ok(isLoopbackHost(host(url)), url);
  for (const url of [
    'http://example.invalid/',
    'http://127.0.0.1.nip.io/',
    'http://0.0.0.0/',
    'http://10.0.0.1/',
    'http://[::2]/',
    'http://localhost.example/',
  ])
    assert.ok(!isLoopbackHost(host(url)), url);
});

test('hosts that need allowing: each remote host once, unless allowRemote names it (any case, brackets or not)', () => {
  const requests = [
    { url: 'http://127.0.0.1/a' },
    { url: 'https://Example.com/b' },
    { url: 'http://example.com:8080/c' },
    { url: 'http://[2001:db8::1]/d' },
  ];
  assert.deepEqual(remoteHostsNotAllowed({ requests, allowRemote: [] }), ['example.com', '[2001:db8::1]']);
  assert.deepEqual(remoteHostsNotAllowed({ requests, allowRemote: ['EXAMPLE.com', '2001:db8::1'] }), []);
});

test('a URL run is described by its target, never by the server settings it carries', () => {
  const one = scenarioSchema.parse({
    ...base,
    target: { kind: 'url', requests: [{ method: 'POST', url: 'http://127.0.0.1:8000/api/items' }] },
  });
  assert.equal(modelLabel(one), 'against POST http://127.0.0.1:8000/api/items');
  assert.equal(endpointName(one, 0), 'POST http://127.0.0.1:8000/api/items');
  assert.equal(endpointName(one, 1), undefined);
  const mix = scenarioSchema.parse({
    ...base,
    target: {
      kind: 'url',
      requests: [{ url: 'http://127.0.0.1/a' }, { url: 'http://127.0.0.1/b' }, { url: 'http://127.0.0.1/c' }],
    },
  });
  assert.equal(describeUrlTarget(mix.target as Extract<typeof mix.target, { kind: 'url' }>), '3 URLs');
  assert.equal(modelLabel(mix), 'against 3 URLs');
  assert.equal(endpointCount(mix), 3);
  assert.equal(endpointCount(scenarioSchema.parse(base)), 1);
});
