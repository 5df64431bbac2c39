/**
 * uvicorn's --backlog in the model: the loop thread listens with it, so while the loop is busy
 * new connections wait in the kernel's queue, and past it Linux drops their SYN (the client sends
 * it again a second later), as with uvicorn. Checked where the kernel keeps it: `ss` shows a
 * listening socket's backlog as its Send-Q. A run with --backlog 37 has a socket on 127.0.0.1
 * listening with exactly that, while it runs; nothing else here uses 37.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { runAndCollect } from './run-and-collect.ts';

const BACKLOG = 37;

/** The backlogs (Send-Q) of the sockets listening on 127.0.0.1, as the kernel reports them. */
function loopbackBacklogs(): number[] {
  return execFileSync('ss', ['-H', '-l', '-t', '-n'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === 'LISTEN' && cols[3]?.startsWith('127.0.0.1:'))
    .map((cols) => Number(cols[2]));
}

test('the loop listens with the scenario’s --backlog: the kernel queues that many connections for it', async () => {
  assert.ok(!loopbackBacklogs().includes(BACKLOG), 'no socket listens with 37 before the run');
  const seen: number[][] = [];
  const scenario: ScenarioInput = {
    server: { model: 'async', backlog: BACKLOG },
    endpoints: [{ name: 'await', view: 'async', steps: [{ kind: 'await', ms: 200 }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
  };
  const c = await runAndCollect(scenario, () => {
    if (seen.length === 0) seen.push(loopbackBacklogs());
  });
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(seen.length, 1, 'looked while the run ran');
  assert.ok(seen[0].includes(BACKLOG), `listening backlogs while it ran: ${seen[0].join(', ')}`);
});
