import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHASE_COLORS, phaseColor, runColor, textColorOn } from '../../../shared/phase-colors.ts';
import { PHASES, Phase } from '../../../shared/trace.ts';

test('every phase has a light and a dark colour, all distinct within a theme', () => {
  for (const theme of ['light', 'dark'] as const) {
    const colours = PHASES.map((p) => phaseColor(p.id, theme));
    for (const c of colours) assert.match(c, /^#[0-9A-F]{6}$/);
    assert.equal(new Set(colours).size, PHASES.length, `${theme}: no two phases share a colour`);
  }
  assert.equal(phaseColor(Phase.block), PHASE_COLORS.block.light, 'by code or by id');
});

test('text on a fill is black or white, whichever contrasts more', () => {
  assert.equal(textColorOn('#FFFFFF'), '#000000');
  assert.equal(textColorOn('#000000'), '#FFFFFF');
  assert.equal(textColorOn(PHASE_COLORS['exec-queue'].light), '#FFFFFF');
  assert.equal(textColorOn(PHASE_COLORS.queued.light), '#000000');
  assert.equal(runColor(0), runColor(7), 'run colours wrap');
});
