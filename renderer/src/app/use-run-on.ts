/**
 * "Run on" as React state: asks the host once for the Django environment (the host looks for
 * Python on that first call), keeps the person's choice, and says what the control can offer.
 * The choice outlives preset changes; it falls back to the model while real Django cannot run.
 */
import { useMemo, useState } from 'react';
import type { BridgeClient } from '../../../shared/bridge.ts';
import {
  DEFAULT_RUN_ON,
  effectiveChoice,
  runOnAvailability,
  type RunOnAvailability,
  type RunOnChoice,
} from '../scenario/run-on.ts';
import { useAsync } from './use-async.ts';

export interface RunOnState {
  /** What was picked. */
  choice: RunOnChoice;
  setChoice: (choice: RunOnChoice) => void;
  availability: RunOnAvailability;
  /** The choice in force (the model while real Django cannot run). */
  effective: RunOnChoice;
}

export function useRunOn(bridge: BridgeClient): RunOnState {
  const environment = useAsync(() => bridge.djangoEnvironment(), [bridge]);
  const [choice, setChoice] = useState<RunOnChoice>(DEFAULT_RUN_ON);
  const availability = useMemo(
    () => runOnAvailability(environment.value, environment.error, choice.django),
    [environment.value, environment.error, choice.django],
  );
  const effective = useMemo(() => effectiveChoice(choice, availability), [choice, availability]);
  return { choice, setChoice, availability, effective };
}
