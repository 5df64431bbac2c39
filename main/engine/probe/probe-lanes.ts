/**
 * Lanes for real Django's threads and Interleave's client connections, with dense ids handed out
 * in order of first appearance (lanes index arrays downstream). A server thread is known by its
 * process and OS thread id; what kind of lane it is follows from the server: a uvicorn process's
 * main thread runs the event loop, a gunicorn sync worker's main thread is the worker, any other
 * thread is one of `sync_to_async`'s executor threads (a gthread worker's pool threads are
 * workers). A server Interleave did not start is described by its probe's interface instead.
 */
import type { ServerModel } from '../../../shared/scenario.ts';
import { clientLaneName, type Lane } from '../../../shared/trace.ts';
import type { ProbeInterface, ProbeThread } from '../../../shared/probe-timing.ts';

/**
 * The server model whose threads look like those of a probe's interface: under ASGI the main
 * thread runs the loop and others are executors; under WSGI every thread that serves is a worker.
 */
export function modelOfInterface(probe: ProbeInterface): ServerModel {
  return probe === 'asgi' ? 'async' : 'gthread';
}

export class ProbeLanes {
  private readonly ids = new Map<string, number>();
  /** Server processes by pid, numbered as the engine numbers them (0 for the async server, 1..W for workers). */
  private readonly processes = new Map<number, number>();
  private next = 0;

  constructor(private readonly onNewLane: (lane: Lane) => void) {}

  /** The lane of a thread of a `server` model's server, made on first sight. */
  thread(t: ProbeThread, server: ServerModel): number {
    const key = `${t.pid}:${t.tid}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const process = this.processOf(t.pid, server);
    // A gthread worker's views run on its pool threads (not the main thread, which accepts).
    const kind = !t.main
      ? server === 'gthread'
        ? 'worker'
        : 'executor'
      : server === 'async' || server === 'async-workers'
        ? 'loop'
        : 'worker';
    const name =
      kind === 'loop'
        ? `event loop (pid ${t.pid})`
        : kind === 'worker' && !t.main
          ? `worker ${process} ${t.name} (pid ${t.pid})`
          : kind === 'worker'
            ? `worker ${process} (pid ${t.pid})`
            : `${t.name} (pid ${t.pid})`;
    return this.add(key, { id: this.next, name, kind, process });
  }

  /** The lane of client connection `conn` (0-based), made on first sight. */
  client(conn: number): number {
    const key = `client:${conn}`;
    return (
      this.ids.get(key) ?? this.add(key, { id: this.next, name: clientLaneName(conn), kind: 'client', process: -1 })
    );
  }

  private processOf(pid: number, server: ServerModel): number {
    let n = this.processes.get(pid);
    if (n === undefined) {
      n = server === 'async' ? this.processes.size : this.processes.size + 1;
      this.processes.set(pid, n);
    }
    return n;
  }

  private add(key: string, lane: Lane): number {
    this.ids.set(key, lane.id);
    this.next++;
    this.onNewLane(lane);
    return lane.id;
  }
}
