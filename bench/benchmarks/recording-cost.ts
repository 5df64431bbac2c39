/**
 * What recording costs, per recorded event, on the engine's own code path.
 *
 * - A span: two clock reads and `SpanBuffer.record` on the thread that ran the step; every 50 ms
 *   `take()` and a transfer through a MessagePort; `Recorder.addSpans` on the engine's thread;
 *   every 100 ms `Recorder.takeBatch`, which copies the batch into the plain array the store and
 *   the bridge take.
 * - The server's stamps of a request (accepted, responded): two clock reads, a packed triple,
 *   transferred, and put in the recorder's join map.
 * - The client's record of a request: an object the load generator builds, packs with the others
 *   of its 50 ms into one transferable buffer, and the engine unpacks and joins with the
 *   server's stamps by id.
 *
 * Both ends run on this thread, so the process's CPU time is the whole cost of both sides; the
 * messages still go through the real serialisation and transfer machinery. Each section is
 * timed on its own with process.cpuUsage. The store's cost is measured apart
 * (hundred-thousand-requests.ts); the effect on throughput end to end (server-throughput.ts).
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { once } from 'node:events';
import { clockFrom, monotonicMs } from '../../main/engine/clock.ts';
import { packRequests, unpackRequests } from '../../shared/packed-requests.ts';
import { Recorder } from '../../main/engine/record/recorder.ts';
import { SpanBuffer } from '../../main/engine/span-buffer.ts';
import { Phase, type Lane, type RequestRecord } from '../../shared/trace.ts';
import { atMost, figure, type Benchmark } from '../result.ts';
import { list, median } from '../stats.ts';

const LOOP: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
/** Requests per flush: 50 ms of a server answering 20,000 requests a second. */
const PER_FLUSH = 1_000;
/** One round is a 100,000-request run. */
const FLUSHES = 100;
const ROUNDS = 7;

async function send<T>(from: MessagePort, to: MessagePort, message: T, transfer: ArrayBuffer[] = []): Promise<T> {
  const received = once(to, 'message');
  from.postMessage(message, transfer);
  return (await received)[0] as T;
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

interface RoundCost {
  span: number;
  stamps: number;
  client: number;
}

/**
 * One 100,000-request run's recording, one span per request: CPU µs per event of each kind.
 * Each kind runs as its own loop (the server's stamps first, as they usually arrive first),
 * timed whole: sections of a millisecond are below what process.cpuUsage can resolve.
 */
async function round(ports: MessagePort[][]): Promise<RoundCost> {
  const [[spansOut, spansIn], [servedOut, servedIn], [clientOut, clientIn]] = ports;
  const now = clockFrom(monotonicMs());
  const buffer = new SpanBuffer();
  const recorder = new Recorder([LOOP], 1);
  const events = FLUSHES * PER_FLUSH;
  const timed = async (section: (first: number, flush: number) => Promise<void>) => {
    const before = cpuMicros();
    for (let f = 0; f < FLUSHES; f++) await section(f * PER_FLUSH, f);
    return (cpuMicros() - before) / events;
  };
  const span = await timed(async (first, flush) => {
    for (let id = first; id < first + PER_FLUSH; id++) {
      const t0 = now();
      buffer.record(id, 0, Phase.await, t0, now());
    }
    const spans = buffer.take();
    recorder.addSpans(await send(spansOut, spansIn, spans, [spans.buffer as ArrayBuffer]));
    if (flush % 2 === 1) recorder.takeBatch();
  });
  const stamps = await timed(async (first) => {
    const served: number[] = [];
    for (let id = first; id < first + PER_FLUSH; id++) served.push(id, now(), now());
    const packed = Float64Array.from(served);
    recorder.addServed(await send(servedOut, servedIn, packed, [packed.buffer]));
  });
  const client = await timed(async (first) => {
    const records: RequestRecord[] = [];
    for (let id = first; id < first + PER_FLUSH; id++) {
      const sent = now();
      records.push({
        id,
        endpoint: 0,
        intended: sent,
        sent,
        accepted: null,
        responded: null,
        received: now(),
        status: 200,
        error: null,
        conn: 1 + (id % 10),
      });
    }
    const batch = packRequests(records);
    recorder.addRequests(unpackRequests(await send(clientOut, clientIn, batch, [batch.packed.buffer as ArrayBuffer])));
  });
  return { span, stamps, client };
}

export const recordingCost: Benchmark = {
  id: 'recording-cost',
  title: 'Recording: CPU per recorded event',
  budgetSeconds: 60,
  async run() {
    const channels = [new MessageChannel(), new MessageChannel(), new MessageChannel()];
    const ports = channels.map((c) => [c.port1, c.port2]);
    const rounds: RoundCost[] = [];
    try {
      await round(ports); // warm-up: let the JIT compile the path
      for (let r = 0; r < ROUNDS; r++) rounds.push(await round(ports));
    } finally {
      for (const c of channels) c.port1.close();
    }
    const of = (k: keyof RoundCost) => rounds.map((r) => r[k]);
    const detail = (k: keyof RoundCost) =>
      `median of ${ROUNDS} rounds of ${FLUSHES * PER_FLUSH} events: ${list(of(k), 3)} µs`;
    return [
      figure({
        name: 'recording CPU per span (server)',
        value: median(of('span')),
        unit: 'µs',
        target: atMost(1),
        limitedBy: 'two clock reads per span',
        why: 'the two clock reads (performance.now, ~65 ns each); record, transfer, merge and batch copy add ~60 ns',
        detail: detail('span'),
      }),
      figure({
        name: 'recording CPU per request stamps (server)',
        value: median(of('stamps')),
        unit: 'µs',
        target: atMost(1),
        limitedBy: 'two clock reads and a Map entry per request',
        why: 'two clock reads and a Map entry per request until the client side arrives',
        detail: detail('stamps'),
      }),
      figure({
        name: 'recording CPU per client record',
        value: median(of('client')),
        unit: 'µs',
        target: atMost(1),
        limitedBy: 'building and joining the record objects',
        why: 'building the record object on each side and the join by id (a Map); the packed transfer itself is a few ns',
        detail: detail('client'),
      }),
    ];
  },
};
