/**
 * The analysis worker: a live run's summary and chart series, computed off the main thread.
 * All it does is in analysis-state.ts; this file only wires messages to it.
 */
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-protocol.ts';
import { AnalysisState } from './analysis-state.ts';

/** The part of a dedicated worker's global scope used here (the renderer compiles against DOM types). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToAnalysisWorker>) => void) | null;
  postMessage(msg: FromAnalysisWorker): void;
}

const scope = globalThis as unknown as WorkerScope;
const state = new AnalysisState();
scope.onmessage = (event) => {
  const result = state.handle(event.data);
  if (result) scope.postMessage(result);
};
