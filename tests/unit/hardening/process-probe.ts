/**
 * Test helper: what this process holds right now, read from Linux's /proc rather than from the
 * engine, so a leak the engine does not know about still shows.
 *
 * - Listening sockets: /proc/net/tcp and tcp6 list every socket in the network namespace with
 *   its inode; the ones whose inode is also an open descriptor in /proc/self/fd are ours.
 * - Threads: one entry per OS thread in /proc/self/task (workers, V8's and libuv's own threads).
 * - The heap after a full collection, with `gc` obtained at run time (no `--expose-gc` needed).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface ListeningSocket {
  family: 'tcp' | 'tcp6';
  /** Dotted IPv4 (or the raw hex of an IPv6 address). */
  address: string;
  port: number;
}

function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we listed them (readdir's own, or a worker's).
    }
  }
  return inodes;
}

/** /proc/net/tcp writes an IPv4 address as 8 hex digits in host (little-endian) byte order. */
function ipv4FromHex(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

const LISTEN = '0A';

/** Every TCP socket this process is listening on. */
export function listeningSockets(): ListeningSocket[] {
  const own = ownSocketInodes();
  const found: ListeningSocket[] = [];
  for (const family of ['tcp', 'tcp6'] as const) {
    const rows = readFileSync(`/proc/net/${family}`, 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      if (cols[3] !== LISTEN || !own.has(cols[9])) continue;
      const [hexAddress, hexPort] = cols[1].split(':');
      const address = family === 'tcp' ? ipv4FromHex(hexAddress) : hexAddress;
      found.push({ family, address, port: parseInt(hexPort, 16) });
    }
  }
  return found;
}

/** OS threads of this process right now. */
export function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Bytes of JS heap in use after a full garbage collection. */
export function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** Resources keeping the event loop alive (timers, sockets, handles), counted by kind. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Polls `probe` until it returns true or `ms` pass; returns the last answer. */
export async function eventually(probe: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!probe()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
