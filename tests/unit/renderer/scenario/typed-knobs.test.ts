// What a number box holds is kept as typed and checked: the values a new user typed, each with
// the sentence the command line gives for the same field, and nothing run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPreset } from '../../../../shared/presets.ts';
import { checkSettings } from '../../../../renderer/src/scenario/check-settings.ts';
import type { KnobName } from '../../../../renderer/src/scenario/knob-limits.ts';
import { knobsFrom, longestWaitMs, withDefaults, type Knobs } from '../../../../renderer/src/scenario/knobs.ts';
import {
  knobsAfterTyping,
  typedAfterChange,
  typedNumber,
  type TypedText,
} from '../../../../renderer/src/scenario/typed-knobs.ts';

test('a box reads plain decimals, with an exponent or its own unit; anything else is not a number', () => {
  const cases: [string, string, number | null][] = [
    ['1e308', '', 1e308],
    ['5000', '', 5000],
    ['-50', 'ms', -50],
    ['150%', '%', 150],
    ['250 ms', 'ms', 250],
    [' 7 ', '', 7],
    ['.5', '', 0.5],
    ['5.', '', 5],
    ['', '', null],
    ['abc', '', null],
    ['0x10', '', null],
    ['Infinity', '', null],
    ['1e999', '', null],
    ['1,000', '', null],
    ['5 0', '', null],
    ['150%', 'ms', null],
  ];
  for (const [text, unit, expected] of cases) assert.equal(typedNumber(text, unit), expected, JSON.stringify(text));
});

/** Types each [box, text] in turn, as the editor does, and checks the result. */
function typeInto(presetId: string, typing: [KnobName, string][]) {
  const base = withDefaults(findPreset(presetId)!.scenario);
  const presetKnobs = knobsFrom(base);
  let knobs: Knobs = presetKnobs;
  let typed: TypedText = {};
  for (const [name, text] of typing) {
    knobs = knobsAfterTyping(knobs, name, text);
    typed = { ...typed, [name]: text };
  }
  return { base, knobs, typed, checked: checkSettings(base, presetKnobs, knobs, typed, 'edited') };
}

test('the values a new user typed: each refused in the command line’s words, under its own box', () => {
  const cases: [string, KnobName, string, string][] = [
    ['async-await', 'requestCount', '1e308', '`load.end.count` is 1e+308; allowed at most 1000000'],
    ['async-await', 'concurrency', '5000', '`load.concurrency` is 5000; allowed at most 1000'],
    ['async-time-sleep', 'blockingPercent', '150%', '`blockingPercent` is 150; allowed at most 100'],
    ['async-await', 'latencyMs', '-50', '`latencyMs` is -50; allowed at least 0'],
    ['async-await', 'latencyMs', '70000', '`latencyMs` is 70000; allowed at most 60000'],
    ['sync-workers', 'workers', '0', '`server.workers` is 0; allowed at least 1'],
    ['async-await', 'concurrency', 'abc', '`load.concurrency` is "abc"; expected number'],
    ['async-await', 'cpuMs', '', '`cpuMs` is ""; expected number'],
  ];
  for (const [preset, name, text, message] of cases) {
    const { checked, typed } = typeInto(preset, [[name, text]]);
    assert.deepEqual(checked.problems, [message], `${name} ${text}`);
    assert.deepEqual(checked.byKnob[name], [message]);
    assert.equal(checked.scenario, null, 'nothing to run');
    assert.equal(typed[name], text, 'the box still holds what was typed');
  }
});

test('two refused boxes: both said, once each (a refused latency is not scattered over the steps)', () => {
  const { checked } = typeInto('shop-mix', [
    ['latencyMs', '-50'],
    ['concurrency', '5000'],
  ]);
  assert.deepEqual(checked.problems, [
    '`latencyMs` is -50; allowed at least 0',
    '`load.concurrency` is 5000; allowed at most 1000',
  ]);
});

test('allowed values run exactly as typed', () => {
  const { checked } = typeInto('async-await', [
    ['latencyMs', '123.456'],
    ['concurrency', '37'],
    ['requestCount', '1e3'],
  ]);
  assert.deepEqual(checked.problems, []);
  assert.equal(longestWaitMs(checked.scenario!), 123.456);
  assert.equal(checked.scenario!.load.concurrency, 37);
  assert.deepEqual(checked.scenario!.load.end, { kind: 'requests', count: 1000 });
});

test('a refused box for a field the scenario no longer has says nothing', () => {
  const { knobs, typed, base } = typeInto('async-await', [['requestCount', 'abc']]);
  const byDuration = { ...knobs, endKind: 'duration' as const };
  const checked = checkSettings(base, knobsFrom(base), byDuration, typed, 'edited');
  assert.deepEqual(checked.problems, []);
});

test('moving a slider shows its knob again in its box; other boxes keep what was typed', () => {
  const { knobs, typed } = typeInto('async-await', [
    ['concurrency', '5000'],
    ['latencyMs', 'abc'],
  ]);
  const slid = { ...knobs, concurrency: 40 };
  assert.deepEqual(typedAfterChange(typed, knobs, slid), { latencyMs: 'abc' });
});
