/** Shared by the store tests: a temp store file, a real scenario, and trace batches. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS } from '../../../shared/presets.ts';
import { scenarioSchema, type Scenario } from '../../../shared/scenario.ts';
import type { Lane, RequestRecord, TraceBatch } from '../../../shared/trace.ts';

/** A fresh folder (removed after the test) and the store file path inside it. */
export function tempStore(t: { after: (fn: () => void) => void }): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, file: join(dir, 'data', 'runs.db') };
}

export function testScenario(): Scenario {
  return scenarioSchema.parse(PRESETS[0].scenario);
}

export const LOOP_LANE: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
export const CLIENT_LANE: Lane = { id: 100, name: 'client 1', kind: 'client', process: -1 };

/** Requests first..first+count-1, five spans each, every tenth without a response. */
export function makeBatch(first: number, count: number, lanes: Lane[] = []): TraceBatch {
  const spans: number[] = [];
  const requests: RequestRecord[] = [];
  for (let id = first; id < first + count; id++) {
    const t0 = id * 1_000.25;
    for (let k = 0; k < 5; k++) spans.push(id, k % 2 === 0 ? 0 : 100, k, t0 + k * 100.5, t0 + k * 100.5 + 99.125);
    const failed = id % 10 === 9;
    requests.push({
      id,
      endpoint: id % 3,
      intended: t0,
      sent: t0 + 0.5,
      accepted: failed ? null : t0 + 10,
      responded: failed ? null : t0 + 480.75,
      received: failed ? null : t0 + 500,
      status: failed ? 0 : 200,
      error: failed ? 'timed out after 30000 ms' : null,
      conn: 100,
    });
  }
  return { lanes, spans, requests, loop: [{ t: first * 1_000.25, delayMs: 1.25 }] };
}

/**
 * Makes a store written by today's code look as a version-3 store did: migration 4's columns
 * and migration 5's sweeps table dropped and their records gone, so the next open runs them
 * again (SQLite drops columns since 3.35).
 */
export function asVersion3(db: { exec(sql: string): unknown }): void {
  for (const column of [
    'connect_start',
    'connect_end',
    'tls_end',
    'request_start',
    'request_end',
    'first_byte',
    'server_timing',
    'server_timing_dropped',
  ])
    db.exec(`ALTER TABLE requests DROP COLUMN ${column}`);
  db.exec('DROP TABLE sweeps');
  db.exec('DELETE FROM migrations WHERE version >= 4');
}
