/**
 * The sweep's part of the InterleaveApi, validated like every call, and the run calls a sweep
 * must guard: while a sweep goes its steps are the only runs, so `startRun` from anyone else is
 * refused with a sentence (the sweep itself starts its steps through the unguarded calls).
 */
import { z } from 'zod';
import type { InterleaveApi } from '../../../shared/bridge.ts';
import { sweepRequestSchema } from '../../../shared/sweep.ts';
import { parseOrExplain } from '../../../shared/validation.ts';
import type { SweepStore } from '../../store/sweep-store.ts';
import type { SweepService } from './sweep-service.ts';

const sweepId = z.number().int().positive();

/** The calls this file adds; createApi (api.ts) serves the rest. */
export type SweepMethods = 'startSweep' | 'stopSweep' | 'listSweeps' | 'loadSweep';

/** The whole API: the run calls (with startRun guarded) and the sweep calls. */
export function withSweeps(
  runApi: Omit<InterleaveApi, SweepMethods>,
  sweeps: SweepService,
  store: SweepStore,
): InterleaveApi {
  return {
    ...runApi,
    startRun: async (scenario, name) => {
      const active = sweeps.activeSweepId;
      if (active !== null) throw new Error(`sweep ${active} is running; stop it before starting a run`);
      return runApi.startRun(scenario, name);
    },
    startSweep: async (input) => sweeps.start(parseOrExplain(sweepRequestSchema, input, 'The sweep')),
    stopSweep: async (id) => sweeps.stop(parseOrExplain(sweepId, id, 'The sweep id')),
    listSweeps: async () => store.list(),
    loadSweep: async (id) => store.get(parseOrExplain(sweepId, id, 'The sweep id')),
  };
}
