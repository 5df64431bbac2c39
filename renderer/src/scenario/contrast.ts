/**
 * The first run a new user is offered: the seed question of the whole app, as two runs compared
 * on one time axis. Both are async views under uvicorn with ten users; one awaits
 * `asyncio.sleep(0.1)`, the other calls `time.sleep(0.1)`. One word apart in the code; ten
 * requests side by side against a one-second staircase on screen.
 */
import type { Preset } from '../../../shared/presets.ts';
import { withDefaults } from './knobs.ts';
import type { PlannedRun } from './run-on.ts';

export const CONTRAST_PRESETS = ['async-await', 'async-time-sleep'] as const;

/** The two runs, on the model, in order (the await first: the baseline); null until presets load. */
export function contrastPlan(presets: readonly Preset[] | undefined): PlannedRun[] | null {
  const picked = CONTRAST_PRESETS.map((id) => presets?.find((p) => p.id === id));
  if (picked.some((p) => p === undefined)) return null;
  return picked.map((p) => ({
    scenario: { ...withDefaults(p!.scenario), target: { kind: 'model' } },
    name: undefined,
  }));
}
