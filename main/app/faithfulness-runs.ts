/**
 * Runs the faithfulness table's presets on both sides, one run at a time (never at once: two runs
 * on one machine would measure each other), through the same run service every host uses.
 */
import { PRESETS } from '../../shared/presets.ts';
import { scenarioSchema, type Scenario } from '../../shared/scenario.ts';
import { busiestProcessRequests, connectionPlacement, runShapeOf } from '../../shared/analysis/run-shape.ts';
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
    const onSide = (side: 'model' | 'django') => options.onPreset?.(preset.id, index, chosen.length, side);
    rows.push(await measureRow(app, preset.id, scenario, djangoVersion, onSide));
  }
  return { rows, versions: describeVersions(choice.candidate) };
}

/**
 * One preset on both sides, the model first. Under uvicorn --workers real Django runs first: the
 * model is then given the placement of the connections real uvicorn's accept race made, so the
 * row compares what the processes did with them (connectionPlacement).
 */
async function measureRow(
  app: Pick<App, 'api' | 'on'>,
  preset: string,
  scenario: Scenario,
  djangoVersion: string,
  onSide: (side: 'model' | 'django') => void,
): Promise<FaithfulnessRow> {
  const onDjango = async () => {
    onSide('django');
    return figures(app, { ...scenario, target: { kind: 'django', django: djangoVersion } });
  };
  const onModel = async (placement: number[] | null) => {
    onSide('model');
    const server = placement ? { ...scenario.server, connectionProcesses: placement } : scenario.server;
    return figures(app, { ...scenario, server, target: { kind: 'model' } });
  };
  if (scenario.server.model !== 'async-workers') {
    const model = await onModel(null);
    return faithfulnessRow(preset, scenario, model, await onDjango());
  }
  const django = await onDjango();
  const model = await onModel(django.placement);
  return faithfulnessRow(preset, scenario, model, django, django.placement);
}

async function figures(
  app: Pick<App, 'api' | 'on'>,
  scenario: Scenario,
): Promise<SideFigures & { placement: number[] | null }> {
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
    placement: connectionPlacement(doc.lanes, doc.spans, doc.requests),
  };
}
