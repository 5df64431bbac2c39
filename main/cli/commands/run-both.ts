/**
 * `interleave run … --on both`: the same scenario on the model, then on real Django, back to back
 * (never at once: two runs on one machine would measure each other), then the difference in
 * words. With `--json`, one object: `{ model, django, comparison }`.
 */
import { writeFileSync } from 'node:fs';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { describeComparison } from '../../../shared/analysis/compare.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import type { App } from '../../app/app.ts';
import { startOneRun } from '../../app/one-run.ts';
import { summaryJson, summaryText, type BatchCounter } from '../print-summary.ts';
import type { progressLine } from '../progress-line.ts';

interface BothFlags {
  json?: boolean;
  out?: string;
}

export async function runBoth(
  app: App,
  scenario: Scenario,
  name: string | undefined,
  flags: BothFlags,
  progress: ReturnType<typeof progressLine>,
  cores: number,
  streamed: BatchCounter,
): Promise<number> {
  const onModel: Scenario = { ...scenario, target: { kind: 'model' } };
  const sides = [onModel, scenario] as const;
  const json: Record<string, unknown> = {};
  const ids: number[] = [];
  for (const side of sides) {
    const label = side.target.kind === 'model' ? 'model' : 'django';
    const run = startOneRun(app, side, name ? `${name} (${label})` : undefined);
    await run.started;
    const { info, summary: finalSummary, clockSkewMs } = await run.finished;
    progress.clear();
    ids.push(info.id);
    const summary = info.summary ?? finalSummary;
    if (!summary) throw new Error(`the ${label} run recorded nothing${info.error ? `: ${info.error}` : ''}`);
    const bound = theoreticalBound(side, { cores });
    if (flags.json) json[label] = summaryJson(info, side, summary, bound, clockSkewMs);
    else
      process.stdout.write(
        `${label === 'model' ? 'On the model' : 'On real Django'}\n${summaryText(info, side, summary, bound, { length: streamed.of(info.id) })}\n\n`,
      );
    if (info.status === 'failed') {
      if (flags.json) process.stdout.write(`${JSON.stringify(json)}\n`);
      return 1;
    }
  }
  const docs = await Promise.all(ids.map((id) => app.api.loadRun(id)));
  const comparison = describeComparison(docs);
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...json, comparison })}\n`);
  else process.stdout.write(`${comparison}\n`);
  if (flags.out) {
    try {
      writeFileSync(flags.out, (await app.api.exportComparison(ids)).text);
    } catch (error) {
      throw new Error(
        `could not write ${flags.out}: ${(error as Error).message}; the runs are stored as ${ids.join(' and ')}`,
        {
          cause: error,
        },
      );
    }
    if (!flags.json) process.stdout.write(`wrote ${flags.out}\n`);
  }
  return 0;
}
