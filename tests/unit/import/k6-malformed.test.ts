// Bad k6 files: each refusal names the line and what was expected there; a last line cut short
// (k6 killed mid-write) is skipped with a note instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readImportText } from '../../../main/import/index.ts';

const point = (metric: string, value: unknown, time: unknown = '2026-01-05T10:00:00.1Z') =>
  JSON.stringify({
    metric,
    type: 'Point',
    data: { time, value, tags: { method: 'GET', url: 'http://a.test/x', status: '200' } },
  });
const ok = [point('http_reqs', 1), point('http_req_duration', 12)];

async function refusal(lines: string[]): Promise<string> {
  try {
    await readImportText(lines.join('\n'), 'bad.json', { format: 'k6' });
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('the file was accepted');
}

const CASES: [string, string[], RegExp][] = [
  [
    'a line that is not JSON, with more after it',
    [...ok, '{"metric": http_reqs}', ...ok],
    /^The k6 file bad\.json is not valid:\n {2}- line 3 is not JSON \(.*\); expected one k6 JSON object per line/,
  ],
  ['a line that is a list', [...ok, '[1, 2]'], /line 3 is \[1,2\]; expected one k6 JSON object per line/],
  [
    'an unknown type',
    [ok[0], '{"type":"Sample","metric":"x","data":{}}'],
    /line 2: "type" is "Sample"; expected one k6 JSON object per line, \{"type":"Point",…\}/,
  ],
  [
    'a point without a metric name',
    ['{"type":"Point","data":{}}'],
    /line 1: a "Point" line has "metric" missing; expected the metric's name/,
  ],
  [
    'a time that is not RFC 3339',
    [ok[0], point('http_req_duration', 5, 'yesterday')],
    /line 2: "data.time" of http_req_duration is "yesterday"; expected an RFC 3339 time/,
  ],
  [
    'a time without a zone',
    [point('http_req_duration', 5, '2026-01-05T10:00:00.1')],
    /line 1: "data.time" of http_req_duration is "2026-01-05T10:00:00\.1"; expected/,
  ],
  [
    'a duration that is a string',
    [ok[0], point('http_req_duration', '12')],
    /line 2: "data.value" of http_req_duration is "12"; expected a number ≥ 0/,
  ],
  [
    'a negative duration',
    [point('http_req_duration', -1)],
    /line 1: "data.value" of http_req_duration is -1; expected a number ≥ 0/,
  ],
  [
    'tags that are a list',
    [point('http_reqs', 1).replace(/"tags":\{[^}]*\}/, '"tags":[1]')],
    /line 1: "data.tags" is \[1\]; expected an object of tags or null/,
  ],
  [
    'no HTTP requests at all',
    ['{"type":"Point","metric":"vus","data":{"time":"2026-01-05T10:00:00Z","value":1,"tags":null}}'],
    /bad\.json has no HTTP requests: no http_req_duration points/,
  ],
  [
    'a line over 1 MB',
    [...ok, `{"metric":"${'x'.repeat(1024 * 1024 + 10)}"}`, ...ok],
    /line 3 is longer than 1 MB; k6's JSON output has one short object per line/,
  ],
];

for (const [name, lines, message] of CASES) {
  test(`refused: ${name}`, async () => {
    assert.match(await refusal(lines), message);
  });
}

test('a last line cut short is skipped, and the run says so', async () => {
  const read = await readImportText([...ok, ok[0].slice(0, 40)].join('\n'), 'cut.json', { format: 'k6' });
  assert.ok(read.format === 'k6');
  assert.equal(read.run.doc.requests.length, 1);
  assert.deepEqual(read.run.doc.scenario.target.kind === 'imported' && read.run.doc.scenario.target.notes, [
    'The last line (3) was cut short and was skipped.',
  ]);
});

test('CRLF line ends, a byte-order mark and blank lines are read like plain lines', async () => {
  const read = await readImportText(`\uFEFF${ok.join('\r\n')}\r\n\r\n`, 'crlf.json');
  assert.equal(read.format, 'k6');
  assert.ok(read.format === 'k6');
  assert.equal(read.run.doc.requests.length, 1);
  assert.equal(read.run.doc.info.summary?.p50Ms, 12);
});
