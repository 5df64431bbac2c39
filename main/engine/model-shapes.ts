/**
 * The server shapes the model engine runs. `async-workers` (uvicorn --workers N) is in the
 * scenario schema and runs on real Django; the model refuses it with a sentence rather than run
 * it as a different shape (a single loop, say) and show a wrong picture. `gthread` runs as W
 * processes of T worker threads, one interpreter lock per process.
 * `--limit-concurrency` is modelled for the one-loop `async` shape (server/limit-concurrency.ts).
 */
import type { Scenario } from '../../shared/scenario.ts';

/** Why the model engine cannot run `scenario` as asked, or null when it can. */
export function modelCannotRun(scenario: Scenario): string | null {
  const { server } = scenario;
  if (server.model === 'async-workers')
    return `\`server.model\` is ${server.model}: the model does not run this server shape yet; run it on real Django (--on django)`;
  if (server.limitConcurrency !== null && server.model !== 'async')
    return `\`server.limitConcurrency\` is ${server.limitConcurrency}: the model does not apply uvicorn's --limit-concurrency yet; run it on real Django (--on django)`;
  return null;
}
