/** A synthetic run for renderer tests: W workers serving N requests from C users, recorded like the engine does. */
import { Phase, type Lane, type LoopSample, type RequestRecord } from '../../../shared/trace.ts';

export interface SyntheticRun {
  lanes: Lane[];
  spans: number[];
  requests: RequestRecord[];
  loop: LoopSample[];
}

export function syntheticRun(requests: number, workers = 4, users = 50, serviceMicros = 20_000): SyntheticRun {
  const lanes: Lane[] = Array.from({ length: workers }, (_, i) => ({
    id: i,
    name: `worker ${i + 1}`,
    kind: 'worker',
    process: i + 1,
  }));
  const free = new Array<number>(workers).fill(0);
  const userFree = new Array<number>(users).fill(0);
  const spans: number[] = [];
  const records: RequestRecord[] = [];
  const loop: LoopSample[] = [];
  for (let id = 0; id < requests; id++) {
    const user = id % users;
    const sent = userFree[user];
    let w = 0;
    for (let k = 1; k < workers; k++) if (free[k] < free[w]) w = k;
    const start = Math.max(sent + 200, free[w]);
    const service = serviceMicros * (0.7 + ((id * 7919) % 600) / 1000);
    const end = start + service;
    free[w] = end;
    userFree[user] = end + 300;
    spans.push(id, w, Phase.queued, sent + 200, start);
    spans.push(id, w, Phase.block, start + service * 0.1, start + service * 0.8);
    spans.push(id, w, Phase.cpu, start + service * 0.8, end);
    spans.push(id, w, Phase.running, start, end);
    spans.push(id, workers + user, Phase.client, sent, end + 300);
    records.push({
      id,
      endpoint: 0,
      intended: sent,
      sent,
      accepted: sent + 200,
      responded: end,
      received: end + 300,
      status: 200,
      error: null,
      conn: workers + user,
    });
    if (id % 10 === 0) loop.push({ t: end, delayMs: (id % 13) / 2 });
  }
  return { lanes, spans, requests: records, loop };
}
