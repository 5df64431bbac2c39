/**
 * Timing fidelity: how long a step of N ms really took, as the timeline shows it (the step's
 * span), for `block` (a blocking wait: Atomics.wait), `await` (a timer plus setImmediate turns)
 * and `cpu` (N ms worth of calibrated work) steps of 5 to 200 ms, one request at a time so
 * nothing else competes for the thread.
 */
import { Phase, SPAN_STRIDE, SpanField, type PhaseCode } from '../../shared/trace.ts';
import { scenarioSchema } from '../../shared/scenario.ts';
import { atMost, between, figure, type BenchResult, type Benchmark } from '../result.ts';
import { median } from '../stats.ts';
import { runEngine } from '../harness/engine-run.ts';

const STEP_MS = [5, 20, 50, 200];
const REQUESTS = 40;
type Kind = 'block' | 'await' | 'cpu';
const PHASES: Record<Kind, PhaseCode[]> = { block: [Phase.block], await: [Phase.await], cpu: [Phase.cpu, Phase.gil] };

/** Measured over requested, per request, for one kind of step. */
async function measure(kind: Kind): Promise<Step[]> {
  const scenario = scenarioSchema.parse({
    name: `bench: ${kind} fidelity`,
    server: { model: 'async' },
    endpoints: STEP_MS.map((ms) => ({ name: `${kind}-${ms}`, view: 'async', steps: [{ kind, ms }] })),
    load: { model: 'closed', concurrency: 1, end: { kind: 'requests', count: REQUESTS } },
  });
  const run = await runEngine(scenario, { keepSpans: true });
  const extent = new Map<number, [number, number]>();
  const phases = new Set<number>(PHASES[kind]);
  for (let i = 0; i < run.spans.length; i += SPAN_STRIDE) {
    if (!phases.has(run.spans[i + SpanField.phase])) continue;
    const req = run.spans[i + SpanField.req];
    const [start, end] = extent.get(req) ?? [Infinity, -Infinity];
    extent.set(req, [Math.min(start, run.spans[i + SpanField.start]), Math.max(end, run.spans[i + SpanField.end])]);
  }
  return run.requests.flatMap((r) => {
    const e = extent.get(r.id);
    return e ? [{ requested: STEP_MS[r.endpoint], measured: (e[1] - e[0]) / 1000 }] : [];
  });
}

interface Step {
  requested: number;
  measured: number;
}

/**
 * The median ratio of each step length, and the one farthest from 1. Medians, so that one step
 * the OS preempted (a busy 2-core machine does) does not stand for the engine; a systematic
 * error (a wait that always wakes late) moves every median.
 */
function worstMedianRatio(steps: Step[]): { worst: number; medians: string } {
  const medians = STEP_MS.map((ms) =>
    median(steps.filter((s) => s.requested === ms).map((s) => s.measured / s.requested)),
  );
  const worst = medians.reduce((w, r) => (Math.abs(r - 1) > Math.abs(w - 1) ? r : w), 1);
  return { worst, medians: STEP_MS.map((ms, i) => `${ms} ms: ${medians[i].toFixed(4)}`).join(', ') };
}

const rangeText = (steps: Step[]) => {
  const ratios = steps.map((s) => s.measured / s.requested);
  return `${steps.length} steps, one at a time; every step's ratio ${Math.min(...ratios).toFixed(4)} to ${Math.max(...ratios).toFixed(4)}`;
};

export const timingFidelity: Benchmark = {
  id: 'timing-fidelity',
  title: 'Timing fidelity of steps',
  budgetSeconds: 60,
  async run() {
    const results: BenchResult[] = [];
    const block = await measure('block');
    const blockRatio = worstMedianRatio(block);
    results.push(
      figure({
        name: 'block: measured / requested (worst of the per-length medians)',
        value: blockRatio.worst,
        unit: 'ratio',
        target: between(0.99, 1.02),
        digits: 4,
        limitedBy: 'preemption (the last 0.25 ms is spun)',
        why: 'Atomics.wait wakes ~0.1 ms late; the thread now sleeps until 0.25 ms before the deadline and spins the rest, so what remains is preemption',
        detail: `medians ${blockRatio.medians}; ${rangeText(block)}`,
      }),
    );
    const awaited = await measure('await');
    const errors = awaited.map((m) => Math.abs(m.measured - m.requested));
    results.push(
      figure({
        name: 'await: median |measured − requested|',
        value: median(errors),
        unit: 'ms',
        target: atMost(1),
        limitedBy: 'a loop turn after the timer',
        why: "Node's timers fire on whole milliseconds; the wait sleeps to ~1.2 ms before the deadline and finishes on setImmediate turns, so the error is a loop turn unless the loop is busy or preempted",
        detail: `medians ${worstMedianRatio(awaited).medians}; ${rangeText(awaited)}; worst error ${Math.max(...errors).toFixed(3)} ms`,
      }),
    );
    const cpu = await measure('cpu');
    const cpuRatio = worstMedianRatio(cpu);
    results.push(
      figure({
        name: 'cpu: measured / requested (worst of the per-length medians)',
        value: cpuRatio.worst,
        unit: 'ratio',
        digits: 4,
        limitedBy: 'a shared core (the work is calibrated once)',
        why: 'a cpu step is work calibrated once before the run: it takes longer whenever the core is shared (the load generator, the engine thread, other processes) or the clock speed changes',
        detail: `medians ${cpuRatio.medians}; ${rangeText(cpu)}; a cpu step is an amount of work calibrated before the run, not a wall time`,
      }),
    );
    return results;
  },
};
