/** `bench/results.json`: the machine, when, and every figure. The README section is made from it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MachineInfo } from './machine.ts';
import type { BenchResult } from './result.ts';

export interface BenchReport {
  machine: MachineInfo;
  /** Wall time of the whole suite, seconds. */
  durationSeconds: number;
  results: BenchResult[];
}

export const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

export function writeReport(report: BenchReport): void {
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
}

export function readReport(): BenchReport {
  return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchReport;
}
