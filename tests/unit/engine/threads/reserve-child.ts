/** Child of thread-reserve.test.ts: starts three spares, says so, and returns without disposing of them. */
import { ThreadReserve } from '../../../../main/engine/index.ts';

const reserve = new ThreadReserve(process.argv[2], 8);
await reserve.refill({ executor: 3 });
const ready = reserve.readyCounts().executor ?? 0;
console.log(`spares ready: ${ready}`);
