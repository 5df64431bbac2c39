/**
 * Sweeps in the run store (migration 4): each sweep is one row holding the whole result as JSON
 * (its request, the finished steps' numbers and the analysis), rewritten after every step, so a
 * sweep killed midway keeps every step it finished. The status is a column of its own so that a
 * sweep whose process died can be marked interrupted without rewriting its JSON; the column wins
 * over the JSON's copy when a sweep is read.
 */
import type Database from 'better-sqlite3';
import { sweepInfo, type SweepInfo, type SweepResult } from '../../shared/sweep.ts';
import type { RunStatus } from '../../shared/trace.ts';
import { isProcessAlive } from '../platform/process-alive.ts';

interface SweepRow {
  id: number;
  status: RunStatus;
  sweep_json: string;
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO sweeps (status, created_at, pid, sweep_json) VALUES (?, ?, ?, ?)'),
    update: db.prepare('UPDATE sweeps SET status = ?, sweep_json = ? WHERE id = ?'),
    get: db.prepare('SELECT id, status, sweep_json FROM sweeps WHERE id = ?'),
    list: db.prepare('SELECT id, status, sweep_json FROM sweeps ORDER BY created_at DESC, id DESC'),
    running: db.prepare("SELECT id, pid FROM sweeps WHERE status = 'running'"),
    markInterrupted: db.prepare("UPDATE sweeps SET status = 'interrupted' WHERE id = ?"),
  };
}

function toSweep(row: SweepRow): SweepResult {
  return { ...(JSON.parse(row.sweep_json) as SweepResult), id: row.id, status: row.status };
}

export class SweepStore {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database.Database) {
    this.s = prepare(db);
  }

  /** Stores a new sweep (its id is given here) as this process's. */
  create(sweep: Omit<SweepResult, 'id'>): SweepResult {
    const result = this.s.insert.run(sweep.status, sweep.createdAt, process.pid, JSON.stringify({ ...sweep, id: 0 }));
    return this.get(Number(result.lastInsertRowid));
  }

  /** Rewrites a stored sweep: its status, steps and analysis as they stand. */
  save(sweep: SweepResult): void {
    const changed = this.s.update.run(sweep.status, JSON.stringify(sweep), sweep.id);
    if (changed.changes === 0) throw new Error(`no sweep with id ${sweep.id}`);
  }

  get(id: number): SweepResult {
    const row = this.s.get.get(id) as SweepRow | undefined;
    if (!row) throw new Error(`no sweep with id ${id}`);
    return toSweep(row);
  }

  /** Every sweep, newest first. */
  list(): SweepInfo[] {
    return (this.s.list.all() as SweepRow[]).map((row) => sweepInfo(toSweep(row)));
  }

  /**
   * Marks interrupted the running sweeps whose process is gone (or is this one: a store that was
   * not closed properly); returns their ids. Their finished steps are all stored already.
   */
  markInterrupted(ownPid: number = process.pid): number[] {
    const rows = this.s.running.all() as { id: number; pid: number | null }[];
    const dead = rows.filter((r) => r.pid === null || r.pid === ownPid || !isProcessAlive(r.pid)).map((r) => r.id);
    for (const id of dead) this.s.markInterrupted.run(id);
    return dead;
  }
}
