// Random input at the two edges that take it: scenario validation, and every bridge call on the
// real app. Validation never throws anything but a ValidationError; a call never throws past the
// bridge, always answers with a sentence or a value, and never changes the store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openApp, type App } from '../../../main/app/app.ts';
import { API_METHODS } from '../../../shared/bridge.ts';
import { dispatchCall } from '../../../shared/bridge-server.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { ValidationError, parseOrExplain } from '../../../shared/validation.ts';
import { mutatedScenario, nastyValue } from './arbitraries.ts';
import { assertFuzz } from './fuzz-seed.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
process.on('uncaughtException', (error) => unhandled.push(error));

const RUNS = { json: 2_000, anything: 2_000, mutated: 3_000, bridge: 1_500 };

function checkValidation(value: unknown): void {
  const result = scenarioSchema.safeParse(value, { reportInput: true });
  assert.equal(typeof result.success, 'boolean');
  try {
    parseOrExplain(scenarioSchema, value, 'The scenario');
  } catch (error) {
    assert.ok(error instanceof ValidationError, `only a ValidationError, not ${String(error)}`);
    assert.ok(error.problems.length > 0 && error.problems.every((p) => p.length > 0));
  }
}

test(`${RUNS.json + RUNS.anything + RUNS.mutated} random values: scenario validation answers, never throws`, async (t) => {
  await assertFuzz(t, 'JSON values', RUNS.json, (count) =>
    fc.property(fc.jsonValue(), (value) => {
      count();
      checkValidation(value);
    }),
  );
  await assertFuzz(t, 'any values', RUNS.anything, (count) =>
    fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true }), (value) => {
      count();
      checkValidation(value);
    }),
  );
  let refused = 0;
  await assertFuzz(t, 'mutated presets', RUNS.mutated, (count) =>
    fc.property(mutatedScenario, (value) => {
      count();
      checkValidation(value);
      if (!scenarioSchema.safeParse(value).success) refused++;
    }),
  );
  // Most single mutations must break the scenario, or the generator is not reaching the checks.
  assert.ok(refused > RUNS.mutated / 2, `${refused} of ${RUNS.mutated} mutated presets refused`);
  t.diagnostic(
    `random values validated: ${RUNS.json + RUNS.anything + RUNS.mutated} (${refused} of ${RUNS.mutated} mutated presets refused)`,
  );
});

const dataDir = mkdtempSync(join(tmpdir(), 'interleave-fuzz-'));
let app: App;
let runId: number;
const storeState = async () => JSON.stringify({ runs: await app.api.listRuns(), run: await app.api.loadRun(runId) });

before(async () => {
  app = await openApp({ dataDir, mode: 'browser' });
  const finished = new Promise<number>((resolve) => app.on('run', (e) => e.type === 'finished' && resolve(e.runId)));
  await app.api.startRun({
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 1 }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
  });
  runId = await finished;
});
after(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const method = fc.oneof(
  fc.constantFrom(...API_METHODS),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'close', 'store'),
  nastyValue,
);
const args = fc.oneof(fc.array(nastyValue, { maxLength: 3 }), nastyValue);

test(`${RUNS.bridge} random bridge calls on the real app: always an answer, the store unchanged`, async (t) => {
  const before = await storeState();
  let refused = 0;
  await assertFuzz(t, 'bridge calls', RUNS.bridge, (count) =>
    fc.asyncProperty(method, args, mutatedScenario, async (name, callArgs, scenario) => {
      // The stored run must survive: no call may name it with a change (rename, delete).
      const first = Array.isArray(callArgs) ? callArgs[0] : undefined;
      fc.pre(!((name === 'renameRun' || name === 'deleteRun') && first === runId));
      // A mutated preset that is still valid would start a real run; that is the engine test's job.
      const payload = name === 'startRun' && Array.isArray(callArgs) ? [scenario, ...callArgs.slice(1)] : callArgs;
      fc.pre(!(name === 'startRun' && scenarioSchema.safeParse(scenario).success));
      count();
      const outcome = await dispatchCall(app.api, name, payload);
      if (!outcome.ok) {
        refused++;
        assert.equal(typeof outcome.error, 'string');
        assert.ok(outcome.error.length > 0);
        assert.doesNotMatch(outcome.error, /\n\s+at /, 'no stack trace');
      }
    }),
  );
  assert.ok(
    (await app.api.listRuns()).every((r) => r.status !== 'running'),
    'no run was started',
  );
  assert.equal(await storeState(), before, 'list and load give exactly what they gave before');
  assert.deepEqual(unhandled, []);
  t.diagnostic(`random bridge calls: ${RUNS.bridge} (${refused} refused)`);
});
