import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWindowOptions } from '../../../main/electron/window-options.ts';

test('the window is isolated, sandboxed and without Node', () => {
  const { webPreferences } = createWindowOptions({ preloadPath: '/app/out/main/preload.cjs', dark: false });
  assert.equal(webPreferences.contextIsolation, true);
  assert.equal(webPreferences.sandbox, true);
  assert.equal(webPreferences.nodeIntegration, false);
  assert.equal(webPreferences.nodeIntegrationInWorker, false);
  assert.equal(webPreferences.nodeIntegrationInSubFrames, false);
  assert.equal(webPreferences.webSecurity, true);
  assert.equal(webPreferences.allowRunningInsecureContent, false);
  assert.equal(webPreferences.experimentalFeatures, false);
  assert.equal(webPreferences.webviewTag, false);
  assert.equal(webPreferences.navigateOnDragDrop, false);
  assert.equal(webPreferences.spellcheck, false);
  assert.equal(webPreferences.preload, '/app/out/main/preload.cjs');
});

test('no option that would loosen the page is present at all', () => {
  const { webPreferences } = createWindowOptions({ preloadPath: '/p.cjs', dark: true });
  for (const key of ['enableBlinkFeatures', 'additionalArguments', 'disableBlinkFeatures', 'partition']) {
    assert.equal(key in webPreferences, false, key);
  }
});

test('the window waits to be shown and takes the theme colour', () => {
  assert.equal(createWindowOptions({ preloadPath: '/p.cjs', dark: true }).show, false);
  assert.notEqual(
    createWindowOptions({ preloadPath: '/p.cjs', dark: true }).backgroundColor,
    createWindowOptions({ preloadPath: '/p.cjs', dark: false }).backgroundColor,
  );
});
