import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSpan } from '../../../../renderer/src/timeline/span-details.ts';
import { withDefaults } from '../../../../renderer/src/scenario/knobs.ts';
import { findPreset } from '../../../../shared/presets.ts';
import { Phase, type RequestRecord } from '../../../../shared/trace.ts';

const scenario = withDefaults(findPreset('sync-workers')!.scenario);
const lanes = [{ id: 1, name: 'worker 2', kind: 'worker' as const, process: 2 }];
const record: RequestRecord = {
  id: 17,
  endpoint: 0,
  intended: 0,
  sent: 0,
  accepted: 100,
  responded: 300_000,
  received: 312_000,
  status: 200,
  error: null,
  conn: 9,
};

test('a hovered span names its request, endpoint, phase, thread, timing and outcome', () => {
  const data = Float64Array.from([17, 1, Phase.block, 12_300, 112_300]);
  const d = describeSpan({ data, lanes, requestById: new Map([[17, record]]), scenario }, 0);
  assert.equal(d.title, 'Request #17 · sync-view');
  assert.deepEqual(d.lines, [
    'blocked (thread held) · worker 2',
    '100 ms, from 12.3 ms to 112 ms',
    'HTTP 200 · latency 312 ms',
  ]);
});

test('a request still in flight says so', () => {
  const data = Float64Array.from([18, 1, Phase.queued, 0, 5_000]);
  const d = describeSpan({ data, lanes, requestById: new Map(), scenario }, 0);
  assert.equal(d.title, 'Request #18');
  assert.equal(d.lines[2], 'in flight');
});
