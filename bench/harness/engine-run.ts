/**
 * Runs a scenario on the real engine (real threads, real HTTP on loopback) and keeps what it
 * streamed, plus how much CPU the whole process used meanwhile.
 */
import { join } from 'node:path';
import { startScenario, type RunOutcome } from '../../main/engine/index.ts';
import type { Scenario } from '../../shared/scenario.ts';
import type { RequestRecord } from '../../shared/trace.ts';
import { benchTempDir } from './temp-dir.ts';

export interface EngineRun {
  outcome: RunOutcome;
  requests: RequestRecord[];
  /** Packed spans as streamed (only kept when asked: a long run makes millions of numbers). */
  spans: number[];
  spanNumbers: number;
  /** Cores this process kept busy from start to end (start-up included), out of os.cpus(). */
  coresBusy: number;
  wallMs: number;
}

export async function runEngine(scenario: Scenario, options: { keepSpans?: boolean } = {}): Promise<EngineRun> {
  const requests: RequestRecord[] = [];
  const spans: number[] = [];
  let spanNumbers = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const running = await startScenario(scenario, {
    shopDbFile: join(benchTempDir(), 'shop.db'),
    onBatch: (batch) => {
      for (const r of batch.requests) requests.push(r);
      spanNumbers += batch.spans.length;
      if (options.keepSpans) for (const x of batch.spans) spans.push(x);
    },
  });
  const outcome = await running.done;
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { outcome, requests, spans, spanNumbers, coresBusy: (used.user + used.system) / 1000 / wallMs, wallMs };
}
