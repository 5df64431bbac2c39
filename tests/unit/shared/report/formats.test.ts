import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileNameFor, formatFromFileName, mimeFor, renderExport } from '../../../../shared/report/formats.ts';
import { parseRunJson } from '../../../../shared/report/json.ts';
import { EXPORT_FORMATS } from '../../../../shared/bridge.ts';
import { syncWorkersRun } from '../fixtures.ts';

test('the format comes from the file name; .trace.json wins over .json', () => {
  assert.equal(formatFromFileName('run.trace.json'), 'trace');
  assert.equal(formatFromFileName('RUN.TRACE.JSON'), 'trace');
  assert.equal(formatFromFileName('run.json'), 'json');
  assert.equal(formatFromFileName('report.html'), 'html');
  assert.equal(formatFromFileName('report.htm'), 'html');
  assert.equal(formatFromFileName('requests.csv'), 'csv');
  assert.equal(formatFromFileName('notes.txt'), null);
  assert.equal(formatFromFileName('.json'), null, 'an ending alone is not a file name');
  assert.equal(formatFromFileName('html'), null);
});

test('default file names are safe and end so that they map back to their format', () => {
  const info = { id: 12, name: 'Async view: time.sleep() — “déjà vu” / ../etc' };
  for (const format of EXPORT_FORMATS) {
    const name = fileNameFor(info, format);
    assert.match(name, /^interleave-12-[a-z0-9-]+\.(html|json|csv|trace\.json)$/);
    assert.equal(formatFromFileName(name), format);
  }
  assert.equal(fileNameFor(info, 'trace'), 'interleave-12-async-view-time-sleep-deja-vu-etc.trace.json');
  assert.equal(fileNameFor({ id: 1, name: '<<<>>>' }, 'csv'), 'interleave-1-run.csv');
});

test('each format renders with its MIME type', () => {
  const doc = syncWorkersRun();
  assert.deepEqual(parseRunJson(renderExport(doc, 'json')), doc);
  assert.ok(Array.isArray(JSON.parse(renderExport(doc, 'trace')).traceEvents));
  assert.ok(renderExport(doc, 'csv').startsWith('id,endpoint,status,error,'));
  assert.ok(renderExport(doc, 'html').startsWith('<!doctype html>'));
  assert.equal(mimeFor('html'), 'text/html;charset=utf-8');
  assert.equal(mimeFor('csv'), 'text/csv;charset=utf-8');
  assert.equal(mimeFor('json'), 'application/json');
  assert.equal(mimeFor('trace'), 'application/json');
});
