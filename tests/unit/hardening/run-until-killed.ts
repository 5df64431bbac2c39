/**
 * Test fixture, run as its own process: opens the app on the data folder named on the command
 * line, starts a long run, and prints "RUN_ID RECORDED" each time the store holds more requests,
 * until it is killed. The parent kills it with SIGKILL: no handler, no clean-up, no last write.
 */
import { openApp } from '../../../main/app/app.ts';

const app = await openApp({ dataDir: process.argv[2], mode: 'browser' });
const info = await app.api.startRun(
  {
    server: { model: 'async', executor: 'per-request' },
    endpoints: [
      {
        name: 'list',
        view: 'async',
        steps: [
          { kind: 'await', ms: 5 },
          { kind: 'offload', step: { kind: 'db', query: 'product-list' } },
        ],
      },
      { name: 'pay', view: 'async', steps: [{ kind: 'upstream', ms: 20 }] },
    ],
    load: { model: 'closed', concurrency: 8, end: { kind: 'duration', seconds: 120 } },
  },
  'killed mid-run',
);
// A batch is committed to the store before its event is sent, so the count listed here is stored.
app.on('run', (event) => {
  if (event.type !== 'batch') return;
  void app.api.listRuns().then((runs) => {
    const recorded = runs.find((r) => r.id === info.id)?.recordedRequests ?? 0;
    process.stdout.write(`${info.id} ${recorded}\n`);
  });
});
