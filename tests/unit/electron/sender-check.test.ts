import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrustedSender } from '../../../main/electron/sender-check.ts';

const topFrame = (url: string) => ({ url, parent: null });

test("the app's own top-level page is trusted", () => {
  assert.equal(isTrustedSender(topFrame('app://interleave/index.html')), true);
});

test('other pages, subframes and vanished frames are not', () => {
  assert.equal(isTrustedSender(topFrame('https://evil.example/')), false);
  assert.equal(isTrustedSender(topFrame('file:///work/out/renderer/index.html')), false);
  assert.equal(isTrustedSender(topFrame('app://interleave.evil.example/index.html')), false);
  assert.equal(isTrustedSender({ url: 'app://interleave/index.html', parent: topFrame('app://interleave/') }), false);
  assert.equal(isTrustedSender(null), false);
  assert.equal(isTrustedSender(undefined), false);
});
