import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ValidationError, parseOrExplain } from '../../../shared/validation.ts';

function problems(schema: z.ZodType, value: unknown): string[] {
  try {
    parseOrExplain(schema, value, 'It');
    return [];
  } catch (e) {
    assert.ok(e instanceof ValidationError);
    return e.problems;
  }
}

test('a field past two bounds on one side is told the tighter one (a whole number also checks the safe range)', () => {
  const count = z.object({ count: z.number().int().min(1).max(1_000_000) });
  assert.deepEqual(problems(count, { count: 1e308 }), ['`count` is 1e+308; allowed at most 1000000']);
  assert.deepEqual(problems(count, { count: -1e308 }), ['`count` is -1e+308; allowed at least 1']);
  assert.deepEqual(problems(count, { count: 0 }), ['`count` is 0; allowed at least 1']);
});

test('bounds of different fields are all said', () => {
  const two = z.object({ a: z.number().max(1), b: z.number().max(2) });
  assert.deepEqual(problems(two, { a: 5, b: 5 }), ['`a` is 5; allowed at most 1', '`b` is 5; allowed at most 2']);
});
