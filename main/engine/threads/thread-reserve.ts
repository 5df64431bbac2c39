/**
 * Spare threads, started before a run is known, so that the next run starts at once.
 *
 * Starting a view thread costs tens of milliseconds of CPU (a V8 isolate, the thread's code, the
 * SQLite driver and the shop, the JIT warm-up), and a run of 200 per-request threads spent ~20 s
 * on a 2-core machine before its first request. A spare does all of that ahead of time and then
 * waits, idle, for one `configure` message carrying its run's data (thread-data.ts); taken, it
 * is the same fresh thread a run would have started, so it is measured the same. Spares are
 * never reused: every run's threads end with the run, and the reserve starts new spares after it.
 *
 * Spares start a few at a time (each `new Worker` holds the host's main thread a few ms, and a
 * group's start-up takes the CPUs), stop starting the moment a run begins (`hold`), once started
 * never keep the process alive (unref), and are at most `limit` in all (an idle one 10–16 MiB).
 * An app left idle after a big run goes back to its first screen's set (`keepWhenIdle`): after
 * 128 threads that is ~2 GiB given back.
 */
import type { TransferListItem, Worker } from 'node:worker_threads';
import { spawnWorker, type WorkerName } from './spawn.ts';
import type { ConfigureMessage, SpareClockMessage, SpareData } from './thread-data.ts';
import { monotonicMs } from '../clock.ts';
import { CLOCK_ROUND_TRIPS } from './start-up.ts';

/** How many threads of each kind. */
export type ThreadCounts = Partial<Record<WorkerName, number>>;

/** The kinds a spare can become (every kind of thread a run starts). */
const SPARE_KINDS: readonly WorkerName[] = ['upstream', 'sync-http', 'server', 'executor', 'sync-worker', 'loadgen'];

/** Spares started at a time. */
export const SPARES_AT_A_TIME = 4;

interface Spare {
  name: WorkerName;
  worker: Worker;
  booted: boolean;
  /** |its clock − the engine's|, ms, measured once it had started (measureSpareSkew). */
  clockSkewMs: number;
  onMessage(message: { type?: string }): void;
}

/** A spare given its run: the thread, and its clock's difference from the engine's. */
export interface TakenSpare {
  worker: Worker;
  clockSkewMs: number;
}

