/**
 * The `interleave-…` Server-Timing metrics: how a server running Interleave's probe (the real
 * Django runner's generated project, or a user's own Django with the probe's middleware) says,
 * per response, which process and thread ran each step of the request, and when.
 *
 *   interleave-served;desc="<req> <acceptedMs> <respondedMs> <pid> <tid> <main> <thread name>"
 *   interleave-span;dur=<ms>;desc="<phase> <startMs> <pid> <tid> <main> <thread name>"
 *   interleave-loop;desc="<tMs>:<delayMs> <tMs>:<delayMs> …"
 *   interleave-error;desc="<ExceptionType>: <message>"   (when the view raised; Django's page says only "500")
 *   interleave-interface;desc="asgi"                        (or "wsgi": which wrapper served it)
 *
 * Times are the server's monotonic clock in milliseconds (the real-Django runner measures its
 * offset from ours at start-up; a URL run reads it off the requests themselves, see
 * clock-from-requests.ts); `phase` is one of PHASES' ids; `main` is 1 for the process's main
 * thread (uvicorn's event loop, a gunicorn sync worker) and 0 for others (executor threads).
 * Malformed metrics are skipped one by one, never the whole response.
 */
import { PHASES, type PhaseCode } from './trace.ts';
import type { ServerTimingMetric } from './server-timing.ts';

/** An OS thread of a server process. */
export interface ProbeThread {
  pid: number;
  tid: number;
  /** The process's main thread: uvicorn's event loop, or a gunicorn worker's only thread. */
  main: boolean;
  name: string;
}

export interface ProbeSpan {
  phase: PhaseCode;
  startMs: number;
  endMs: number;
  thread: ProbeThread;
}

/** What one response's probe metrics said; times on the server's clock, in ms. */
export interface ProbeTiming {
  served: { req: number; acceptedMs: number; respondedMs: number; thread: ProbeThread } | null;
  spans: ProbeSpan[];
  loop: { tMs: number; delayMs: number }[];
  /** The exception the view raised, when it did. */
  error: string | null;
  /** Which of the probe's wrappers served it; null from a probe too old to say. */
  interface: ProbeInterface | null;
}

/** ASGI: the main thread runs the event loop. WSGI: every thread that serves is a worker. */
export type ProbeInterface = 'asgi' | 'wsgi';

const PHASE_BY_ID = new Map<string, PhaseCode>(PHASES.map((p) => [p.id, p.code]));

/** `<pid> <tid> <main> <name…>` from `words[at…]`; null when malformed. */
function threadFrom(words: string[], at: number): ProbeThread | null {
  const pid = Number(words[at]);
  const tid = Number(words[at + 1]);
  const main = words[at + 2];
  if (!Number.isSafeInteger(pid) || !Number.isSafeInteger(tid) || (main !== '0' && main !== '1')) return null;
  return { pid, tid, main: main === '1', name: words.slice(at + 3).join(' ') || `thread ${tid}` };
}

const finite = (...xs: number[]) => xs.every(Number.isFinite);

/** Reads the probe's metrics out of a parsed Server-Timing header; other metrics are ignored. */
export function readProbeTiming(metrics: readonly ServerTimingMetric[]): ProbeTiming {
  const out: ProbeTiming = { served: null, spans: [], loop: [], error: null, interface: null };
  for (const m of metrics) {
    const words = (m.desc ?? '').trim().split(/\s+/);
    if (m.name === 'interleave-span') {
      const phase = PHASE_BY_ID.get(words[0]);
      const startMs = Number(words[1]);
      const thread = threadFrom(words, 2);
      if (phase === undefined || thread === null || m.dur === null || !finite(startMs) || m.dur < 0) continue;
      out.spans.push({ phase, startMs, endMs: startMs + m.dur, thread });
    } else if (m.name === 'interleave-served') {
      const [req, acceptedMs, respondedMs] = words.slice(0, 3).map(Number);
      const thread = threadFrom(words, 3);
      if (thread === null || !Number.isSafeInteger(req) || !finite(acceptedMs, respondedMs)) continue;
      out.served = { req, acceptedMs, respondedMs, thread };
    } else if (m.name === 'interleave-error' && m.desc) {
      out.error ??= m.desc;
    } else if (m.name === 'interleave-interface' && (m.desc === 'asgi' || m.desc === 'wsgi')) {
      out.interface = m.desc;
    } else if (m.name === 'interleave-loop') {
      for (const pair of words) {
        const [tMs, delayMs] = pair.split(':').map(Number);
        if (finite(tMs, delayMs)) out.loop.push({ tMs, delayMs });
      }
    }
  }
  return out;
}
