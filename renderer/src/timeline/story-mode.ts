/**
 * The view a run opens in: the one that shows its story. A view whose every step awaits holds
 * no thread (the loop is free while it waits), so the lanes view would be empty by design; its
 * story is in the waterfall (requests overlapping). Anything that holds a thread (time.sleep,
 * CPU, the sync ORM, a sync view, an offload) shows on the lanes. A run against your own server
 * (a URL) or imported from another tool's file has no server threads of ours: its requests.
 */
import type { Scenario } from '../../../shared/scenario.ts';
import { walkSteps } from '../scenario/knobs.ts';

/** The timeline's two views (timeline-controller.ts's TimelineMode, named here to stay DOM-free). */
export function storyMode(scenario: Scenario | null): 'lanes' | 'requests' {
  const target = scenario?.target?.kind;
  if (target === 'url' || target === 'imported') return 'requests';
  if (!scenario || scenario.server.model !== 'async') return 'lanes';
  const awaitsOnly = scenario.endpoints.every(
    (e) =>
      e.view === 'async' &&
      [...walkSteps(e.steps)].every(
        ({ step }) =>
          step.kind === 'await' || step.kind === 'gather' || (step.kind === 'upstream' && step.blocking !== true),
      ),
  );
  return awaitsOnly ? 'requests' : 'lanes';
}
