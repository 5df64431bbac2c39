/**
 * The run's first answer is handed on as soon as both halves of it are in (not at the next
 * 100 ms tick): the hook fires once, on the report that completes the first request, whichever
 * half comes last, and never before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunRecording } from '../../../../main/engine/record/run-recording.ts';
import { createControl } from '../../../../main/engine/control.ts';
import { planLanes } from '../../../../main/engine/lanes.ts';
import { packRequests } from '../../../../shared/packed-requests.ts';
import { findPreset } from '../../../../shared/presets.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import type { RequestRecord } from '../../../../shared/trace.ts';

const scenario = scenarioSchema.parse(findPreset('async-await')!.scenario);
const plan = planLanes(scenario);
const ORIGIN = 1_000_000;

function clientHalf(id: number): RequestRecord {
  const at = ORIGIN + 1_000 * (id + 1);
  const r = { id, endpoint: 0, intended: at, sent: at, accepted: null, responded: null };
  return { ...r, received: at + 500, status: 200, error: null, conn: plan.firstClientLane };
}
const requestsReport = (...ids: number[]) => ({
  type: 'requests' as const,
  ...packRequests(ids.map(clientHalf)),
  sent: ids.length,
  inFlight: 0,
});
const servedReport = (...ids: number[]) => ({
  type: 'served' as const,
  served: Float64Array.from(
    ids.flatMap((id) => [id, ORIGIN + 1_000 * (id + 1) + 100, ORIGIN + 1_000 * (id + 1) + 400]),
  ),
});

function recording() {
  const r = new RunRecording(scenario, plan, createControl(plan.lanes.length), {});
  r.recorder.startClockAt(ORIGIN);
  const calls: number[] = [];
  r.onFirstAnswer = () => calls.push(r.recorder.requests.length);
  return { r, calls };
}

test('the first answer is handed on when its second half arrives, and only once', () => {
  const { r, calls } = recording();
  r.onReport(servedReport(0));
  assert.deepEqual(calls, [], 'the server half alone is not an answer');
  r.onReport(requestsReport(0));
  assert.deepEqual(calls, [1], 'handed on with the request joined');
  r.onReport(servedReport(1));
  r.onReport(requestsReport(1));
  assert.deepEqual(calls, [1], 'the second answer waits for the tick');
});

test('the client half first, then the server half: handed on at the server half', () => {
  const { r, calls } = recording();
  r.onReport(requestsReport(0));
  assert.deepEqual(calls, []);
  r.onReport(servedReport(0));
  assert.deepEqual(calls, [1]);
});