export class ThreadReserve {
  private spares: Spare[] = [];
  /** Bumped by hold() and dispose(): a refill started under an older one stops. */
  private generation = 0;
  private disposed = false;
  private lastRefill: Promise<void> = Promise.resolve();
  /** What the refill under way keeps (null when none is): asked again, it goes on as it was. */
  private refilling: ThreadCounts | null = null;
  /** What an idle reserve goes back to, and the timer that will take it there. */
  private base: ThreadCounts | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    /** The shop every spare opens ahead of its run; a run on another shop starts its own threads. */
    readonly shopDbFile: string,
    /** At most this many spares at once. */
    readonly limit: number,
    /** After a refill beyond the base, how long idle before going back to it. */
    readonly trimAfterMs = Infinity,
  ) {}

  /** The set to go back to when idle (the first screen's threads). */
  keepWhenIdle(base: ThreadCounts): void {
    this.base = base;
  }

  /** Spares that have finished starting, by kind. */
  readyCounts(): ThreadCounts {
    const counts: ThreadCounts = {};
    for (const s of this.spares) if (s.booted) counts[s.name] = (counts[s.name] ?? 0) + 1;
    return counts;
  }

  /** Spares still starting (a run that begins meanwhile waits for the machine to settle). */
  get starting(): boolean {
    return this.spares.some((s) => !s.booted);
  }

  /** A started spare of `name` given `data` (and the ports in `transfer`); null when there is none. */
  take(name: WorkerName, data: unknown, transfer: TransferListItem[]): TakenSpare | null {
    const i = this.spares.findIndex((s) => s.name === name && s.booted);
    if (i === -1) return null;
    const [spare] = this.spares.splice(i, 1);
    spare.worker.off('message', spare.onMessage);
    spare.worker.ref();
    spare.worker.postMessage({ type: 'configure', data } satisfies ConfigureMessage, transfer);
    return { worker: spare.worker, clockSkewMs: spare.clockSkewMs };
  }

  /** Starts no more spares until the next refill: a run is starting and needs the CPUs. */
  hold(): void {
    this.generation++;
    this.refilling = null;
    this.cancelTrim();
  }

  /**
   * Keeps `wanted` spares of each kind (or `limit` in all): ends any beyond that, then starts the
   * missing ones SPARES_AT_A_TIME at a time. Resolves when they have started, or at the first
   * group after hold() or dispose(), or after a group in which one failed.
   */
  refill(wanted: ThreadCounts): Promise<void> {
    // The app asks again for the set on screen after each run, as the run's own refill goes on:
    // starting over would end that refill early and leave its last spares to start after Run.
    if (this.refilling && sameCounts(this.refilling, wanted)) return this.lastRefill;
    const generation = ++this.generation;
    this.cancelTrim();
    this.refilling = wanted;
    this.lastRefill = (async () => {
      await this.dropSurplus(wanted);
      for (;;) {
        if (generation !== this.generation || this.disposed) return;
        const group = this.missing(wanted).slice(0, SPARES_AT_A_TIME);
        if (group.length === 0) return this.trimWhenIdle(wanted);
        const started = await Promise.all(group.map((name) => this.startSpare(name)));
        // A spare that failed would fail again (a shop that cannot be opened): the run starts its own.
        if (started.includes(false)) return;
      }
    })().finally(() => {
      if (generation === this.generation) this.refilling = null;
    });
    return this.lastRefill;
  }

  /** Goes back to the base once nothing has run for trimAfterMs, if `kept` holds more than it. */
  private trimWhenIdle(kept: ThreadCounts): void {
    const base = this.base;
    if (!base || !Number.isFinite(this.trimAfterMs) || !exceeds(kept, base)) return;
    this.idleTimer = setTimeout(() => void this.refill(base), this.trimAfterMs);
    this.idleTimer.unref();
  }

  private cancelTrim(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** The latest refill's end (the engine starts one after each run without waiting for it). */
  refilled(): Promise<void> {
    return this.lastRefill;
  }

  /** Ends every spare; no more are started. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.generation++;
    this.cancelTrim();
    const spares = this.spares.splice(0);
    await Promise.all(spares.map((s) => s.worker.terminate()));
  }

  /** Ends the spares beyond `wanted` of their kind: the reserve keeps what the last run used. */
  private async dropSurplus(wanted: ThreadCounts): Promise<void> {
    const kept = new Map<WorkerName, number>();
    const surplus: Spare[] = [];
    for (const s of this.spares) {
      const n = (kept.get(s.name) ?? 0) + 1;
      kept.set(s.name, n);
      if (n > (wanted[s.name] ?? 0)) surplus.push(s);
    }
    this.spares = this.spares.filter((s) => !surplus.includes(s));
    await Promise.all(surplus.map((s) => s.worker.terminate()));
  }

  /** The kinds still to start, one entry per thread, in SPARE_KINDS order, within the limit. */
  private missing(wanted: ThreadCounts): WorkerName[] {
    const names: WorkerName[] = [];
    for (const name of SPARE_KINDS) {
      const have = this.spares.filter((s) => s.name === name).length;
      for (let i = have; i < (wanted[name] ?? 0); i++) names.push(name);
    }
    return names.slice(0, Math.max(0, this.limit - this.spares.length));
  }

  /** Starts one spare; resolves once it has started (true) or failed (false: it is forgotten). */
  private startSpare(name: WorkerName): Promise<boolean> {
    const data: SpareData = { spare: true, shopDbFile: this.shopDbFile };
    const worker = spawnWorker(name, data);
    return new Promise((resolve) => {
      const spare: Spare = {
        name,
        worker,
        booted: false,
        clockSkewMs: 0,
        onMessage: (message) => {
          if (message.type !== 'spare-ready') return;
          void measureSpareSkew(worker).then((skew) => {
            spare.clockSkewMs = skew;
            spare.booted = true;
            // A starting spare keeps the process up (its refill is awaited); an idle one does not.
            worker.unref();
            resolve(true);
          });
        },
      };
      const forget = () => {
        this.spares = this.spares.filter((s) => s !== spare);
        resolve(false);
      };
      worker.on('message', spare.onMessage);
      // Once taken, the run's ThreadHandle reports its failures; before, a spare that fails is
      // only forgotten, and its run starts a thread of its own.
      worker.on('error', forget);
      worker.on('exit', forget);
      this.spares.push(spare);
    });
  }
}

/** Whether `counts` holds more of some kind than `base`. */
function sameCounts(a: ThreadCounts, b: ThreadCounts): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<WorkerName>;
  return [...names].every((name) => (a[name] ?? 0) === (b[name] ?? 0));
}

function exceeds(counts: ThreadCounts, base: ThreadCounts): boolean {
  return Object.entries(counts).some(([name, n]) => (n ?? 0) > (base[name as WorkerName] ?? 0));
}

/**
 * |spare's clock − this thread's|, ms, NTP-style as measureClockSkew (start-up.ts) does for a
 * run's new threads: the midpoint of the shortest of five round trips. A spare's is measured
 * here, while it waits, so a run on spares spends no time on it. Infinity if it never answers.
 */
function measureSpareSkew(worker: Worker): Promise<number> {
  return new Promise((resolve) => {
    let best = Infinity;
    let offset = Infinity;
    let asked = 0;
    let sentAt = 0;
    const ask = () => {
      sentAt = monotonicMs();
      worker.postMessage({ type: 'clock' });
    };
    const onReply = (message: SpareClockMessage | { type?: string }) => {
      if (message.type !== 'spare-clock') return;
      const receivedAt = monotonicMs();
      if (receivedAt - sentAt < best) {
        best = receivedAt - sentAt;
        offset = (message as SpareClockMessage).nowMs - (sentAt + receivedAt) / 2;
      }
      if (++asked < CLOCK_ROUND_TRIPS) return ask();
      worker.off('message', onReply);
      resolve(Math.abs(offset));
    };
    worker.on('message', onReply);
    worker.once('exit', () => resolve(Infinity));
    ask();
  });
}
