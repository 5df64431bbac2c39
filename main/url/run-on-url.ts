/**
 * Runs a scenario against your own server at one or more URLs, behind the same interface as the
 * engine (`startScenario`) and real Django: a scenario in; batches, progress and a summary out,
 * so every host, chart, report and the store take its runs unchanged.
 *
 * Order of events:
 * 1. the target is checked before anything starts: a host that is neither loopback nor listed in
 *    `allowRemote` is refused with a sentence naming it, before a thread or a socket exists;
 * 2. the engine's load generator starts as a thread of its own, with the weighted request list
 *    as its mix (seeded, as the endpoints' mix is);
 * 3. the load generator warms up against a throwaway loopback server of its own
 *    (warm-up-sink.ts), never against yours: every request your server receives is a measured
 *    one, and their number is the scenario's (the first ones pay for opening their connections,
 *    as a real client's do); then the load starts (run time 0);
 * 4. records flow to the engine's RunRecording every 100 ms: request records and client lanes,
 *    and, when a server has Interleave's probe installed, its threads' lanes and spans
 *    (url-records.ts);
 * 5. at the end the load generator is terminated and the summary computed from the records.
 */
import type { Scenario } from '../../shared/scenario.ts';
import { remoteHostsNotAllowed, remoteRefusal, urlTargetOf } from '../../shared/url-target.ts';
import { clockFrom, monotonicMs } from '../engine/clock.ts';
import { createControl } from '../engine/control.ts';
import type { EngineOptions, RunningScenario, RunOutcome } from '../engine/index.ts';
import { RunRecording } from '../engine/record/run-recording.ts';
import { noServerLanes } from '../engine/lanes.ts';
import type { LoadgenThreadData } from '../engine/threads/protocol.ts';
import { spawnWorker } from '../engine/threads/spawn.ts';
import { measureClockSkew, untilReady } from '../engine/threads/start-up.ts';
import { startWarmUpSink } from './warm-up-sink.ts';
import { ThreadHandle } from '../engine/threads/thread-handle.ts';
import { loadTargets } from './load-targets.ts';
import { UrlRecords } from './url-records.ts';

const BATCH_EVERY_MS = 100;
/** Longest the warm-up may take before the load starts anyway (it is ~0.1–1 s). */
const WARM_UP_TIMEOUT_MS = 30_000;
/** The load generator numbers connections from 0; UrlRecords gives them lanes as they appear. */
const FIRST_CLIENT_LANE = 0;

/**
 * The refusal for `scenario`, or null when it may run: a URL target whose hosts are all loopback
 * or allowed. Checked before a run is stored and again when it starts.
 */
export function urlRunRefusal(scenario: Scenario): string | null {
  const target = urlTargetOf(scenario);
  if (!target) return 'this scenario has no URL target';
  const hosts = remoteHostsNotAllowed(target);
  return hosts.length ? remoteRefusal(hosts) : null;
}

export async function startOnUrl(scenario: Scenario, options: EngineOptions): Promise<RunningScenario> {
  const refusal = urlRunRefusal(scenario);
  if (refusal) throw new Error(refusal);
  const target = urlTargetOf(scenario)!;
  const startedAt = performance.now();
  const epochMs = monotonicMs();
  const now = clockFrom(epochMs);
  let records: UrlRecords | null = null;
  const recording = new RunRecording(
    scenario,
    noServerLanes(FIRST_CLIENT_LANE),
    createControl(),
    options,
    (requests, report) => records!.add(requests, report.serverTimings ?? []),
  );
  const targets = loadTargets(target);
  records = new UrlRecords(recording.recorder, targets);
  const data: LoadgenThreadData = {
    epochMs,
    load: scenario.load,
    weights: target.requests.map((r) => r.weight),
    seed: scenario.seed,
    firstClientLane: FIRST_CLIENT_LANE,
    // The server may carry Interleave's Server-Timing middleware: keep what it says.
    captureServerTiming: true,
    targets,
  };
  const loadgen = new ThreadHandle('loadgen', spawnWorker('loadgen', data), recording.onReport, recording.onFailure);
  try {
    await untilReady([loadgen], options.signal);
    const clockSkewMs = await measureClockSkew([loadgen], now);
    const sink = await startWarmUpSink();
    try {
      await loadgen.ask({ type: 'warm-up', serverUrls: [sink.url] }, 'warmed', WARM_UP_TIMEOUT_MS);
    } finally {
      await sink.close();
    }
    if (options.signal?.aborted) throw new Error('stopped before the load started');
    return runLoad(recording, records, loadgen, now, clockSkewMs, performance.now() - startedAt);
  } catch (error) {
    await loadgen.terminate();
    throw new Error(recording.failure ?? `could not start the run: ${(error as Error).message}`, { cause: error });
  }
}

function runLoad(
  recording: RunRecording,
  records: UrlRecords,
  loadgen: ThreadHandle,
  now: () => number,
  clockSkewMs: number,
  startupMs: number,
): RunningScenario {
  recording.recorder.startClockAt(now());
  loadgen.send({ type: 'start' });
  const loadStart = performance.now();
  const ticker = setInterval(() => recording.tick(performance.now() - loadStart), BATCH_EVERY_MS);
  const finish = async (reason: string): Promise<RunOutcome> => {
    recording.finishing();
    await loadgen.ask({ type: 'flush' }, 'flushed');
    clearInterval(ticker);
    recording.last(performance.now() - loadStart);
    await loadgen.terminate();
    const { failure } = recording;
    const status = failure ? 'failed' : reason === 'finished' ? 'complete' : 'stopped';
    const summary = recording.summary();
    // Spans a probed server stamped are as good as its clock's offset.
    const skewMs = Math.max(clockSkewMs, records.clockUncertaintyMs ?? 0);
    return { status, error: failure, summary, lanes: recording.recorder.lanes, clockSkewMs: skewMs, startupMs };
  };
  let finishing: Promise<RunOutcome> | null = null;
  const done = recording.loadDone.then((reason) => (finishing ??= finish(reason)));
  return {
    done,
    stop: () => {
      loadgen.send({ type: 'stop' });
      return done;
    },
  };
}
