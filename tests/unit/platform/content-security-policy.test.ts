import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY, RENDERER_SECURITY_HEADERS } from '../../../main/platform/content-security-policy.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

test('scripts come only from the app: no inline, no eval, no remote', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);
  assert.deepEqual(csp.get('script-src'), ["'self'"]);
  assert.deepEqual(csp.get('default-src'), ["'self'"]);
  for (const [name, sources] of csp) {
    assert.equal(sources.includes("'unsafe-eval'"), false, name);
    assert.equal(
      sources.some((s) => /^https?:/.test(s) || s === '*'),
      false,
      name,
    );
  }
});

test('workers come only from the app: no blob: or data: workers', () => {
  assert.deepEqual(directives(CONTENT_SECURITY_POLICY).get('worker-src'), ["'self'"]);
});

test('the page connects only to itself and the loopback bridge', () => {
  assert.deepEqual(directives(CONTENT_SECURITY_POLICY).get('connect-src'), [
    "'self'",
    'ws://127.0.0.1:*',
    'ws://localhost:*',
  ]);
});

test('plugins, base rewriting, framing and form posts are closed', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);
  for (const name of ['object-src', 'base-uri', 'frame-ancestors', 'form-action']) {
    assert.deepEqual(csp.get(name), ["'none'"], name);
  }
});

test('every renderer response also forbids sniffing', () => {
  assert.equal(RENDERER_SECURITY_HEADERS['X-Content-Type-Options'], 'nosniff');
  assert.equal(RENDERER_SECURITY_HEADERS['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
});
