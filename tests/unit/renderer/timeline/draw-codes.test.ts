import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DRAW_CODE_COUNT,
  clientPhaseCode,
  drawFills,
  serverTimingCode,
} from '../../../../renderer/src/timeline/draw-codes.ts';
import { PHASE_RULES } from '../../../../renderer/src/timeline/phase-priority.ts';
import { CLIENT_PHASES } from '../../../../shared/client-phases.ts';
import { PHASES } from '../../../../shared/trace.ts';

test('every draw code has its own colour in each theme, and rules for the level of detail', () => {
  for (const theme of ['light', 'dark'] as const) {
    const fills = drawFills(theme);
    assert.equal(fills.length, DRAW_CODE_COUNT);
    for (const c of fills) assert.match(c, /^#[0-9A-F]{6}$/);
    assert.equal(new Set(fills).size, fills.length, `${theme}: no two codes share a colour`);
  }
  assert.equal(PHASE_RULES.priority.length, DRAW_CODE_COUNT);
  assert.equal(PHASE_RULES.context.length, DRAW_CODE_COUNT);
});

test('client phases follow the span phases; Server-Timing shades alternate after them', () => {
  assert.equal(clientPhaseCode(0), PHASES.length);
  assert.equal(clientPhaseCode(CLIENT_PHASES.length - 1), PHASES.length + CLIENT_PHASES.length - 1);
  assert.deepEqual(
    [0, 1, 2, 3].map(serverTimingCode),
    [0, 1, 0, 1].map((i) => PHASES.length + CLIENT_PHASES.length + i),
  );
});
