/**
 * The run's database connections in a sentence: how many Django opened for how many requests,
 * why (where the threads that held them lived), and how many the database refused.
 */
import { whyConnections } from '../db-connections.ts';
import type { Scenario } from '../scenario.ts';
import type { RunSummary } from '../trace.ts';
import { plural } from './format.ts';
import type { RunFacts } from './run-facts.ts';

export function connectionSentence(scenario: Scenario, facts: RunFacts, summary: RunSummary): string | null {
  if (facts.connectionsOpened === 0) return null;
  const opened = `Django opened ${plural(facts.connectionsOpened, 'database connection')} for ${plural(summary.requests, 'request')}: ${whyConnections(scenario.server)}.`;
  const refused = facts.connectionsRefused;
  const limit = scenario.server.dbMaxConnections;
  if (refused === 0 || limit === undefined) return opened;
  return `${opened} The database refused ${plural(refused, 'connection')} beyond its limit of ${limit.toLocaleString('en-US')} (max_connections): those requests failed.`;
}
