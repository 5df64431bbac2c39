/**
 * `interleave faithfulness`: every preset real Django can express, on the model and on real
 * Django, side by side (see shared/analysis/faithfulness.ts). Writes the rows as JSON and, with
 * `--readme`, the README's faithfulness section between its markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { faithfulnessMarkdown, faithfulnessText } from '../../../shared/analysis/faithfulness.ts';
import { measureFaithfulness } from '../../app/faithfulness-runs.ts';
import { UsageError } from '../cli-error.ts';
import { openCliApp } from './open-store.ts';

const START = '<!-- faithfulness:start -->';
const END = '<!-- faithfulness:end -->';

export async function faithfulnessCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      presets: { type: 'string' },
      json: { type: 'string' },
      readme: { type: 'string' },
      db: { type: 'string' },
      django: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const presets = values.presets
    ? values.presets
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
  const app = await openCliApp(values.db);
  const loadBefore = loadavg()[0];
  try {
    const { rows, versions } = await measureFaithfulness(app, {
      presets,
      django: values.django ?? 'newest',
      onPreset: (id, i, n, side) => process.stderr.write(`faithfulness: ${i + 1}/${n} ${id} on ${side}\n`),
    });
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${platform()} ${release()}, Node ${process.version}; load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`;
    process.stdout.write(`${faithfulnessText(rows)}\n\n${versions}\n${machine}\n`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify({ versions, machine, rows }, null, 2)}\n`);
    if (values.readme) writeReadmeSection(values.readme, rows, versions, machine);
    return rows.some((r) => r.agrees === false) ? 1 : 0;
  } finally {
    await app.close();
  }
}

function writeReadmeSection(
  file: string,
  rows: Parameters<typeof faithfulnessMarkdown>[0],
  versions: string,
  machine: string,
) {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from === -1 || to < from) throw new Error(`${file} has no ${START} … ${END} markers to write between`);
  const agreeing = rows.filter((r) => r.agrees).length;
  const measured = rows.filter((r) => r.agrees !== null).length;
  const section = [
    START,
    `Last run: ${new Date().toISOString().slice(0, 10)}; ${versions}; ${machine}. ${agreeing} of ${measured} expressible presets agree (same shape, and makespan within ±10% where the views only sleep; or, where nearly every request failed on both sides, the same error status).`,
    '',
    faithfulnessMarkdown(rows),
    END,
  ].join('\n');
  writeFileSync(file, text.slice(0, from) + section + text.slice(to + END.length));
}
