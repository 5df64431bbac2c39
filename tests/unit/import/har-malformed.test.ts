// Bad HAR files: each refusal names the line and column (outside the entries) or the entry and
// the line it starts on, and what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readImportText } from '../../../main/import/index.ts';

const entry = (over: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-01-05T10:00:00.000Z',
  time: 10,
  request: { method: 'GET', url: 'https://a.test/x' },
  response: { status: 200 },
  timings: { send: 1, wait: 8, receive: 1 },
  ...over,
});
const har = (...entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } }, null, 2);

async function refusal(text: string): Promise<string> {
  try {
    await readImportText(text, 'bad.har', { format: 'har' });
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('the file was accepted');
}

const CASES: [string, string, RegExp][] = [
  ['an empty file', '', /^The HAR file bad\.har is not valid:\n {2}- the file is empty; expected a HAR file/],
  ['a list at the top', '[1]', /line 1, column 1: expected a HAR file, a JSON object \{"log": …\}; got "\["/],
  [
    'no log',
    '{"version": "1.2"}',
    /line 1, column 18: the object has no "log"; a HAR file is \{"log": \{"entries": \[…\]\}\}/,
  ],
  ['log that is a string', '{"log": "x"}', /line 1, column 9: "log" is a string; expected an object/],
  ['no entries', '{"log": {"version": "1.2"}}', /line 1, column 26: "log" has no "entries" list/],
  [
    'entries that are an object',
    '{"log": {"entries": {}}}',
    /line 1, column 21: "log\.entries" is an object; expected a list/,
  ],
  [
    'an entry that is a number',
    '{"log": {"entries": [\n  42]}}',
    /line 2, column 3: entry 1 is a number or literal; expected an object/,
  ],
  ['a missing colon', '{"log" {"entries": []}}', /line 1, column 8: expected ":" after the key; got "\{"/],
  [
    'a bad literal before the entries',
    '{"log": {"x": tru, "entries": []}}',
    /line 1, column 18: "tru" is not a JSON number, true, false or null/,
  ],
  [
    'cut short inside an entry',
    har(entry(), entry()).slice(0, -60),
    /the file ends inside entry 2 \(from line \d+\): it is cut short/,
  ],
  [
    'cut short between entries',
    '{"log": {"entries": [' + JSON.stringify(entry()) + ',',
    /the file ends inside log\.entries after 1 entry: it is cut short/,
  ],
  [
    'an entry that is not JSON inside',
    '{"log": {"entries": [{"time": 1,}]}}',
    /entry 1 \(from line 1\) is not valid JSON: /,
  ],
  [
    'a start that is not a time',
    har(entry({ startedDateTime: 'noon' })),
    /entry 1 \(from line 5\): "startedDateTime" is "noon"; expected an ISO 8601 time/,
  ],
  [
    'timings.wait as text',
    har(entry(), entry({ timings: { send: 1, wait: 'x', receive: 1 } })),
    /entry 2 \(from line \d+\): "timings\.wait" is "x"; expected a number of milliseconds, or -1 when it does not apply/,
  ],
  [
    'no receive timing',
    har(entry({ timings: { send: 1, wait: 8 } })),
    /"timings\.receive" is missing; expected a number of milliseconds/,
  ],
  [
    'a status that is text',
    har(entry({ response: { status: '200' } })),
    /"response\.status" is "200"; expected a whole number/,
  ],
  ['no request url', har(entry({ request: { method: 'GET' } })), /"request\.url" is missing; expected a string/],
  ['a negative time', har(entry({ time: -5 })), /"time" is -5; expected the total in milliseconds/],
  ['an empty entries list', har(), /bad\.har has no requests: its log\.entries is empty/],
];

for (const [name, text, message] of CASES) {
  test(`refused: ${name}`, async () => {
    assert.match(await refusal(text), message);
  });
}

test('what follows log.entries is not read: a broken tail after the entries does not matter', async () => {
  const read = await readImportText(`{"log": {"entries": [${JSON.stringify(entry())}], "pages": [{{{`, 'tail.har');
  assert.equal(read.format, 'har');
  assert.ok(read.format === 'har');
  assert.equal(read.run.doc.requests.length, 1);
});

test('an entry without "time" takes the sum of the timings that apply (ssl is inside connect)', async () => {
  const timings = { blocked: 1, dns: -1, connect: 6, ssl: 4, send: 1, wait: 8, receive: 2 };
  const read = await readImportText(har(entry({ time: undefined, timings })), 'sum.har');
  assert.ok(read.format === 'har');
  assert.equal(read.run.doc.requests[0].received, 18_000); // 1 + 6 + 1 + 8 + 2 ms
});
