/**
 * Runs the faithfulness table's presets on both sides, one run at a time (never at once: two runs
 * on one machine would measure each other), through the same run service every host uses.
 */
import { PRESETS } from '../../shared/presets.ts';
import { scenarioSchema, type Scenario } from '../../shared/scenario.ts';
import { busiestProcessRequests, runShapeOf } from '../../shared/analysis/run-shape.ts';
import {
  faithfulnessRow,
  mainErrorStatus,
  notExpressibleRow,
  type FaithfulnessRow,
  type SideFigures,
} from '../../shared/analysis/faithfulness.ts';
import { computeSummary } from '../../shared/analysis/summary.ts';
import { djangoCannotExpress, poolCannotRun } from '../django/project/expressible.ts';
import { findPostgres } from '../django/postgres/find-postgres.ts';
import { discoverDjangoEnvironment } from '../django/index.ts';
import { choosePython, describeVersions, majorMinor } from '../../shared/django-environment.ts';
import type { App } from './app.ts';
import { startOneRun } from './one-run.ts';

export interface FaithfulnessOptions {
  /** Preset ids; all presets when empty. */
  presets: readonly string[];
  /** Which Django to run on: `newest` or a major.minor such as `3.2`. */
  django: string;
  onPreset?(id: string, index: number, total: number, side: 'model' | 'django'): void;
}

export async function measureFaithfulness(
  app: Pick<App, 'api' | 'on'>,
  options: FaithfulnessOptions,
): Promise<{ rows: FaithfulnessRow[]; versions: string }> {
  const choice = choosePython(await discoverDjangoEnvironment(), options.django);
  if (!choice.ok) throw new Error(choice.reason);
  const djangoVersion = majorMinor(choice.candidate.packages.django) ?? options.django;
  const chosen = options.presets.length ? PRESETS.filter((p) => options.presets.includes(p.id)) : PRESETS;
  const rows: FaithfulnessRow[] = [];
  for (const [index, preset] of chosen.entries()) {
    const scenario = scenarioSchema.parse(preset.scenario);
    const postgres = scenario.server.dbPool === undefined ? null : findPostgres();
    const reason =
      djangoCannotExpress(scenario, djangoVersion) ??
      poolCannotRun(scenario, djangoVersion, choice.candidate, postgres && !postgres.ok ? postgres.problem : null);
    if (reason) {
      rows.push(notExpressibleRow(preset.id, scenario, reason));
      continue;
    }
    options.onPreset?.(preset.id, index, chosen.length, 'model');
    const model = await figures(app, { ...scenario, target: { kind: 'model' } });
    options.onPreset?.(preset.id, index, chosen.length, 'django');
    const django = await figures(app, {
      ...scenario,
      target: { kind: 'django', django: djangoVersion },
    });
    rows.push(faithfulnessRow(preset.id, scenario, model, django));
  }
  return { rows, versions: describeVersions(choice.candidate) };
}

async function figures(app: Pick<App, 'api' | 'on'>, scenario: Scenario): Promise<SideFigures> {
  const run = startOneRun(app, scenario);
  await run.started;
  const { info } = await run.finished;
  if (info.status === 'failed' && info.summary === null) throw new Error(`${scenario.name} failed: ${info.error}`);
  const doc = await app.api.loadRun(info.id);
  return {
    summary: computeSummary(doc),
    shape: runShapeOf(doc),
    firstError: doc.requests.find((r) => r.error !== null)?.error ?? null,
    busiestProcess: busiestProcessRequests(doc.lanes, doc.spans),
    errorStatus: mainErrorStatus(doc.requests),
  };
}
