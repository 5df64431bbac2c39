/**
 * Runs a scenario on real Django: the runner behind the same interface as the engine
 * (`startScenario`: a scenario in; batches, progress and a summary out), so every host, chart,
 * report and the store take its runs unchanged.
 *
 * Order of events:
 * 1. the scenario is written out as a small Django project in a temporary folder, beside a copy
 *    of the demo shop's SQLite file; with Django's connection pool, which is PostgreSQL's, a
 *    throwaway PostgreSQL server starts too and the copy's rows go into it (postgres/);
 * 2. the embedded upstream and Interleave's load generator start as threads, and uvicorn or
 *    gunicorn as a process group of its own on a free 127.0.0.1 port;
 * 3. once the server answers, the offset between its monotonic clock and ours is measured, the
 *    load generator warms up, and the load starts (run time 0);
 * 4. each response's Server-Timing header (the probe's `interleave-…` metrics) becomes spans on
 *    lanes for Django's real threads; batches flow every 100 ms;
 * 5. at the end the server is stopped by its process group id, whatever happened (then
 *    PostgreSQL, by its postmaster's id), and the summary is computed from the records, as for a
 *    model run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../../shared/scenario.ts';
import { clockFrom, monotonicMs } from '../engine/clock.ts';
import { RunRecording } from '../engine/record/run-recording.ts';
import { noServerLanes } from '../engine/lanes.ts';
import { createControl } from '../engine/control.ts';
import { spawnWorker, type WorkerName } from '../engine/threads/spawn.ts';
import { ThreadHandle } from '../engine/threads/thread-handle.ts';
import type { EngineOptions, RunningScenario, RunOutcome } from '../engine/index.ts';
import { measureClockOffset } from '../engine/probe/clock-offset.ts';
import { freePort } from '../platform/free-port.ts';
import { ProbeLanes } from '../engine/probe/probe-lanes.ts';
import { measuredClock, ProbeRecords } from '../engine/probe/probe-records.ts';
import { PythonServer, serverCommand, untilServing } from './python-server.ts';
import { copyShop } from './shop-copy.ts';
import { PROBE_PARENT_DIR, writeDjangoProject } from './project/write-django-project.ts';
import { POSTGRES_HOST_VAR, POSTGRES_PORT_VAR } from './project/pooled-postgresql.ts';
import type { PostgresInstall } from './postgres/find-postgres.ts';
import type { PostgresServer } from './postgres/postgres-server.ts';
import { startShopServer } from './postgres/shop-server.ts';
import { dbConnectionsOf } from '../../shared/scenario.ts';

export interface DjangoRunOptions extends EngineOptions {
  /** The Python that has Django, uvicorn and gunicorn (see python-env.ts). */
  python: string;
  /** Its Django's major.minor, e.g. "5.2". */
  djangoVersion: string;
  /** Its gunicorn's version, when it has one (flags differ between versions). */
  gunicornVersion: string | null;
  /** PostgreSQL, for a scenario with Django's connection pool (see index.ts); null otherwise. */
  postgres?: PostgresInstall | null;
}

const BATCH_EVERY_MS = 100;
/** Longest the load generator's warm-up may take before the load starts anyway. */
const WARM_UP_TIMEOUT_MS = 30_000;
/** Connection lanes are remapped by the runner: the load generator numbers them from 0. */
const FIRST_CLIENT_LANE = 0;

