// The app:// handler's response function on real files: what the Electron window loads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ENTRY_URL, respondToAppRequest } from '../../../main/electron/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../main/platform/content-security-policy.ts';

const root = mkdtempSync(join(tmpdir(), 'interleave-app-protocol-'));
const staticDir = join(root, 'renderer');
mkdirSync(join(staticDir, 'assets'), { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Interleave</title>');
writeFileSync(join(staticDir, 'assets', 'index-abc.js'), 'export {}');
writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
after(() => rmSync(root, { recursive: true, force: true }));

test('the entry page is served with the CSP, nosniff and its type', async () => {
  const response = await respondToAppRequest(APP_ENTRY_URL, staticDir);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await response.text(), /<title>Interleave/);
});

test('assets resolve like on http, query strings ignored', async () => {
  const response = await respondToAppRequest('app://interleave/assets/index-abc.js?v=2', staticDir);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
});

test('missing files are 404, other hosts are 404, escapes are refused', async () => {
  assert.equal((await respondToAppRequest('app://interleave/nope.js', staticDir)).status, 404);
  assert.equal((await respondToAppRequest('app://other/index.html', staticDir)).status, 404);
  for (const url of [
    'app://interleave/..%2fsecret.txt',
    'app://interleave/%2e%2e%2fsecret.txt',
    'app://interleave/assets/..%5c..%5csecret.txt',
  ]) {
    const response = await respondToAppRequest(url, staticDir);
    assert.equal(response.status, 400, url);
    assert.doesNotMatch(await response.text(), /TOP-SECRET/);
  }
});
