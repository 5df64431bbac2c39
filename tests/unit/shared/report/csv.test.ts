import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CSV_COLUMNS, csvRecord, runToCsv } from '../../../../shared/report/csv.ts';
import { PHASES } from '../../../../shared/trace.ts';
import { gatherOffloadRun, syncWorkersRun } from '../fixtures.ts';

/** A small RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '"' && c !== '\r' && c !== '\n', `bare ${JSON.stringify(c)} outside quotes at ${i}`);
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, 'unterminated quote');
  assert.ok(field === '' && row.length === 0, 'the last record ends with CRLF');
  return rows;
}

test('one header row and one row per request, every row as wide as the header', () => {
  const doc = syncWorkersRun();
  const rows = parseCsv(runToCsv(doc));
  assert.deepEqual(rows[0], CSV_COLUMNS);
  assert.equal(rows.length, 1 + doc.requests.length);
  for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
  assert.ok(!CSV_COLUMNS.includes('client_ms'), 'the client span is the latency column, not a phase column');
  assert.equal(CSV_COLUMNS.filter((c) => c.endsWith('_ms')).length, 7 + PHASES.length - 1);
});

test('times are milliseconds and phases are summed per request', () => {
  const rows = parseCsv(runToCsv(syncWorkersRun()));
  const col = (name: string) => rows[0].indexOf(name);
  const last = rows[10];
  assert.equal(last[col('id')], '9');
  assert.equal(last[col('endpoint')], 'sync-view');
  assert.equal(last[col('queued_ms')], '200', 'third wave: queued for two waves');
  assert.equal(last[col('running_ms')], '100');
  assert.equal(last[col('block_ms')], '99.99');
  assert.equal(last[col('latency_ms')], '300.35');
  assert.equal(last[col('send_lag_ms')], '0');
  assert.equal(last[col('exec_queue_ms')], '0');
  const gather = parseCsv(runToCsv(gatherOffloadRun()));
  const g = (name: string) => gather[0].indexOf(name);
  assert.equal(gather[1][g('db_ms')], '200', 'two 100 ms queries');
  assert.equal(gather[2][g('status')], '500');
  assert.equal(gather[2][g('error')], 'view failed: "order", line 2');
});

test('unreached times are empty fields', () => {
  const doc = syncWorkersRun();
  doc.requests[0] = {
    ...doc.requests[0],
    accepted: null,
    responded: null,
    received: null,
    status: 0,
    error: 'connection refused',
  };
  const rows = parseCsv(runToCsv(doc));
  const col = (name: string) => rows[0].indexOf(name);
  assert.equal(rows[1][col('received_ms')], '');
  assert.equal(rows[1][col('latency_ms')], '');
  assert.equal(rows[1][col('status')], '0');
});

test('quoting round-trips any text through an RFC 4180 reader', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 1, maxLength: 8 }), (fields) => {
      // A record of one empty field is an empty line; RFC 4180 cannot tell it from no field.
      fc.pre(!(fields.length === 1 && fields[0] === ''));
      assert.deepEqual(parseCsv(csvRecord(fields) + '\r\n'), [fields]);
    }),
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (error) => {
      const doc = gatherOffloadRun();
      doc.requests[1] = { ...doc.requests[1], error };
      const rows = parseCsv(runToCsv(doc));
      assert.equal(rows[2][rows[0].indexOf('error')], error);
    }),
  );
});
