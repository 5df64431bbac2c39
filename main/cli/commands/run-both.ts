/**
 * `interleave run … --on both`: the same scenario on the model, then on real Django, back to back
 * (never at once: two runs on one machine would measure each other), then the difference in
 * words. With `--json`, one object: `{ model, django, comparison }`.
 */
import { writeFileSync } from 'node:fs';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { describeComparison } from '../../../shared/analysis/compare.ts';
import { renderComparisonHtml } from '../../../shared/report/html.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import type { OpenedApp } from '../../app/app.ts';
import { summaryJson, summaryText } from '../print-summary.ts';
import type { progressLine } from '../progress-line.ts';

interface BothFlags {
  json?: boolean;
  out?: string;
}

export async function runBoth(
  app: OpenedApp,
  scenario: Scenario,
  name: string | undefined,
  flags: BothFlags,
  progress: ReturnType<typeof progressLine>,
): Promise<number> {
  const onModel: Scenario = { ...scenario, target: { kind: 'model' } };
  const sides = [onModel, scenario] as const;
  const json: Record<string, unknown> = {};
  const ids: number[] = [];
  for (const side of sides) {
    const label = side.target.kind === 'model' ? 'model' : 'django';
    const { info, outcome } = await (await app.runs.start(side, name ? `${name} (${label})` : undefined)).finished;
    progress.clear();
    ids.push(info.id);
    const summary = info.summary ?? outcome?.summary;
    if (!summary) throw new Error(`the ${label} run recorded nothing${info.error ? `: ${info.error}` : ''}`);
    const bound = theoreticalBound(side);
    if (flags.json) json[label] = summaryJson(info, side, summary, bound, outcome?.clockSkewMs ?? null);
    else
      process.stdout.write(
        `${label === 'model' ? 'On the model' : 'On real Django'}\n${summaryText(info, side, summary, bound)}\n\n`,
      );
    if (info.status === 'failed') {
      if (flags.json) process.stdout.write(`${JSON.stringify(json)}\n`);
      return 1;
    }
  }
  const docs = ids.map((id) => app.store.loadRun(id));
  const comparison = describeComparison(docs);
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...json, comparison })}\n`);
  else process.stdout.write(`${comparison}\n`);
  if (flags.out) {
    try {
      writeFileSync(flags.out, renderComparisonHtml(docs));
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
