/**
 * The run store: one SQLite file holding every run, written as the run progresses so that a
 * crash or a kill loses at most the last batch. One batch is one transaction.
 *
 * Summaries are not computed here; callers pass them in (shared/analysis/summary.ts computes
 * them), so the store only keeps what it is given and gives it back exactly.
 */
import type Database from 'better-sqlite3';
import { checkRunName, type RunDocument, type RunInfo } from '../../shared/run.ts';
import type { Scenario } from '../../shared/scenario.ts';
import type { Lane, RunStatus, RunSummary, TraceBatch } from '../../shared/trace.ts';
import { appendRecords, checkSpans } from './append-records.ts';
import { markInterruptedRuns } from './interrupted-runs.ts';
import { parseSpans, toLoopSample, toRequest, toRunInfo, type RunInfoRow } from './run-rows.ts';
import { prepareStatements, type StoreStatements } from './statements.ts';
import { openStoreFile } from './store-file.ts';
import { SweepStore } from './sweep-store.ts';

/** Lanes by id: a lane sent again replaces the earlier one in place, new lanes go at the end. */
function mergeLanes(known: Lane[], incoming: readonly Lane[]): Lane[] {
  const merged = [...known];
  const at = new Map(merged.map((lane, i) => [lane.id, i]));
  for (const lane of incoming) {
    const i = at.get(lane.id);
    if (i === undefined) at.set(lane.id, merged.push(lane) - 1);
    else merged[i] = lane;
  }
  return merged;
}

interface RunState {
  status: RunStatus;
  lanes_json: string;
  scenario_json: string;
}

export class RunStore {
  /** Concurrency sweeps, in the same file (their steps are runs of this store). */
  readonly sweeps: SweepStore;

  private constructor(
    private readonly db: Database.Database,
    private readonly s: StoreStatements,
  ) {
    this.sweeps = new SweepStore(db);
  }

  /**
   * Opens (creating if needed) the store in `file`. A damaged file is moved aside and a fresh
   * store started; `notices` then says where it went. Runs whose process died are marked
   * interrupted. Throws StoreTooNewError for a store written by a newer version.
   */
  static open(file: string): { store: RunStore; notices: string[] } {
    const { db, notices } = openStoreFile(file);
    const s = prepareStatements(db);
    const interrupted = db.transaction(() => markInterruptedRuns(s)).immediate();
    if (interrupted.length > 0) {
      const which = interrupted.map((id) => `#${id}`).join(', ');
      notices.push(
        `${interrupted.length === 1 ? 'Run' : 'Runs'} ${which} stopped without finishing (the app or its process ended) and ${interrupted.length === 1 ? 'is' : 'are'} marked interrupted; what was recorded is kept.`,
      );
    }
    const store = new RunStore(db, s);
    const sweeps = db.transaction(() => store.sweeps.markInterrupted()).immediate();
    if (sweeps.length > 0)
      notices.push(
        `${sweeps.length === 1 ? 'Sweep' : 'Sweeps'} ${sweeps.map((id) => `#${id}`).join(', ')} stopped without finishing and ${sweeps.length === 1 ? 'is' : 'are'} marked interrupted; the steps it finished are kept.`,
      );
    return { store, notices };
  }

  /** A new running run; `cores` is the machine's CPU count the run is made on (see RunInfo.cores). */
  createRun(scenario: Scenario, name: string, cores: number | null = null): RunInfo {
    const id = this.insertRun({
      name: checkRunName(name),
      status: 'running',
      createdAt: new Date().toISOString(),
      scenario,
      summary: null,
      error: null,
      pid: process.pid,
      recordedRequests: 0,
      lanes: [],
      cores,
    });
    return this.getRun(id);
  }

  /** Stores one batch of a running run, in one transaction. */
  appendBatch(runId: number, batch: TraceBatch): void {
    checkSpans(batch.spans);
    this.db
      .transaction(() => {
        const state = this.state(runId);
        if (state.status !== 'running') {
          throw new Error(`run ${runId} is ${state.status}; only a running run takes new records`);
        }
        if (batch.lanes.length > 0) {
          const lanes = mergeLanes(JSON.parse(state.lanes_json) as Lane[], batch.lanes);
          this.s.setLanes.run(JSON.stringify(lanes), runId);
        }
        appendRecords(this.s, runId, batch);
        if (batch.requests.length > 0) this.s.addRecorded.run(batch.requests.length, runId);
      })
      .immediate();
  }

