// Finding an installed Electron WITHOUT requiring `electron`: its index.js downloads the binary
// when it is missing (Electron 42+ has no postinstall), which fails offline. The package records
// the binary's path inside dist/ in path.txt; both must exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** { binary, version, abi } of the Electron in `root`/node_modules, or undefined. */
export function findElectron(root = process.cwd()) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return undefined;
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const abiFile = join(pkg, 'abi_version');
  const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : undefined;
  return { binary, version, abi };
}
