/**
 * Test fixture, run as its own process: bundles the engine's workers from source under the
 * folder named on the command line, prints the bundle's folder, then exits (`exit`) or waits to
 * be killed (`wait`).
 *
 *   node --import tsx tests/unit/engine/threads/bundle-child.ts PARENT exit|wait
 */
import { fileURLToPath } from 'node:url';
import { bundleFromSource } from '../../../../main/engine/threads/source-bundle.ts';

const [parent, then] = process.argv.slice(2);
const upstream = fileURLToPath(new URL('../../../../main/engine/upstream/upstream.worker.ts', import.meta.url));
const nodeModules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
process.stdout.write(`${bundleFromSource({ 'upstream.worker': upstream }, nodeModules, parent)}\n`);
if (then === 'wait') setInterval(() => {}, 60_000);
