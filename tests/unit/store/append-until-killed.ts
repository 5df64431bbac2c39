/**
 * Test fixture, run as its own process: opens the store named on the command line, starts a run
 * and appends batches until it is killed, printing the requests committed so far after each.
 */
import { RunStore } from '../../../main/store/run-store.ts';
import { LOOP_LANE, makeBatch, testScenario } from './store-fixtures.ts';

const { store } = RunStore.open(process.argv[2]);
const run = store.createRun(testScenario(), 'killed mid-run');
const PER_BATCH = 25;
for (let first = 0; ; first += PER_BATCH) {
  store.appendBatch(run.id, makeBatch(first, PER_BATCH, first === 0 ? [LOOP_LANE] : []));
  process.stdout.write(`${run.id} ${first + PER_BATCH}\n`); // synchronous on a pipe
}
