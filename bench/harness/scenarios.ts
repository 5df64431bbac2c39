/** The scenarios the benchmarks run: small, on loopback, and named for what they isolate. */
import {
  scenarioSchema,
  type LoadConfig,
  type Scenario,
  type ScenarioInput,
  type Step,
} from '../../shared/scenario.ts';
import { TRIVIAL_ENDPOINT } from './bare-server.ts';

type LoadInput = ScenarioInput['load'];

/** A closed load: `users` virtual users, no think time, for `seconds` or `requests`. */
export function closedLoad(users: number, end: { seconds: number } | { requests: number }): LoadInput {
  return {
    model: 'closed',
    concurrency: users,
    end: 'seconds' in end ? { kind: 'duration', seconds: end.seconds } : { kind: 'requests', count: end.requests },
  };
}

/**
 * The trivial endpoint: an `async def` view that returns at once. The engine still does all it
 * does for any request (reads the request's id, stamps accepted and responded, samples loop
 * delay, batches the records to the recorder), which is what "recording on" costs. Django's own
 * Python is not charged: these figures are the engine's.
 */
export function trivialScenario(load: LoadInput, steps: Step[] = []): Scenario {
  return scenarioSchema.parse({
    name: 'bench: trivial endpoint',
    server: { model: 'async', frameworkPython: false },
    endpoints: [{ name: TRIVIAL_ENDPOINT, view: 'async', steps }],
    load,
  });
}

export function parseLoad(load: LoadInput): LoadConfig {
  return trivialScenario(load).load;
}
