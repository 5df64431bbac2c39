import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAX_IMPORT_CHARS } from '../../../shared/limits.ts';
import { parseRunJson } from '../../../shared/report/json.ts';
import { UsageError } from '../cli-error.ts';
import { openCliApp } from './open-store.ts';

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('give one file to import, e.g. interleave import run.json');
  let text: string;
  try {
    text = readFileSync(positionals[0], 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  // Checked here too (the API checks again), so a file that is not a run is refused before any
  // store is opened or made.
  if (text.length > MAX_IMPORT_CHARS)
    throw new UsageError(
      `${positionals[0]} has ${text.length} characters; an imported run has at most ${MAX_IMPORT_CHARS}`,
    );
  parseRunJson(text);
  const app = await openCliApp(values.db);
  try {
    const info = await app.api.importRun(text);
    process.stdout.write(values.json ? `${JSON.stringify(info)}\n` : `imported as run ${info.id}: ${info.name}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
