import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORTED_RUN_LIMITS } from '../../../shared/imported-run.ts';
import { formatMs } from '../../../shared/analysis/format.ts';
import { IMPORT_CHOICES, readImportFile, type ImportChoice } from '../../app/import-run.ts';
import type { ImportResult } from '../../app/import-run.ts';
import { UsageError } from '../cli-error.ts';
import { progressLine } from '../progress-line.ts';
import { openCliApp } from './open-store.ts';

const PHASE_WORDS: [keyof NonNullable<ImportResult['phases']>, string][] = [
  ['blockedMs', 'blocked'],
  ['dnsMs', 'DNS'],
  ['connectMs', 'connect'],
  ['tlsMs', 'TLS'],
  ['sendMs', 'sending'],
  ['waitMs', 'waiting'],
  ['receiveMs', 'receiving'],
];

/** What the import says besides the run's number: its notes, the mean client phases, its limits. */
function details(result: ImportResult): string[] {
  if (result.format === 'run') return [];
  const phases = result.phases;
  const known = phases ? PHASE_WORDS.filter(([key]) => phases[key] !== null) : [];
  return [
    ...result.notes.map((n) => `  note      ${n}`),
    ...(phases && known.length
      ? [`  phases    mean ${known.map(([key, word]) => `${word} ${formatMs(phases[key] as number)}`).join(' · ')}`]
      : []),
    `  shows     ${IMPORTED_RUN_LIMITS}`,
  ];
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1)
    throw new UsageError(
      'give one file to import, e.g. interleave import results.json (a run export, k6 JSON output or a HAR file)',
    );
  const format = values.format;
  if (format !== undefined && !(IMPORT_CHOICES as readonly string[]).includes(format))
    throw new UsageError(
      `--format is "${format}"; allowed ${IMPORT_CHOICES.join(', ')} (without it, the file's first bytes decide)`,
    );
  const path = positionals[0];
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // The whole file is read and checked before a store is opened, so a file that cannot be
  // imported leaves nothing behind.
  const progress = progressLine(process.stderr, process.stderr.isTTY === true && !values.json);
  let read;
  try {
    read = await readImportFile(path, { format: format as ImportChoice | undefined, onProgress: progress.reading });
  } finally {
    progress.clear();
  }
  const app = await openCliApp(values.db);
  try {
    const result = app.storeImport(read);
    const { info } = result;
    if (values.json) process.stdout.write(`${JSON.stringify(info)}\n`);
    else {
      const requests = info.summary ? `, ${info.summary.requests.toLocaleString('en-US')} requests` : '';
      process.stdout.write(
        [`imported as run ${info.id}: ${info.name}${requests}`, ...details(result)].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}
