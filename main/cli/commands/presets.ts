import { parseArgs } from 'node:util';
import { PRESETS } from '../../../shared/presets.ts';

export async function presetsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(PRESETS.map(({ id, title, summary }) => ({ id, title, summary })))}\n`);
    return 0;
  }
  const width = Math.max(...PRESETS.map((p) => p.id.length));
  for (const p of PRESETS) process.stdout.write(`${p.id.padEnd(width)}  ${p.summary}\n`);
  return 0;
}
