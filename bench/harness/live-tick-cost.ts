/**
 * What one panel-clock tick of a live run costs the renderer's main thread, and what the analysis
 * worker spends answering it, at a run size the Chromium bench does not stream (100,000 requests:
 * a 60 s run at ~1,700 req/s). Measured in this process on the renderer's own classes: the store
 * ingests a stored run's records, copied end to end until there are enough, and every tick adds a
 * quarter second's worth more.
 *
 * Main thread: the panels' snapshot and LiveAnalysis.tick (the new records packed and posted; the
 * port here drops them, and its question stays unanswered, as when the worker is busy). Worker:
 * AnalysisState computing the summary and the five series from every record, which is what the
 * main thread itself did on each tick before the worker.
 */
import { AnalysisState } from '../../renderer/src/analysis/analysis-state.ts';
import type { AnalysisPort } from '../../renderer/src/analysis/analysis-protocol.ts';
import { LiveAnalysis } from '../../renderer/src/analysis/live-analysis.ts';
import { packRecords } from '../../renderer/src/analysis/packed-records.ts';
import { PanelClock } from '../../renderer/src/state/panel-clock.ts';
import { TraceStore } from '../../renderer/src/state/trace-store.ts';
import type { RunDocument } from '../../shared/run.ts';
import type { RequestRecord } from '../../shared/trace.ts';
import { median } from '../stats.ts';

export interface LiveTickCost {
  requests: number;
  perTick: number;
  mainMs: number;
  summaryMs: number;
  seriesMs: number;
}

/** `n` requests: `doc`'s, repeated with ids and times shifted so each copy follows the last. */
function scaledRequests(doc: RunDocument, n: number): RequestRecord[] {
  const src = doc.requests;
  const span = Math.max(...src.map((r) => r.received ?? r.sent)) + 1;
  const out: RequestRecord[] = [];
  for (let copy = 0; out.length < n; copy++) {
    const dt = copy * span;
    const shift = (t: number | null) => (t === null ? null : t + dt);
    for (const r of src) {
      if (out.length === n) break;
      out.push({
        ...r,
        id: out.length,
        intended: r.intended + dt,
        sent: r.sent + dt,
        accepted: shift(r.accepted),
        responded: shift(r.responded),
        received: shift(r.received),
      });
    }
  }
  return out;
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export function liveTickCost(doc: RunDocument, requests = 100_000, perTick = 750, ticks = 20): LiveTickCost {
  const all = scaledRequests(doc, requests + perTick * ticks);
  const store = new TraceStore();
  const clock = new PanelClock(store, 1e9, () => 0);
  const dropped: AnalysisPort = { onmessage: null, onfailure: null, postMessage() {}, terminate() {} };
  const analysis = new LiveAnalysis(store, clock, () => dropped);
  store.beginLive(doc.info.id, doc.info, null);
  store.ingest({ lanes: doc.lanes, spans: [], requests: all.slice(0, requests), loop: [] });
  analysis.tick();
  const main: number[] = [];
  for (let i = 0; i < ticks; i++) {
    const from = requests + i * perTick;
    store.ingest({ lanes: [], spans: [], requests: all.slice(from, from + perTick), loop: [] });
    main.push(time(() => (store.snapshot(), analysis.tick())));
  }
  analysis.dispose();
  clock.dispose();

  const state = new AnalysisState();
  state.handle({ type: 'append', runId: 1, records: packRecords(all.slice(0, requests), doc.loop) });
  const summary: number[] = [];
  const series: number[] = [];
  for (let i = 0; i < 5; i++) {
    summary.push(time(() => state.handle({ type: 'compute', runId: 1, summary: true, series: false })));
    series.push(time(() => state.handle({ type: 'compute', runId: 1, summary: false, series: true })));
  }
  return { requests, perTick, mainMs: median(main), summaryMs: median(summary), seriesMs: median(series) };
}
