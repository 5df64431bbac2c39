/**
 * `interleave sweep`: the scenario of a preset or a file, run as closed-load steps of doubling
 * users (shared/sweep-plan.ts) on the model or real Django, then a table and a verdict of what
 * the endpoint behaves like. `--show ID` prints a stored sweep again. Ctrl-C stops the sweep; the
 * steps it finished are printed and stay stored.
 *
 * The base scenario comes from the same flags as `interleave run` (scenarioFromFlags), so any
 * target `run` can name can be swept: a new target's flag is one more option passed through.
 */
import { parseArgs } from 'node:util';
import { describeSweepProgress } from '../../../shared/sweep-plan.ts';
import {
  MAX_STEP_REQUESTS,
  MAX_STEP_SECONDS,
  MAX_SWEEP_USERS,
  type SweepProgress,
  type SweepResult,
} from '../../../shared/sweep.ts';
import { UsageError } from '../cli-error.ts';
import { sweepText } from '../print-sweep.ts';
import { scenarioFromFlags } from '../scenario-from-flags.ts';
import { targetLines } from '../print-summary.ts';
import { remoteHostsNotAllowed, remoteRefusal, urlTargetOf } from '../../../shared/url-target.ts';
import { openCliApp } from './open-store.ts';

const text = { type: 'string' } as const;
const texts = { type: 'string', multiple: true } as const;
/**
 * The flags that name the scenario to sweep (one is needed); everything they mean is
 * scenarioFromFlags', as for `interleave run`, so a new kind of target is one more line here.
 */
const BASE_OPTIONS = {
  preset: text,
  scenario: text,
  url: texts,
} as const;
const OPTIONS = {
  ...BASE_OPTIONS,
  method: text,
  header: texts,
  body: text,
  'body-file': text,
  'allow-remote': texts,
  on: text,
  django: text,
  from: text,
  to: text,
  'requests-per-step': text,
  'step-seconds': text,
  show: text,
  db: text,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const SWEEP_HELP = `usage: interleave sweep (--preset ID | --scenario FILE.json | --url URL ...) [--on model|django] [--django newest|5.2|3.2]
                        [--from 1] [--to 64] [--requests-per-step N] [--step-seconds 30] [--json] [--db FILE]
       interleave sweep --show SWEEP_ID [--json] [--db FILE]

Runs the scenario as short closed-load steps at from, 2·from, 4·from, … and to users (no think
time), one after another; each step is a stored run ("sweep 4 users · …"). A step asks for
--requests-per-step requests (default max(20, 5 × users)) and is stopped after --step-seconds
(its finished requests count). Prints per step: users, successful req/s, p50, p95, and the
requests in service (throughput × the latency of one request alone, by Little's law), then a
verdict (about 1 at a time, about k at a time, or overlapping freely), the preset that behaves
the same way, and the Universal Scalability Law fitted to the throughput. --json prints the
whole sweep as one JSON object. --url (with --method, --header, --body, --body-file and
--allow-remote, as for \`interleave run\`) sweeps your own server.`;

function whole(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(
      `--${flag} is "${value}"; allowed a whole number from ${min} to ${max.toLocaleString('en-US')}`,
    );
  return n;
}

export async function sweepCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help) {
    process.stdout.write(`${SWEEP_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.show !== undefined) return showSweep(values.show, values.json === true, values.db);
  const bases = Object.keys(BASE_OPTIONS) as (keyof typeof BASE_OPTIONS)[];
  if (!bases.some((flag) => values[flag] !== undefined))
    throw new UsageError(`give ${bases.map((flag) => `--${flag}`).join(' or ')}: the scenario to sweep`);
  if (values.on === 'both') throw new UsageError('--on is "both"; a sweep runs on one target: allowed model, django');
  const from = whole('from', values.from, 1, MAX_SWEEP_USERS) ?? 1;
  const to = whole('to', values.to, 1, MAX_SWEEP_USERS) ?? Math.max(from, 64);
  if (from > to) throw new UsageError(`--to is ${to}; allowed at least --from (${from})`);
  const requestsPerStep = whole('requests-per-step', values['requests-per-step'], 1, MAX_STEP_REQUESTS) ?? null;
  const stepSeconds = whole('step-seconds', values['step-seconds'], 1, MAX_STEP_SECONDS) ?? 30;
  const scenario = scenarioFromFlags(values);
  const urlTarget = urlTargetOf(scenario);
  if (urlTarget) {
    const refused = remoteHostsNotAllowed(urlTarget);
    if (refused.length) throw new UsageError(remoteRefusal(refused));
    // Say where the load goes before any is sent (on stderr with --json: stdout holds one object).
    (values.json ? process.stderr : process.stdout).write(`${targetLines(urlTarget)}\n`);
  }
  const app = await openCliApp(values.db);
  const progress = sweepProgressLine(process.stderr, process.stderr.isTTY === true && !values.json);
  app.on('sweep', (e) => e.type === 'progress' && progress.update(e.progress));
  const finished = new Promise<SweepResult>((resolve) =>
    app.on('sweep', (e) => e.type === 'finished' && resolve(e.sweep)),
  );
  // Ctrl-C stops the sweep and its step; the finished steps are printed. A second one exits.
  let signals = 0;
  let sweepId: number | null = null;
  const onSignal = () => {
    if (++signals > 1) process.exit(130);
    if (sweepId !== null) void app.api.stopSweep(sweepId);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    sweepId = (await app.api.startSweep({ scenario, from, to, requestsPerStep, stepSeconds })).id;
    if (signals > 0) void app.api.stopSweep(sweepId);
    const sweep = await finished;
    progress.clear();
    process.stdout.write(values.json ? `${JSON.stringify(sweep)}\n` : `${sweepText(sweep)}\n`);
    return sweep.status === 'failed' ? 1 : 0;
  } finally {
    progress.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await app.close();
  }
}

async function showSweep(id: string, json: boolean, db: string | undefined): Promise<number> {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--show is "${id}"; allowed a sweep id, a whole number from 1`);
  const app = await openCliApp(db);
  try {
    const sweep = await app.api.loadSweep(n);
    process.stdout.write(json ? `${JSON.stringify(sweep)}\n` : `${sweepText(sweep)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** One line on stderr, at most 10 times a second, only on a terminal: "step 3 of 7: 4 users, 37/40 requests". */
function sweepProgressLine(stream: NodeJS.WriteStream, enabled: boolean) {
  let last = 0;
  let drawn = false;
  return {
    update(p: SweepProgress): void {
      const t = Date.now();
      if (!enabled || t - last < 100) return;
      last = t;
      stream.write(`\r${describeSweepProgress(p)}\x1b[K`);
      drawn = true;
    },
    clear(): void {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
