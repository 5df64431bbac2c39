/** The engine's public face: run a scenario, get batches and a summary. Nothing here knows Electron. */
export {
  prepareThreads,
  startScenario,
  type EngineOptions,
  type RunOutcome,
  type RunningScenario,
} from './run-scenario.ts';
export { ThreadReserve, type ThreadCounts } from './threads/thread-reserve.ts';
