/**
 * Every SQL statement the run store runs, by name, prepared once when the store opens.
 *
 * Keeping them in one table shows the whole of what the store does to the database at a glance,
 * and a typo in SQL fails at open, not at the first call that happens to need it.
 */
import type Database from 'better-sqlite3';

/** Columns that make a RunInfo (see run-rows.ts). */
const INFO = `id, name, status, created_at, json_extract(scenario_json, '$.name') AS scenario_name,
  summary_json, recorded_requests, error, cores`;

/** Columns of a `requests` row: run_id and the record's values (run-rows.ts, requestValues). */
const REQUEST_COLUMNS = 19;

/** Rows per multi-row INSERT: about three times the rows/s of one row per statement, measured. */
export const SPANS_PER_INSERT = 100;
export const REQUESTS_PER_INSERT = 50;

const values = (columns: number, rows: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(', ')})`).join(', ');

export function prepareStatements(db: Database.Database) {
  const insertSpans = (rows: number) => db.prepare(`INSERT INTO spans VALUES ${values(6, rows)}`);
  const insertRequests = (rows: number) => db.prepare(`INSERT INTO requests VALUES ${values(REQUEST_COLUMNS, rows)}`);
  return {
    insertRun: db.prepare(
      `INSERT INTO runs (name, status, created_at, scenario_json, summary_json, error, pid, recorded_requests, lanes_json, cores)
       VALUES (@name, @status, @createdAt, @scenarioJson, @summaryJson, @error, @pid, @recordedRequests, @lanesJson, @cores)`,
    ),
    runInfo: db.prepare(`SELECT ${INFO} FROM runs WHERE id = ?`),
    listRuns: db.prepare(`SELECT ${INFO} FROM runs ORDER BY created_at DESC, id DESC`),
    runState: db.prepare('SELECT status, lanes_json, scenario_json FROM runs WHERE id = ?'),
    finishRun: db.prepare('UPDATE runs SET status = ?, summary_json = ?, error = ? WHERE id = ?'),
    renameRun: db.prepare('UPDATE runs SET name = ? WHERE id = ?'),
    setLanes: db.prepare('UPDATE runs SET lanes_json = ? WHERE id = ?'),
    addRecorded: db.prepare('UPDATE runs SET recorded_requests = recorded_requests + ? WHERE id = ?'),
    runningRuns: db.prepare("SELECT id, pid FROM runs WHERE status = 'running'"),
    markInterrupted: db.prepare(
      `UPDATE runs SET status = 'interrupted',
         recorded_requests = (SELECT COUNT(*) FROM requests WHERE run_id = runs.id)
       WHERE id = ?`,
    ),

    insertSpan: db.prepare('INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?)'),
    insertSpanBlock: insertSpans(SPANS_PER_INSERT),
    insertRequest: insertRequests(1),
    insertRequestBlock: insertRequests(REQUESTS_PER_INSERT),
    insertLoopSample: db.prepare('INSERT INTO loop_samples VALUES (?, ?, ?)'),

    // All of a run's spans as one string of JSON numbers, in order (rowid breaks ties, so equal
    // starts come back in the order they were appended). Building one string in SQLite and
    // parsing it once is about twice as fast as materialising a row object per span. Exact:
    // SQLite prints REALs with the shortest digits that read back to the same double.
    loadSpansJson: db
      .prepare(
        `SELECT group_concat(
           json_quote(req) || ',' || json_quote(lane) || ',' || json_quote(phase) || ',' ||
           json_quote(start) || ',' || json_quote("end"), ',' ORDER BY start, rowid)
         FROM spans WHERE run_id = ?`,
      )
      .pluck(),
    loadRequests: db
      .prepare(
        `SELECT id, endpoint, intended, sent, accepted, responded, received, status, error, conn,
             connect_start, connect_end, tls_end, request_start, request_end, first_byte,
             server_timing, server_timing_dropped
           FROM requests WHERE run_id = ? ORDER BY id, rowid`,
      )
      .raw(),
    loadLoop: db.prepare('SELECT t, delay_ms FROM loop_samples WHERE run_id = ? ORDER BY t, rowid').raw(),

    deleteSpans: db.prepare('DELETE FROM spans WHERE run_id = ?'),
    deleteRequests: db.prepare('DELETE FROM requests WHERE run_id = ?'),
    deleteLoop: db.prepare('DELETE FROM loop_samples WHERE run_id = ?'),
    deleteRun: db.prepare('DELETE FROM runs WHERE id = ?'),
  };
}

export type StoreStatements = ReturnType<typeof prepareStatements>;
