/**
 * Starts the browser-mode host for the whole suite (see host-process.ts). The URL reaches the
 * tests through INTERLEAVE_E2E_URL; the returned teardown stops the host and removes its folder.
 */
import { startHost } from './host-process.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = await startHost();
  process.env.INTERLEAVE_E2E_URL = host.url;
  process.env.INTERLEAVE_E2E_DATA_DIR = host.dataDir;
  return host.stop;
}
