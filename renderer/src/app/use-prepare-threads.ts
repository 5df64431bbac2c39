/**
 * Asks the host to start ahead the threads the scenario on screen needs, once it has stayed the
 * same for a moment, so Run starts on threads already up: choosing a preset or letting go of a
 * slider is the time a person takes before pressing Run. Not while anything runs (the run needs
 * the cores), and only for runs on the model (real Django and URLs bring their own servers).
 */
import { useEffect } from 'react';
import type { BridgeClient } from '../../../shared/bridge.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import { PREPARE_AFTER_MS } from '../../../shared/limits.ts';

export function usePrepareThreads(bridge: BridgeClient, scenario: Scenario | null, idle: boolean, onModel: boolean) {
  useEffect(() => {
    if (!scenario || !idle || !onModel) return;
    const timer = setTimeout(() => {
      // A refusal here is the Run button's to say, with the same sentence.
      bridge.prepareRun(scenario).catch(() => {});
    }, PREPARE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [bridge, scenario, idle, onModel]);
}