  finishRun(runId: number, status: RunStatus, summary: RunSummary | null, error: string | null = null): RunInfo {
    if (status === 'running') throw new Error(`run ${runId} cannot finish as 'running'`);
    this.state(runId);
    this.s.finishRun.run(status, summary === null ? null : JSON.stringify(summary), error, runId);
    return this.getRun(runId);
  }

  /** Every run, newest first. */
  listRuns(): RunInfo[] {
    return (this.s.listRuns.all() as RunInfoRow[]).map(toRunInfo);
  }

  getRun(id: number): RunInfo {
    const row = this.s.runInfo.get(id) as RunInfoRow | undefined;
    if (!row) throw new Error(`no run with id ${id}`);
    return toRunInfo(row);
  }

  /** The whole run: spans sorted by start, requests by id, loop samples by time. */
  loadRun(id: number): RunDocument {
    return this.db.transaction((): RunDocument => {
      const info = this.getRun(id);
      const state = this.state(id);
      return {
        format: 'interleave-run',
        version: 1,
        info,
        scenario: JSON.parse(state.scenario_json) as Scenario,
        lanes: JSON.parse(state.lanes_json) as Lane[],
        spans: parseSpans(this.s.loadSpansJson.get(id) as string | null),
        requests: (this.s.loadRequests.all(id) as unknown[][]).map(toRequest),
        loop: (this.s.loadLoop.all(id) as unknown[][]).map(toLoopSample),
      };
    })();
  }

  renameRun(id: number, name: string): RunInfo {
    const trimmed = checkRunName(name);
    this.state(id);
    this.s.renameRun.run(trimmed, id);
    return this.getRun(id);
  }

  /** Deletes the run and every row it recorded, in one transaction. */
  deleteRun(id: number): void {
    this.db.transaction(() => {
      this.state(id);
      this.s.deleteSpans.run(id);
      this.s.deleteRequests.run(id);
      this.s.deleteLoop.run(id);
      this.s.deleteRun.run(id);
    })();
  }

  /**
   * Stores a run from a document (a JSON export) under a new id, keeping its name, status,
   * summary, error, creation time and cores. A document exported while its run was still going says
   * 'running'; here nothing runs it, so it comes in as 'interrupted'.
   */
  importRun(doc: RunDocument): RunInfo {
    checkSpans(doc.spans);
    const id = this.db
      .transaction(() => {
        const id = this.insertRun({
          name: checkRunName(doc.info.name),
          status: doc.info.status === 'running' ? 'interrupted' : doc.info.status,
          createdAt: doc.info.createdAt,
          scenario: doc.scenario,
          summary: doc.info.summary,
          error: doc.info.error,
          pid: null,
          recordedRequests: doc.requests.length,
          lanes: doc.lanes,
          cores: doc.info.cores,
        });
        appendRecords(this.s, id, doc);
        return id;
      })
      .immediate();
    return this.getRun(id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private insertRun(run: {
    name: string;
    status: RunStatus;
    createdAt: string;
    scenario: Scenario;
    summary: RunSummary | null;
    error: string | null;
    pid: number | null;
    recordedRequests: number;
    lanes: readonly Lane[];
    cores: number | null;
  }): number {
    const result = this.s.insertRun.run({
      name: run.name,
      status: run.status,
      createdAt: run.createdAt,
      scenarioJson: JSON.stringify(run.scenario),
      summaryJson: run.summary === null ? null : JSON.stringify(run.summary),
      error: run.error,
      pid: run.pid,
      recordedRequests: run.recordedRequests,
      lanesJson: JSON.stringify(run.lanes),
      cores: run.cores,
    });
    return Number(result.lastInsertRowid);
  }

  private state(id: number): RunState {
    const row = this.s.runState.get(id) as RunState | undefined;
    if (!row) throw new Error(`no run with id ${id}`);
    return row;
  }
}
