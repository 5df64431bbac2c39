// The HAR tokenizer against JSON.parse: random HAR-shaped documents (random entries, keys before
// and after log.entries, strings with escapes, quotes, braces, brackets and surrogate pairs, keys
// spelled with \u escapes), written with random whitespace and fed in random chunks, must give
// exactly the entries JSON.parse finds. Fixed seed (fuzz-seed.ts), printed with any failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HarEntryReader } from '../../../main/import/har-tokenizer.ts';
import { assertFuzz } from '../hardening/fuzz-seed.ts';

/** A small seeded generator for the layout choices (whitespace, escapes, chunk sizes). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = ['{', '}', '[', ']', '"', '\\', '\n', '\t', ',', ':', 'é', '😀', '\u2028', 'log', 'entries', ' '];
const tricky = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((p) => p.join(''));
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tricky,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('v'), { maxKeys: 4 }),
  ),
})).v;
const entry = fc.dictionary(tricky, value, { maxKeys: 5 });
const otherKey = tricky.filter((k) => k !== 'log' && k !== 'entries');
const doc = fc.record({
  before: fc.dictionary(otherKey, value, { maxKeys: 2 }),
  logBefore: fc.dictionary(otherKey, value, { maxKeys: 3 }),
  entries: fc.array(entry, { maxLength: 8 }),
  logAfter: fc.dictionary(otherKey, value, { maxKeys: 2 }),
  after: fc.dictionary(otherKey, value, { maxKeys: 2 }),
  layout: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

/** JSON text of `v` with random whitespace between tokens and some characters as \u escapes. */
function write(v: unknown, rnd: () => number): string {
  const ws = () => (rnd() < 0.5 ? '' : [' ', '\n', '\t', '\r\n', '  '][Math.floor(rnd() * 5)]);
  const str = (s: string) =>
    rnd() < 0.3
      ? `"${[...s].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
      : JSON.stringify(s);
  if (Array.isArray(v)) return `[${ws()}${v.map((x) => `${ws()}${write(x, rnd)}${ws()}`).join(',')}${ws()}]`;
  if (v !== null && typeof v === 'object')
    return `{${ws()}${Object.entries(v)
      .map(([k, x]) => `${ws()}${str(k)}${ws()}:${ws()}${write(x, rnd)}${ws()}`)
      .join(',')}}`;
  if (typeof v === 'string') return str(v);
  return JSON.stringify(v);
}

function entriesOf(text: string, rnd: () => number): unknown[] {
  const out: unknown[] = [];
  const reader = new HarEntryReader((e) => out.push(e));
  for (let i = 0; i < text.length && !reader.done;) {
    const size = rnd() < 0.2 ? 1 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 200);
    reader.write(text.slice(i, i + size));
    i += size;
  }
  reader.end();
  return out;
}

test('the tokenizer finds exactly the entries JSON.parse finds, whatever the layout and chunking', async (t) => {
  await assertFuzz(t, 'HAR tokenizer vs JSON.parse', 400, (count) =>
    fc.property(doc, (d) => {
      count();
      const rnd = mulberry32(d.layout);
      const { before, logBefore, entries, logAfter, after } = d;
      const text = `${rnd() < 0.2 ? '\uFEFF' : ''}${write({ ...before, log: { ...logBefore, entries, ...logAfter }, ...after }, rnd)}`;
      const expected = (JSON.parse(text.replace(/^\uFEFF/, '')) as { log: { entries: unknown[] } }).log.entries;
      assert.deepEqual(entriesOf(text, rnd), expected, text.slice(0, 400));
    }),
  );
});
