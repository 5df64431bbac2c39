/**
 * Test helper: call the command line's `main(argv)` in this process and capture what it wrote.
 * Only the CLI's own writes are captured (stdout and stderr are swapped back in `finally`).
 */
import { main } from '../../../main/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliResult> {
  const out = { stdout: '', stderr: '' };
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true)) as typeof realOut;
  process.stderr.write = ((chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true)) as typeof realErr;
  try {
    const code = await main(argv);
    return { code, ...out };
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
}
