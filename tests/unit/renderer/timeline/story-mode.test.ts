/** Which view a run opens in: the waterfall when every step awaits, the lanes otherwise. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS } from '../../../../shared/presets.ts';
import { withDefaults } from '../../../../renderer/src/scenario/knobs.ts';
import { storyMode } from '../../../../renderer/src/timeline/story-mode.ts';

const modeOf = (id: string) => storyMode(withDefaults(PRESETS.find((p) => p.id === id)!.scenario));

test('awaits only (one await, gathered awaited calls) open the waterfall', () => {
  assert.equal(modeOf('async-await'), 'requests');
  assert.equal(modeOf('gather-api-calls'), 'requests');
});

test('anything that holds a thread opens the lanes', () => {
  for (const id of ['async-time-sleep', 'async-requests-get', 'sync-workers', 'cpu-offload-gil', 'shop-mix'])
    assert.equal(modeOf(id), 'lanes', id);
  assert.equal(storyMode(null), 'lanes');
});

test('a URL run or an imported file has no server threads of ours: its requests', () => {
  const base = withDefaults(PRESETS.find((p) => p.id === 'sync-workers')!.scenario);
  assert.equal(
    storyMode({
      ...base,
      target: {
        kind: 'url',
        requests: [{ method: 'GET', url: 'http://127.0.0.1:1/', headers: {}, weight: 1 }],
        allowRemote: [],
      },
    }),
    'requests',
  );
  assert.equal(
    storyMode({
      ...base,
      target: { kind: 'imported', format: 'k6', file: 'k6.json', endpoints: ['GET /'], notes: [] },
    }),
    'requests',
  );
});
