import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { discoverDjangoEnvironment, findPostgres } from '../../app/python-environment.ts';
import { formatDoctorReport, type DoctorReport } from '../doctor-report.ts';

function postgresReport(found: ReturnType<typeof findPostgres>): DoctorReport['postgres'] {
  return found.ok ? { bindir: found.install.bindir, problem: null } : { bindir: null, problem: found.problem };
}

/** `interleave doctor [--json]`: what this machine has for Interleave. Exit 0 whatever it finds. */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
  const report: DoctorReport = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cores: availableParallelism(),
    python: await discoverDjangoEnvironment(),
    postgres: postgresReport(findPostgres()),
  };
  const text = values.json ? JSON.stringify(report) : formatDoctorReport(report).join('\n');
  process.stdout.write(`${text}\n`);
  return 0;
}
