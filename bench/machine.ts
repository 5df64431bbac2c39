/** The machine a suite ran on, stored with the results: a figure means little without it. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memGiB: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the suite started and when it ended: a busy machine shows here. */
  loadAverage: { start: number; end: number | null };
}

/** The 1-minute load average now, rounded. */
export const loadNow = (): number => Math.round(loadavg()[0] * 100) / 100;

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    loadAverage: { start: loadNow(), end: null },
  };
}
