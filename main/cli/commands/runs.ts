import { parseArgs } from 'node:util';
import { formatMs } from '../../../shared/analysis/format.ts';
import { openCliApp } from './open-store.ts';

export async function runsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, db: { type: 'string' } }, strict: true });
  const app = await openCliApp(values.db);
  try {
    const runs = await app.api.listRuns();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(runs)}\n`);
      return 0;
    }
    if (runs.length === 0) process.stdout.write('no runs stored yet; try "interleave run --preset async-time-sleep"\n');
    for (const r of runs) {
      const numbers = r.summary
        ? `${r.summary.requests} req  p95 ${formatMs(r.summary.p95Ms)}`
        : `${r.recordedRequests} req recorded`;
      process.stdout.write(
        `${String(r.id).padStart(5)}  ${r.createdAt.slice(0, 19).replace('T', ' ')}  ${r.status.padEnd(11)}  ${numbers.padEnd(26)}  ${r.name}\n`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}
