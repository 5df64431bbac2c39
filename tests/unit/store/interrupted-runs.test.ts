import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RunStore } from '../../../main/store/run-store.ts';
import { makeBatch, tempStore, testScenario } from './store-fixtures.ts';

const KILLED_CHILD = fileURLToPath(new URL('./append-until-killed.ts', import.meta.url));

/** Changes what the store recorded, as another process (or a crash) would have left it. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

test('a run left running by a dead process is interrupted on open, its records kept and counted', async (t) => {
  const { file } = tempStore(t);
  const first = RunStore.open(file).store;
  const run = first.createRun(testScenario(), 'orphan');
  first.appendBatch(run.id, makeBatch(0, 40));
  first.close();
  // A dead pid, and a count that disagrees with the rows: reopening must recount them.
  tamper(file, 'UPDATE runs SET pid = ?, recorded_requests = 3 WHERE id = ?', await deadPid(), run.id);

  const { store, notices } = RunStore.open(file);
  t.after(() => store.close());
  const info = store.getRun(run.id);
  assert.equal(info.status, 'interrupted');
  assert.equal(info.recordedRequests, 40);
  assert.equal(store.loadRun(run.id).requests.length, 40);
  assert.equal(notices.length, 1);
  assert.match(notices[0], new RegExp(`#${run.id}.*interrupted`));
});

test("a run claiming this process is interrupted on reopen; a live process's run is left running", async (t) => {
  const { file } = tempStore(t);
  const sleeper: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  t.after(() => sleeper.kill());
  const first = RunStore.open(file).store;
  const ours = first.createRun(testScenario(), 'ours').id;
  const theirs = first.createRun(testScenario(), 'theirs').id;
  first.close();
  tamper(file, 'UPDATE runs SET pid = ? WHERE id = ?', sleeper.pid, theirs);

  const { store } = RunStore.open(file);
  t.after(() => store.close());
  assert.equal(store.getRun(ours).status, 'interrupted');
  assert.equal(store.getRun(theirs).status, 'running');
});

test('a process killed mid-run leaves an interrupted run with what it had committed', async (t) => {
  const { file } = tempStore(t);
  const child = spawn(process.execPath, ['--import', 'tsx', KILLED_CHILD, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let runId = 0;
  let committed = 0;
  let text = '';
  const exited = once(child, 'exit');
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    const lines = text.split('\n');
    text = lines.pop()!;
    const last = lines.at(-1);
    if (last) [runId, committed] = last.split(' ').map(Number);
    if (committed >= 500) {
      child.kill('SIGKILL');
      break;
    }
  }
  const [code, signal] = await exited;
  assert.equal(signal, 'SIGKILL', `the child ended by itself (code ${code})`);

  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const info = store.getRun(runId);
  assert.equal(info.status, 'interrupted');
  assert.ok(info.recordedRequests >= committed, `${info.recordedRequests} recorded, ${committed} reported committed`);
  const doc = store.loadRun(runId);
  assert.equal(doc.requests.length, info.recordedRequests);
  assert.equal(doc.spans.length, 5 * 5 * info.recordedRequests);
  assert.equal(doc.lanes.length, 1);
});
