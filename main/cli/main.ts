/**
 * `interleave`: the command line, for terminals and CI. It calls the same app the desktop UI
 * does (main/app) and holds no logic of its own beyond flags and printing.
 *
 *   interleave presets                  list presets with their one-line explanations
 *   interleave run [flags]              run a preset, a scenario file, or quick overrides
 *   interleave runs                     list stored runs
 *   interleave export RUN_ID --out F    write a run as .html, .json, .csv or .trace.json
 *   interleave import FILE              import a run export, k6's JSON output or a HAR file
 *   interleave compare ID ID [--out F]  the difference in words, and a side-by-side HTML report
 *   interleave sweep [flags]            a scenario at 1, 2, 4, … users: what the endpoint behaves like
 *   interleave faithfulness             every preset on the model and on real Django, side by side
 *   interleave doctor                   Node, cores, and each Python found for real-Django runs
 * Bad flags get a message and exit code 2; a failed run exits 1.
 */
import { ValidationError } from '../../shared/validation.ts';
import { UsageError } from './cli-error.ts';
import { presetsCommand } from './commands/presets.ts';
import { runCommand } from './commands/run.ts';
import { runsCommand } from './commands/runs.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { compareCommand } from './commands/compare.ts';
import { faithfulnessCommand } from './commands/faithfulness.ts';
import { doctorCommand } from './commands/doctor.ts';
import { sweepCommand } from './commands/sweep.ts';

const USAGE = `usage:
  interleave presets [--json]
  interleave run [--preset NAME | --scenario FILE.json] [overrides] [--json] [--out FILE] [--name NAME] [--db FILE]
      overrides: --server async|sync-workers|async-workers|gthread  --workers W  --view async|sync
                 --executor per-request|one-thread|pool  --threads K  --gil on|off  --framework-python on|off
                 --limit-concurrency N  --backlog N  --worker-timeout S  (gthread: --threads T per worker)
                 --allow-async-unsafe (DJANGO_ALLOW_ASYNC_UNSAFE: the sync ORM runs in async views)  --sync-middleware
                 --db-connect MS  --db-max-connections N  --persistent-connections  --db-pool N (database connections)
                 --step await|block|cpu|db|upstream|offload  --latency MS  --inner block|cpu|db|upstream  --gather N
                 --concurrency N | --rate RPS [--arrival constant|poisson] [--max-in-flight N]  --think MS
                 --requests N | --duration S
                 --django 3.2|4.2|5.2 (the model behaves as it; with --on, run on it)
                 --on model|django|both  --django newest  (real Django: see "interleave doctor")
  interleave run --url URL [--method M] [--header 'K: V']… [--body TEXT | --body-file FILE] [--allow-remote HOST]… [load flags]
      (interleave run --help: every flag, and how the numbers are computed)
  interleave runs [--json] [--db FILE]
  interleave export RUN_ID --out FILE.(html|json|csv|trace.json) [--db FILE]
  interleave import FILE [--format run|k6|har] [--json] [--db FILE]   (a run export, k6 --out json, a .har)
  interleave compare RUN_ID RUN_ID... [--out FILE.html] [--db FILE]
  interleave sweep (--preset NAME | --scenario FILE.json) [--on model|django] [--from 1] [--to 64]
                   [--requests-per-step N] [--step-seconds S] [--json] [--db FILE]
  interleave sweep --show SWEEP_ID [--json] [--db FILE]
      (interleave sweep --help: what a sweep runs and what it prints)
  interleave faithfulness [--presets ID,ID…] [--django newest|5.2|3.2] [--json FILE] [--readme README.md] [--db FILE]
  interleave doctor [--json]`;

const COMMANDS = {
  presets: presetsCommand,
  run: runCommand,
  runs: runsCommand,
  export: exportCommand,
  import: importCommand,
  compare: compareCommand,
  sweep: sweepCommand,
  faithfulness: faithfulnessCommand,
  doctor: doctorCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ValidationError || isParseArgsError(error)) {
      process.stderr.write(`interleave: ${(error as Error).message}\n`);
      if (error instanceof UsageError || isParseArgsError(error))
        process.stderr.write(`run "interleave --help" for usage\n`);
      return 2;
    }
    process.stderr.write(`interleave: ${(error as Error).message}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
