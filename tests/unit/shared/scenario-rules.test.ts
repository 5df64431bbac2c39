// Which endpoints call the upstream (shared/scenario-rules.ts): a thread warms its upstream
// clients before Ready only then, so a call hidden in an offload or a gather must count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsUpstream } from '../../../shared/scenario-rules.ts';
import type { Step } from '../../../shared/scenario.ts';

const upstream: Step = { kind: 'upstream', ms: 50, fault: 'none', timeoutMs: 5_000, blocking: false };
const endpoint = (...steps: Step[]) => ({ steps });

test('an upstream call counts wherever it stands: in the view, an offload or a gather', () => {
  assert.equal(callsUpstream([endpoint({ kind: 'await', ms: 1 }), endpoint(upstream)]), true);
  assert.equal(callsUpstream([endpoint({ kind: 'offload', step: upstream } as Step)]), true);
  assert.equal(
    callsUpstream([
      endpoint({
        kind: 'gather',
        steps: [
          { kind: 'await', ms: 1 },
          { kind: 'offload', step: upstream },
        ],
      } as Step),
    ]),
    true,
  );
});

test('endpoints that only await, block, compute or query call no upstream', () => {
  const steps: Step[] = [
    { kind: 'await', ms: 1 },
    { kind: 'block', ms: 1 },
    { kind: 'cpu', ms: 1 },
    { kind: 'db', query: 'product-get', ms: 0 },
    { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 0 } } as Step,
    { kind: 'gather', steps: [{ kind: 'await', ms: 1 }] },
  ];
  assert.equal(callsUpstream([endpoint(...steps)]), false);
  assert.equal(callsUpstream([]), false);
});
