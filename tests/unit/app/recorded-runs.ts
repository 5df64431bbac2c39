/**
 * Test helper: real runs through the app (engine, run service, store) in a throwaway data
 * folder, returned as the stored documents the UI, the reports and the CLI read. The folder and
 * the app are gone when it returns, also when a run fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { startOneRun } from '../../../main/app/one-run.ts';
import type { RunDocument } from '../../../shared/run.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';

/** Each scenario run to its end, one after another, then loaded back from the store. */
export async function recordRuns(scenarios: readonly ScenarioInput[]): Promise<RunDocument[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-recorded-'));
  const app = await openApp({ dataDir, mode: 'browser' });
  try {
    const docs: RunDocument[] = [];
    for (const scenario of scenarios) {
      const run = startOneRun(app, scenario);
      await run.started;
      const { info } = await run.finished;
      if (info.status !== 'complete') throw new Error(`${scenario.name}: the run ended ${info.status}: ${info.error}`);
      docs.push(await app.api.loadRun(info.id));
    }
    return docs;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
