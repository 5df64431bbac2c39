/**
 * The run store's schema, as numbered migrations recorded in a `migrations` table.
 *
 * Migrations only ever get appended: a released one is never edited, because stores out there
 * already ran it. Pending ones run in order inside one IMMEDIATE transaction, so a store is never
 * left half-migrated and two processes opening it at once do not both migrate. A store written
 * by a newer version (a migration this code does not know) is refused rather than guessed at.
 *
 * Rows of a run are deleted explicitly (see deleteRun), not by foreign-key cascades: a foreign
 * key would cost a lookup in `runs` for each of the hundreds of thousands of span rows a run
 * appends.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  /** What it changes, for people reading the table. */
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs with their requests, spans and loop samples',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'stopped', 'interrupted', 'failed')),
        created_at TEXT NOT NULL,
        scenario_json TEXT NOT NULL,
        summary_json TEXT,
        error TEXT,
        pid INTEGER,
        recorded_requests INTEGER NOT NULL DEFAULT 0,
        lanes_json TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE requests (
        run_id INTEGER NOT NULL,
        id INTEGER NOT NULL,
        endpoint INTEGER NOT NULL,
        intended REAL NOT NULL,
        sent REAL NOT NULL,
        accepted REAL,
        responded REAL,
        received REAL,
        status INTEGER NOT NULL,
        error TEXT,
        conn INTEGER NOT NULL
      );
      CREATE INDEX requests_by_run ON requests (run_id, id);
      CREATE TABLE spans (
        run_id INTEGER NOT NULL,
        req INTEGER NOT NULL,
        lane INTEGER NOT NULL,
        phase INTEGER NOT NULL,
        start REAL NOT NULL,
        "end" REAL NOT NULL
      );
      CREATE INDEX spans_by_run ON spans (run_id);
      CREATE TABLE loop_samples (
        run_id INTEGER NOT NULL,
        t REAL NOT NULL,
        delay_ms REAL NOT NULL
      );
      CREATE INDEX loop_samples_by_run ON loop_samples (run_id);
    `,
  },
  {
    version: 2,
    description: 'the CPU cores of the machine that ran each run (null for runs before this)',
    sql: 'ALTER TABLE runs ADD COLUMN cores INTEGER',
  },
  {
    version: 3,
    description: 'summaries: throughput counts successful responses only; the error rate apart',
    // Earlier summaries counted failed responses in throughputRps. Recomputed from the run's
    // request rows with computeSummary's arithmetic (shared/analysis/summary.ts, outcomesOf):
    // successful responses × 1000 / makespan, rounded to 3 decimals (Math.round(x) is
    // floor(x + 0.5) for these positive numbers), and errors / requests.
    sql: `
      UPDATE runs SET summary_json = json_set(summary_json,
        '$.throughputRps', (
          SELECT CASE
            WHEN COUNT(*) = 0 OR MAX(COALESCE(received, sent)) - MIN(intended) <= 0 THEN 0
            ELSE CAST(
              SUM(received IS NOT NULL AND error IS NULL AND status > 0 AND status < 400) * 1000
                / ((MAX(COALESCE(received, sent)) - MIN(intended)) / 1000.0) * 1000 + 0.5
              AS INTEGER) / 1000.0
          END
          FROM requests WHERE run_id = runs.id),
        '$.errorRate', CASE
          WHEN json_extract(summary_json, '$.requests') > 0
            THEN CAST(json_extract(summary_json, '$.errors') AS REAL) / json_extract(summary_json, '$.requests')
          ELSE 0
        END)
      WHERE summary_json IS NOT NULL AND json_extract(summary_json, '$.errorRate') IS NULL;
    `,
  },
  {
    version: 4,
    description: "requests: the client's phases (instants, µs) and the response's ordinary Server-Timing metrics",
    // NULL in rows from before: not measured. server_timing is the kept metrics as JSON
    // ([{"name","dur","desc"}…], see shared/server-timing-kept.ts), NULL when the response had none.
    sql: `
      ALTER TABLE requests ADD COLUMN connect_start REAL;
      ALTER TABLE requests ADD COLUMN connect_end REAL;
      ALTER TABLE requests ADD COLUMN tls_end REAL;
      ALTER TABLE requests ADD COLUMN request_start REAL;
      ALTER TABLE requests ADD COLUMN request_end REAL;
      ALTER TABLE requests ADD COLUMN first_byte REAL;
      ALTER TABLE requests ADD COLUMN server_timing TEXT;
      ALTER TABLE requests ADD COLUMN server_timing_dropped INTEGER;
    `,
  },
  {
    version: 5,
    description: 'concurrency sweeps: each one whole as JSON (request, steps, analysis), its status apart',
    // The steps' runs are ordinary rows of `runs`; a sweep only refers to them by id, so deleting
    // one of those runs leaves the sweep's numbers as they were measured.
    sql: `
      CREATE TABLE sweeps (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'stopped', 'interrupted', 'failed')),
        created_at TEXT NOT NULL,
        pid INTEGER,
        sweep_json TEXT NOT NULL
      );
    `,
  },
];

/** The schema version this code writes. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The store was written by a newer Interleave; opening it could damage what that version wrote. */
export class StoreTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The run store ${file} was written by a newer version of Interleave (schema version ${found}; ` +
        `this version knows up to ${known}). Update Interleave to open it, or move the file away to start a new store.`,
    );
    this.name = 'StoreTooNewError';
  }
}

/** Applies pending migrations in order; returns the versions it applied (empty when up to date). */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  return db
    .transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const row = db.prepare('SELECT MAX(version) AS version FROM migrations').get() as { version: number | null };
      const current = row.version ?? 0;
      if (current > known) throw new StoreTooNewError(file, current, known);
      const record = db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)');
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= current) continue;
        db.exec(m.sql);
        record.run(m.version, new Date().toISOString());
        applied.push(m.version);
      }
      return applied;
    })
    .immediate();
}
