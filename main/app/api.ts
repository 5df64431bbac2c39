/**
 * The InterleaveApi the renderer calls, served the same way by the Electron shell and the
 * browser-mode host. Every argument is validated here (the transports carry `unknown[]`), with
 * messages that say what was wrong and what is allowed.
 */
import { z } from 'zod';
import { EXPORT_FORMATS, type HostInfo, type InterleaveApi } from '../../shared/bridge.ts';
import type { DjangoEnvironment } from '../../shared/django-environment.ts';
import { MAX_COMPARED_RUNS, MAX_IMPORT_CHARS, MAX_RUN_NAME_CHARS, MIN_COMPARED_RUNS } from '../../shared/limits.ts';
import { runStory } from '../../shared/analysis/run-story.ts';
import { PRESETS } from '../../shared/presets.ts';
import { scenarioSchema } from '../../shared/scenario.ts';
import { parseOrExplain, ValidationError } from '../../shared/validation.ts';
import { fileNameFor, mimeFor, renderExport } from '../../shared/report/formats.ts';
import { renderComparisonHtml } from '../../shared/report/html.ts';
import type { RunStore } from '../store/run-store.ts';
import { readImportText } from '../import/index.ts';
import { storeImport } from './import-run.ts';
import type { RunService } from './run-service.ts';
import type { SweepMethods } from './sweep/sweep-api.ts';

const runId = z.number().int().positive();
const runName = z.string().trim().min(1).max(MAX_RUN_NAME_CHARS);
const importedFileName = z.string().trim().min(1).max(255).optional();
const environmentOptions = z.object({ refresh: z.boolean().optional() }).strict().optional();

/** Finds (or recalls) the Pythons for real-Django runs; see main/django/python-env.ts. */
export type FindDjangoEnvironment = (refresh: boolean) => Promise<DjangoEnvironment>;

export function createApi(
  store: RunStore,
  runs: RunService,
  host: HostInfo,
  findDjangoEnvironment: FindDjangoEnvironment,
): Omit<InterleaveApi, SweepMethods> {
  return {
    hostInfo: async () => host,
    listPresets: async () => [...PRESETS],
    startRun: async (input, name) => {
      const scenario = parseOrExplain(scenarioSchema, input, 'The scenario');
      if (scenario.target.kind === 'imported')
        throw new ValidationError('The scenario', [
          '`target.kind` is "imported": an imported run holds another tool\'s measurements and cannot be run again; allowed "model", "django", "url"',
        ]);
      const label = name === undefined ? undefined : parseOrExplain(runName, name, 'The run name');
      return runs.start(scenario, label);
    },
    stopRun: async (id) => runs.stop(parseOrExplain(runId, id, 'The run id')),
    prepareRun: async (input) => runs.prepare(parseOrExplain(scenarioSchema, input, 'The scenario')),
    listRuns: async () => store.listRuns(),
    loadRun: async (id) => store.loadRun(parseOrExplain(runId, id, 'The run id')),
    renameRun: async (id, name) =>
      store.renameRun(parseOrExplain(runId, id, 'The run id'), parseOrExplain(runName, name, 'The run name')),
    deleteRun: async (id) => {
      const checked = parseOrExplain(runId, id, 'The run id');
      if (runs.activeRunId === checked) throw new Error(`run ${checked} is still running; stop it before deleting it`);
      store.deleteRun(checked);
    },
    exportRun: async (id, format) => {
      const checked = parseOrExplain(runId, id, 'The run id');
      const fmt = parseOrExplain(z.enum(EXPORT_FORMATS), format, 'The export format');
      const doc = store.loadRun(checked);
      const text = renderExport(doc, fmt, { cores: host.cores });
      return { fileName: fileNameFor(doc.info, fmt), mime: mimeFor(fmt), text };
    },
    exportComparison: async (ids) => {
      const checked = parseOrExplain(
        z.array(runId).min(MIN_COMPARED_RUNS).max(MAX_COMPARED_RUNS),
        ids,
        'The runs to compare',
      );
      const docs = [...new Set(checked)].map((id) => store.loadRun(id));
      if (docs.length < MIN_COMPARED_RUNS)
        throw new Error(`choose at least ${MIN_COMPARED_RUNS} different runs to compare`);
      return {
        fileName: `interleave-compare-${docs.map((d) => d.info.id).join('-')}.html`,
        mime: mimeFor('html'),
        text: renderComparisonHtml(docs, { cores: host.cores }),
      };
    },
    importRun: async (text, fileName) => {
      const checked = parseOrExplain(z.string().max(MAX_IMPORT_CHARS), text, 'The imported file');
      const name = parseOrExplain(importedFileName, fileName, 'The imported file name');
      return storeImport(store, await readImportText(checked, name)).info;
    },
    explainRun: async (id) => runStory(store.loadRun(parseOrExplain(runId, id, 'The run id')), host.cores),
    djangoEnvironment: async (options) => {
      const checked = parseOrExplain(environmentOptions, options, 'The environment request');
      return findDjangoEnvironment(checked?.refresh === true);
    },
  };
}
