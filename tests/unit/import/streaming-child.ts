// Run by k6-streaming.test.ts as a child process with a small, fixed heap: imports the file given
// as argv[2] and prints how much the heap grew while it did (sampled at every progress report,
// about every 4,096 lines, after a warm-up import and a full collection).
import { readImportFile } from '../../../main/import/index.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
await readImportFile('tests/fixtures/import/k6-three-requests.json');
gc();
const base = process.memoryUsage().heapUsed;
let peak = base;
let samples = 0;
const read = await readImportFile(process.argv[2], {
  onProgress: () => {
    samples++;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  },
});
if (read.format !== 'k6') throw new Error(`read as ${read.format}`);
process.stdout.write(
  `${JSON.stringify({ requests: read.run.doc.requests.length, baseMB: base / 2 ** 20, peakGrowthMB: (peak - base) / 2 ** 20, samples })}\n`,
);
