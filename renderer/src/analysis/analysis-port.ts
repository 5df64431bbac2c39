/**
 * The analysis worker as LiveAnalysis sees it: post a message, receive answers. The real one is
 * a module worker; where the page cannot start workers (or in tests) the same state answers
 * in-process, through the same protocol and on a later task, like a worker.
 */
import type { AnalysisPort, FromAnalysisWorker } from './analysis-protocol.ts';
import { AnalysisState } from './analysis-state.ts';

/** The analysis worker, or its state on this thread where workers are unavailable or failed. */
export function createAnalysisPort(inProcess = false): AnalysisPort {
  if (inProcess || typeof Worker === 'undefined') return inProcessPort();
  // Vite bundles the worker from this URL into its own script (same origin: CSP script-src 'self').
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
  const port: AnalysisPort = {
    onmessage: null,
    onfailure: null,
    postMessage: (msg, transfer) => worker.postMessage(msg, transfer),
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event: MessageEvent<FromAnalysisWorker>) => port.onmessage?.(event);
  worker.onerror = (event) => port.onfailure?.(event.message || 'the analysis worker failed to load');
  return port;
}

function inProcessPort(): AnalysisPort {
  const state = new AnalysisState();
  const port: AnalysisPort = {
    onmessage: null,
    onfailure: null,
    postMessage(msg) {
      const result = state.handle(msg);
      if (result) setTimeout(() => port.onmessage?.({ data: result }), 0);
    },
    terminate() {},
  };
  return port;
}
