import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatFromFileName } from '../../../shared/report/formats.ts';
import { UsageError } from '../cli-error.ts';
import { openCliApp } from './open-store.ts';

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' }, db: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isSafeInteger(id) || id < 1)
    throw new UsageError('give one run id (see "interleave runs"), e.g. interleave export 3 --out run.html');
  if (!values.out) throw new UsageError('--out FILE is required (.html, .json, .csv or .trace.json)');
  const format = formatFromFileName(values.out);
  if (!format) throw new UsageError(`--out ${values.out}: the file name must end in .html, .json, .csv or .trace.json`);
  const app = await openCliApp(values.db);
  try {
    const { text } = await app.api.exportRun(id, format);
    try {
      writeFileSync(values.out, text);
    } catch (error) {
      throw new Error(`could not write ${values.out}: ${(error as Error).message}`, { cause: error });
    }
    process.stdout.write(`wrote ${values.out} (${format}, run ${id})\n`);
    return 0;
  } finally {
    await app.close();
  }
}
