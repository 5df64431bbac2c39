import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowNavigation, allowPermission, decideWindowOpen } from '../../../main/electron/navigation-policy.ts';

test('navigation stays inside app://interleave', () => {
  assert.equal(allowNavigation('app://interleave/index.html'), true);
  assert.equal(allowNavigation('app://interleave/index.html#run=3'), true);
  for (const url of [
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://user:pw@interleave/index.html',
    'javascript:alert(1)',
    'data:text/html,hi',
    'not a url',
  ]) {
    assert.equal(allowNavigation(url), false, url);
  }
});

test('window.open never opens a window; only https goes to the system browser', () => {
  assert.deepEqual(decideWindowOpen('https://docs.djangoproject.com/en/5.2/topics/async/'), {
    action: 'deny',
    openExternally: 'https://docs.djangoproject.com/en/5.2/topics/async/',
  });
  for (const url of [
    'http://example.com/',
    'file:///etc/passwd',
    'app://interleave/x',
    'javascript:1',
    'smb://host/share',
  ]) {
    assert.deepEqual(decideWindowOpen(url), { action: 'deny', openExternally: undefined }, url);
  }
});

test('every permission is refused', () => {
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
    assert.equal(allowPermission(permission), false, permission);
  }
});
