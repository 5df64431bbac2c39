import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpans } from '../../../../renderer/src/panels/code-spans.ts';

test('backtick pairs become code pieces; the backticks themselves are gone', () => {
  assert.deepEqual(codeSpans('`time.sleep` inside `async def` blocks'), [
    { code: true, text: 'time.sleep' },
    { code: false, text: ' inside ' },
    { code: true, text: 'async def' },
    { code: false, text: ' blocks' },
  ]);
  assert.deepEqual(codeSpans('no code'), [{ code: false, text: 'no code' }]);
});

test('a backtick with no partner stays as plain text', () => {
  assert.deepEqual(codeSpans('`a` and ` alone'), [
    { code: true, text: 'a' },
    { code: false, text: ' and ' },
    { code: false, text: '` alone' },
  ]);
});
