// The join rule (k6-join.ts) on hand-made points: which points make one request, and where the
// rule stops telling requests apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { K6Join, WINDOW } from '../../../main/import/k6-join.ts';
import { parseK6Line } from '../../../main/import/k6-line.ts';
import type { ImportedRequest } from '../../../main/import/imported-request.ts';

interface P {
  metric: string;
  value: number;
  time?: string;
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
}
const TAGS = { method: 'GET', url: 'http://a.test/x?id=1', status: '200' };

function join(points: P[]): { requests: ImportedRequest[]; join: K6Join } {
  const requests: ImportedRequest[] = [];
  const j = new K6Join((r) => requests.push(r));
  points.forEach((p, i) => {
    const line = parseK6Line(
      JSON.stringify({
        type: 'Point',
        metric: p.metric,
        data: { time: p.time ?? '2026-01-05T10:00:01Z', value: p.value, tags: p.tags ?? TAGS, metadata: p.metadata },
      }),
      i + 1,
    );
    assert.equal(line.kind, 'http-point');
    if (line.kind === 'http-point') j.add(line);
  });
  j.finish();
  return { requests, join: j };
}

test('points of one request join whatever the order of its tags; another time starts another request', () => {
  const { requests } = join([
    { metric: 'http_req_duration', value: 40 },
    { metric: 'http_req_waiting', value: 30, tags: { status: '200', url: 'http://a.test/x?id=1', method: 'GET' } },
    { metric: 'http_req_duration', value: 7, time: '2026-01-05T10:00:01.000000001Z' },
  ]);
  assert.deepEqual(
    requests.map((r) => [r.durationMs, r.phases.waitMs, r.endpoint]),
    [
      [40, 30, 'GET /x'],
      [7, null, 'GET /x'],
    ],
  );
});

test('two VUs ending in the same nanosecond with the same tags stay two requests (vu from metadata or tags)', () => {
  const { requests } = join([
    { metric: 'http_req_duration', value: 40, metadata: { vu: '1', iter: '0' } },
    { metric: 'http_req_duration', value: 50, tags: { ...TAGS, vu: '2', iter: '0' } },
    { metric: 'http_req_waiting', value: 35, metadata: { vu: '1', iter: '0' } },
    { metric: 'http_req_waiting', value: 45, tags: { ...TAGS, vu: '2', iter: '0' } },
  ]);
  assert.deepEqual(
    requests.map((r) => [r.lane, r.durationMs, r.phases.waitMs]),
    [
      ['VU 1', 40, 35],
      ['VU 2', 50, 45],
    ],
  );
});

test('a metric seen again for the same key starts a new request (the limit: without vu/iter they cannot be told apart)', () => {
  const { requests } = join([
    { metric: 'http_req_duration', value: 40 },
    { metric: 'http_req_waiting', value: 30 },
    { metric: 'http_req_duration', value: 50 },
    { metric: 'http_req_waiting', value: 45 },
  ]);
  assert.deepEqual(
    requests.map((r) => [r.lane, r.durationMs, r.phases.waitMs]),
    [
      [null, 40, 30],
      [null, 50, 45],
    ],
  );
});

test(`a request whose points are more than ${WINDOW} requests apart is split; the part without a duration is counted, not kept`, () => {
  const far = Array.from({ length: WINDOW }, (_, i): P => ({
    metric: 'http_req_duration',
    value: 1,
    time: `2026-01-05T10:00:02.${String(i).padStart(3, '0')}Z`,
  }));
  const { requests, join: j } = join([
    { metric: 'http_req_duration', value: 40 },
    ...far,
    { metric: 'http_req_waiting', value: 30 },
  ]);
  assert.equal(requests.length, WINDOW + 1);
  assert.equal(requests[0].phases.waitMs, null);
  assert.equal(j.stats.incomplete, 1);
});

test('status: a tag, else 200, or 0 when http_req_failed says it failed; errors from the error tag or http_req_failed', () => {
  const noStatus = { method: 'GET', url: 'http://a.test/' };
  const { requests, join: j } = join([
    { metric: 'http_req_duration', value: 1, tags: noStatus, metadata: { vu: '1' } },
    { metric: 'http_req_duration', value: 2, tags: noStatus, metadata: { vu: '2' } },
    { metric: 'http_req_failed', value: 1, tags: noStatus, metadata: { vu: '2' } },
    { metric: 'http_req_duration', value: 3, metadata: { vu: '3' } },
    { metric: 'http_req_failed', value: 1, metadata: { vu: '3' } },
    {
      metric: 'http_req_duration',
      value: 4,
      tags: { ...TAGS, status: '503', error: 'request timeout' },
      metadata: { vu: '4' },
    },
  ]);
  assert.deepEqual(
    requests.map((r) => [r.status, r.error]),
    [
      [200, null],
      [0, 'no response (status 0)'],
      [200, 'k6 counted it as failed (http_req_failed) with status 200'],
      [503, 'request timeout'],
    ],
  );
  assert.equal(j.stats.withoutStatus, 2);
});

test("k6's name tag groups URLs: a name that is a URL gives its path, a group name stays as it is", () => {
  const { requests } = join([
    {
      metric: 'http_req_duration',
      value: 1,
      tags: { ...TAGS, name: 'http://a.test/items/${}' },
      metadata: { vu: '1' },
    },
    { metric: 'http_req_duration', value: 1, tags: { ...TAGS, name: 'item page' }, metadata: { vu: '2' } },
  ]);
  assert.deepEqual(
    requests.map((r) => r.endpoint),
    ['GET /items/${}', 'GET item page'],
  );
});
