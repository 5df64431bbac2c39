import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
  const doc = parseRunJson(text);
  const app = await openCliApp(values.db);
  try {
    const info = app.store.importRun(doc);
    process.stdout.write(values.json ? `${JSON.stringify(info)}\n` : `imported as run ${info.id}: ${info.name}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
