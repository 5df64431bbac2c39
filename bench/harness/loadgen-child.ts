/**
 * Interleave's load generator in a process of its own, for the comparison with autocannon:
 *
 *   node --import tsx bench/harness/loadgen-child.ts URL CONNECTIONS SECONDS
 *
 * Prints one JSON line: { requests, errors, rps }.
 */
import { driveLoadgen } from './loadgen-driver.ts';
import { closedLoad, parseLoad } from './scenarios.ts';
import { throughputRps } from './throughput.ts';

const [url, connections, seconds] = process.argv.slice(2);
const requests = await driveLoadgen(url, parseLoad(closedLoad(Number(connections), { seconds: Number(seconds) })));
const errors = requests.filter((r) => r.error !== null || r.status !== 200).length;
console.log(JSON.stringify({ requests: requests.length, errors, rps: throughputRps(requests) }));
process.exit(0);
