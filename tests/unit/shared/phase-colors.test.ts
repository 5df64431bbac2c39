import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHASE_COLORS, phaseColor, runColor, textColorOn } from '../../../shared/phase-colors.ts';
import { PHASES, Phase } from '../../../shared/trace.ts';
import { deltaE2000, difference, lab, linearRgb, seenAs, type Lab } from './colour-vision.ts';

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

// Told apart with the common colour vision deficiencies. CIEDE2000 of 1 is a just-noticeable
// difference between two large patches side by side; the timeline's bars are small (about 10 px
// high, often a few px wide) and small marks need several times that to be told apart (Szafir,
// "Modeling Color Difference for Visualization Design", IEEE VIS 2017: roughly 3 to 5 times
// for marks under half a degree), and a category should read at a glance, not on inspection:
// categorical palettes for charts are usually held 10 or more apart. 12 for every two phases
// (any two can touch in the requests view, and a lane puts every thread-holding phase end to
// end); 25 for cpu against waiting for the lock, the difference the interpreter-lock presets
// are about; 8 from the background, so a bar never sinks into its lane. Protanopia and
// deuteranopia (about 1 man in 50 each, with the milder anomalies 1 in 12) at full severity;
// tritanopia (1 in 10,000) is reported, not required.
const CANVAS = { light: '#FFFFFF', dark: '#15181B' } as const; // --canvas-bg, renderer/src/theme/base.css
const REQUIRED_VISIONS = ['normal', 'protanopia', 'deuteranopia'] as const;
const MIN_APART = 12;
const MIN_CPU_FROM_LOCK_WAIT = 25;
const MIN_FROM_BACKGROUND = 8;

test('the difference formula and the deficiency simulation agree with their references', () => {
  // Sharma, Wu and Dalal (2005), test pairs 1, 7, 17 and 25.
  const pairs: [Lab, Lab, number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  ];
  for (const [a, b, expected] of pairs) assert.ok(Math.abs(deltaE2000(a, b) - expected) < 1e-4);
  // White is L 100, a and b 0; a grey looks the same whatever the deficiency.
  const white = lab(linearRgb('#FFFFFF'));
  assert.ok(Math.abs(white[0] - 100) < 1e-3 && Math.abs(white[1]) < 1e-3 && Math.abs(white[2]) < 1e-3);
  for (const vision of ['protanopia', 'deuteranopia'] as const)
    assert.ok(deltaE2000(lab(seenAs('#808080', vision)), lab(linearRgb('#808080'))) < 0.01, vision);
  // Red and green, far apart for most, come close for both deficiencies.
  assert.ok(difference('#CC3333', '#669933') > 40);
  assert.ok(difference('#CC3333', '#669933', 'deuteranopia') < 25);
});

for (const theme of ['light', 'dark'] as const) {
  test(`${theme}: every two phases are told apart with normal vision, protanopia and deuteranopia`, (t) => {
    const failures: string[] = [];
    for (const vision of [...REQUIRED_VISIONS, 'tritanopia'] as const) {
      let closest = { d: Infinity, what: '' };
      for (const [i, a] of PHASES.entries()) {
        const fromBackground = difference(phaseColor(a.id, theme), CANVAS[theme], vision);
        if (vision !== 'tritanopia' && fromBackground < MIN_FROM_BACKGROUND)
          failures.push(`${vision}: ${a.id} is ${fromBackground.toFixed(1)} from the background`);
        for (const b of PHASES.slice(i + 1)) {
          const d = difference(phaseColor(a.id, theme), phaseColor(b.id, theme), vision);
          if (d < closest.d) closest = { d, what: `${a.id}/${b.id}` };
          const lockPair = a.id === 'cpu' && b.id === 'gil';
          const needed = lockPair ? MIN_CPU_FROM_LOCK_WAIT : MIN_APART;
          if (vision !== 'tritanopia' && d < needed)
            failures.push(`${vision}: ${a.id}/${b.id} ${d.toFixed(1)} < ${needed}`);
        }
      }
      const lock = difference(phaseColor('cpu', theme), phaseColor('gil', theme), vision);
      t.diagnostic(`${vision}: closest ${closest.what} ${closest.d.toFixed(1)}; cpu/gil ${lock.toFixed(1)}`);
    }
    assert.deepEqual(failures, []);
  });
}