/** The loop samples no response carried; '' when the server cannot say (stopped, hung, gone). */
async function lastLoopSamples(baseUrl: string): Promise<string> {
  try {
    const res = await fetch(`${baseUrl}/__interleave__/loop`, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}

export async function startDjangoScenario(scenario: Scenario, options: DjangoRunOptions): Promise<RunningScenario> {
  const startedAt = performance.now();
  const epochMs = monotonicMs();
  const now = clockFrom(epochMs);
  const folder = mkdtempSync(join(tmpdir(), 'interleave-django-'));
  // Real Django's threads are known only once they report: no server lanes planned.
  const recording = new RunRecording(
    scenario,
    noServerLanes(FIRST_CLIENT_LANE),
    createControl(),
    options,
    (requests, report) => records?.add(requests, report.serverTimings ?? []),
  );
  const { recorder } = recording;
  const lanes = new ProbeLanes((lane) => recorder.addLane(lane));
  let records: ProbeRecords | null = null;
  const handles: ThreadHandle[] = [];
  let server: PythonServer | null = null;
  let postgres: PostgresServer | null = null;
  const { onReport, onFailure } = recording;
  const start = (name: WorkerName, data: unknown) => {
    const handle = new ThreadHandle(name, spawnWorker(name, data), onReport, onFailure);
    handles.push(handle);
    return handle;
  };
  const release = async () => {
    await Promise.all([server?.stop(), ...handles.map((h) => h.terminate())]);
    // After Django: its pool's connections go with it.
    await postgres?.stop();
    rmSync(folder, { recursive: true, force: true });
  };

  try {
    const upstream = start('upstream', {});
    const [upstreamReady, refused, port] = await Promise.all([upstream.ready, freePort(), freePort()]);
    const shopFile = join(folder, 'shop.sqlite3');
    copyShop(options.shopDbFile, shopFile);
    const db = dbConnectionsOf(scenario.server);
    if (db.pool !== null) {
      if (!options.postgres) throw new Error("Django's connection pool needs PostgreSQL, and none was given");
      postgres = await startShopServer({
        install: options.postgres,
        python: options.python,
        shopFile,
        db,
      });
    }
    writeDjangoProject(scenario, folder, { djangoVersion: options.djangoVersion });
    server = new PythonServer(serverCommand(scenario, port, options.gunicornVersion), {
      python: options.python,
      projectDir: folder,
      pythonPath: [PROBE_PARENT_DIR],
      port,
      env: {
        INTERLEAVE_UPSTREAM: `http://127.0.0.1:${upstreamReady.port}`,
        INTERLEAVE_UPSTREAM_REFUSED: `http://127.0.0.1:${refused}`,
        INTERLEAVE_SHOP_DB: shopFile,
        ...(postgres ? { [POSTGRES_HOST_VAR]: postgres.host, [POSTGRES_PORT_VAR]: String(postgres.port) } : {}),
        // Django reads it at each sync-only call: any non-empty value lets the sync ORM run in async code.
        ...(scenario.server.allowAsyncUnsafe ? { DJANGO_ALLOW_ASYNC_UNSAFE: 'true' } : {}),
      },
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    const loadgen = start('loadgen', {
      epochMs,
      load: scenario.load,
      weights: scenario.endpoints.map((e) => e.weight),
      seed: scenario.seed,
      firstClientLane: FIRST_CLIENT_LANE,
      captureServerTiming: true,
    });
    await Promise.all([loadgen.ready, untilServing(server, `${baseUrl}/__interleave__/clock`, options.signal)]);
    const clock = await measureClockOffset(`${baseUrl}/__interleave__/clock`, now);
    records = new ProbeRecords(recorder, lanes, measuredClock(clock), scenario.server.model);
    await loadgen.ask({ type: 'warm-up', serverUrls: [baseUrl] }, 'warmed', WARM_UP_TIMEOUT_MS);
    const startupMs = performance.now() - startedAt;
    if (options.signal?.aborted) throw new Error('stopped before the load started');

    recorder.startClockAt(now());
    loadgen.send({ type: 'start' });
    const runStart = performance.now();
    const ticker = setInterval(() => recording.tick(performance.now() - runStart), BATCH_EVERY_MS);
    let stopping: Promise<RunOutcome> | null = null;
    // A server that dies mid-run fails the run with its last words; the load generator's
    // requests then end in errors and the run completes with what it recorded.
    void server.exited.then((code) => {
      if (stopping) return;
      const words = server?.lastLines();
      recording.failure ??= `real Django exited (code ${code}) during the run${words ? `: ${words}` : ''}`;
      loadgen.send({ type: 'stop' });
    });
    const finish = async (reason: string): Promise<RunOutcome> => {
      recording.finishing();
      await loadgen.ask({ type: 'flush' }, 'flushed');
      records?.addLoopText(await lastLoopSamples(baseUrl));
      clearInterval(ticker);
      recording.last(performance.now() - runStart);
      await release();
      const { failure } = recording;
      const status = failure ? 'failed' : reason === 'finished' ? 'complete' : 'stopped';
      const summary = recording.summary();
      return { status, error: failure, summary, lanes: recorder.lanes, clockSkewMs: clock.uncertaintyMs, startupMs };
    };
    const done = recording.loadDone.then((reason) => (stopping ??= finish(reason)));
    return {
      done,
      stop: () => {
        loadgen.send({ type: 'stop' });
        return done;
      },
    };
  } catch (error) {
    await release();
    throw new Error(recording.failure ?? `could not start real Django: ${(error as Error).message}`, { cause: error });
  }
}
