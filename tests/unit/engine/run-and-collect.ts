/**
 * Test helper: run a scenario on the real engine (real threads, real HTTP on loopback, a real
 * SQLite file) and collect everything it streamed, unpacked for shape assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startScenario,
  type EngineOptions,
  type RunOutcome,
  type RunningScenario,
} from '../../../main/engine/index.ts';
import { runShape, type RunShape } from '../../../shared/analysis/run-shape.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../../shared/scenario.ts';
import {
  PHASE_IDS,
  SPAN_STRIDE,
  type Lane,
  type LoopSample,
  type PhaseId,
  type RequestRecord,
} from '../../../shared/trace.ts';

export interface CollectedSpan {
  req: number;
  lane: number;
  phase: PhaseId;
  start: number;
  end: number;
}

export interface Collected {
  outcome: RunOutcome;
  spans: CollectedSpan[];
  requests: RequestRecord[];
  loop: LoopSample[];
  lanes: Lane[];
  batches: number;
}

const dir = mkdtempSync(join(tmpdir(), 'interleave-engine-test-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
export const shopDbFile = join(dir, 'shop.db');

/** What runs a scenario: the engine, or real Django's runner (the same interface). */
export type Runner = (scenario: Scenario, options: EngineOptions) => Promise<RunningScenario>;

export async function runAndCollect(
  input: ScenarioInput,
  whileRunning?: (c: Collected) => void,
  options: {
    shopDbFile?: string;
    runner?: Runner;
    onProgress?: EngineOptions['onProgress'];
    reserve?: EngineOptions['reserve'];
  } = {},
): Promise<Collected> {
  const scenario = scenarioSchema.parse(input);
  const collected: Collected = {
    outcome: undefined as unknown as RunOutcome,
    spans: [],
    requests: [],
    loop: [],
    lanes: [],
    batches: 0,
  };
  const running = await (options.runner ?? startScenario)(scenario, {
    shopDbFile: options.shopDbFile ?? shopDbFile,
    onProgress: options.onProgress,
    reserve: options.reserve,
    onBatch: (b) => {
      collected.batches++;
      collected.lanes.push(...b.lanes);
      collected.requests.push(...b.requests);
      collected.loop.push(...b.loop);
      for (let i = 0; i < b.spans.length; i += SPAN_STRIDE) {
        collected.spans.push({
          req: b.spans[i],
          lane: b.spans[i + 1],
          phase: PHASE_IDS[b.spans[i + 2]],
          start: b.spans[i + 3],
          end: b.spans[i + 4],
        });
      }
      whileRunning?.(collected);
    },
  });
  collected.outcome = await running.done;
  return collected;
}

/** The largest number of the given spans that cover one instant. */
export function maxOverlap(spans: readonly { start: number; end: number }[]): number {
  const edges = spans.flatMap((s) => [
    [s.start, 1],
    [s.end, -1],
  ]);
  // Ends before starts at the same instant: touching spans do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}

export const ofPhase = (c: Collected, phase: PhaseId) => c.spans.filter((s) => s.phase === phase);
export const lanesOf = (spans: readonly CollectedSpan[]) => new Set(spans.map((s) => s.lane));
export const laneKind = (c: Collected, id: number) => c.outcome.lanes.find((l) => l.id === id)?.kind;

/** Ten users sending one request each at once: the shapes execution-models.test.ts expects are for this load. */
export const tenAtOnce = { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } } as const;

/** The run's shape (shared/analysis/run-shape.ts) from collected spans. */
export function shapeOf(c: Collected): RunShape {
  return runShape(
    c.lanes,
    c.spans.flatMap((s) => [s.req, s.lane, PHASE_IDS.indexOf(s.phase), s.start, s.end]),
  );
}
