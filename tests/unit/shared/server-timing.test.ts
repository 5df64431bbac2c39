import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseServerTiming } from '../../../shared/server-timing.ts';
import { readProbeTiming } from '../../../shared/probe-timing.ts';
import { Phase } from '../../../shared/trace.ts';

test('Server-Timing: names, durations and descriptions, quoted or not, over several headers', () => {
  assert.deepEqual(parseServerTiming(['db;dur=53;desc="orders, today; \\"all\\""', 'cache;desc=hit, app;dur=47.2']), [
    { name: 'db', dur: 53, desc: 'orders, today; "all"' },
    { name: 'cache', dur: null, desc: 'hit' },
    { name: 'app', dur: 47.2, desc: null },
  ]);
});

test('Server-Timing: unknown parameters ignored, bad durations dropped, nameless metrics skipped', () => {
  assert.deepEqual(parseServerTiming('total;foo=bar;dur=abc;desc=x , ;dur=3, miss;DUR=1.5'), [
    { name: 'total', dur: null, desc: 'x' },
    { name: 'miss', dur: 1.5, desc: null },
  ]);
  assert.deepEqual(parseServerTiming(''), []);
});

test('Server-Timing: any text parses without throwing (seed 4242)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      for (const m of parseServerTiming(text)) assert.ok(m.name.length > 0);
    }),
    { seed: 4242, numRuns: 2000 },
  );
});

test('probe metrics: served, spans on threads and loop samples; malformed ones skipped alone', () => {
  const header = [
    'interleave-served;desc="7 1000.500 1101.250 42 4242 1 MainThread"',
    'interleave-span;dur=100.250;desc="block 1000.750 42 4242 1 MainThread"',
    'interleave-span;dur=5;desc="db 1001 42 777 0 ThreadPoolExecutor-0_0"',
    'interleave-span;dur=5;desc="nonsense 1001 42 777 0 x"',
    'interleave-span;desc="await 1001 42 4242 1 MainThread"',
    'interleave-loop;desc="1010.000:0.250 1020.000:99.500 bad"',
    'interleave-interface;desc="asgi"',
    'view;dur=3',
  ].join(', ');
  const main = { pid: 42, tid: 4242, main: true, name: 'MainThread' };
  assert.deepEqual(readProbeTiming(parseServerTiming(header)), {
    served: { req: 7, acceptedMs: 1000.5, respondedMs: 1101.25, thread: main },
    spans: [
      // start 1000.750 + dur 100.250 = end 1101.000
      { phase: Phase.block, startMs: 1000.75, endMs: 1101, thread: main },
      {
        phase: Phase.db,
        startMs: 1001,
        endMs: 1006,
        thread: { pid: 42, tid: 777, main: false, name: 'ThreadPoolExecutor-0_0' },
      },
    ],
    loop: [
      { tMs: 1010, delayMs: 0.25 },
      { tMs: 1020, delayMs: 99.5 },
    ],
    error: null,
    interface: 'asgi',
  });
});

test('the probe interface: asgi or wsgi; anything else, or a probe too old to say, is null', () => {
  const interfaceOf = (header: string) => readProbeTiming(parseServerTiming(header)).interface;
  assert.equal(interfaceOf('interleave-interface;desc="wsgi"'), 'wsgi');
  assert.equal(interfaceOf('interleave-interface;desc="ASGI"'), null);
  assert.equal(interfaceOf('interleave-interface'), null);
  assert.equal(interfaceOf('interleave-served;desc="7 1 2 42 4242 1 MainThread"'), null);
});
