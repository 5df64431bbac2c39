import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { discoverDjangoEnvironment } from '../../app/python-environment.ts';
import { formatDoctorReport, type DoctorReport } from '../doctor-report.ts';

/** `interleave doctor [--json]`: what this machine has for Interleave. Exit 0 whatever it finds. */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
  const report: DoctorReport = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cores: availableParallelism(),
    python: await discoverDjangoEnvironment(),
  };
  const text = values.json ? JSON.stringify(report) : formatDoctorReport(report).join('\n');
  process.stdout.write(`${text}\n`);
  return 0;
}
