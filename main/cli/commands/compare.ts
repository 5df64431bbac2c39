import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeComparison } from '../../../shared/analysis/compare.ts';
import { MAX_COMPARED_RUNS, MIN_COMPARED_RUNS } from '../../../shared/limits.ts';
import { UsageError } from '../cli-error.ts';
import { openCliApp } from './open-store.ts';

/** `interleave compare 3 4 [--out compare.html]`: the difference in words, and optionally the HTML. */
export async function compareCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' }, db: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const ids = positionals.map(Number);
  if (
    ids.length < MIN_COMPARED_RUNS ||
    ids.length > MAX_COMPARED_RUNS ||
    new Set(ids).size !== ids.length ||
    ids.some((id) => !Number.isSafeInteger(id) || id < 1)
  ) {
    throw new UsageError(
      `give ${MIN_COMPARED_RUNS} to ${MAX_COMPARED_RUNS} different run ids (see "interleave runs"), e.g. interleave compare 3 4 --out compare.html`,
    );
  }
  if (values.out !== undefined && !values.out.endsWith('.html'))
    throw new UsageError(`--out ${values.out}: a comparison is written as .html`);
  const app = await openCliApp(values.db);
  try {
    const docs = await Promise.all(ids.map((id) => app.api.loadRun(id)));
    process.stdout.write(`${describeComparison(docs)}\n`);
    if (values.out) {
      const { text } = await app.api.exportComparison(ids);
      try {
        writeFileSync(values.out, text);
      } catch (error) {
        throw new Error(`could not write ${values.out}: ${(error as Error).message}`, { cause: error });
      }
      process.stdout.write(`wrote ${values.out}\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}
