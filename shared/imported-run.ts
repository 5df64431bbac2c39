/**
 * Runs imported from another tool's file (k6's JSON output, a browser's HAR): how every view
 * names them and says what they can and cannot show.
 *
 * Such a run is stored like any other (a scenario, client lanes, one client span per request,
 * request records), so the numbers, charts, comparisons and reports work on it unchanged. Its
 * scenario's target says where it came from (`kind: 'imported'`); its server, views and load are
 * placeholders that nothing may run, and views that would describe them ask here instead.
 */
import { endpointName } from './url-target.ts';
import type { ImportFormat, Scenario, Target } from './scenario.ts';

/** The target of an imported run. */
export type ImportedTarget = Extract<Target, { kind: 'imported' }>;

/** The format's name as its users say it. */
export const IMPORT_FORMAT_NAMES: Record<ImportFormat, string> = { k6: 'k6', har: 'HAR' };

/**
 * What an imported run cannot show, in one sentence for the app, the reports and the command line.
 * The file holds what its client measured: each request's start, duration, status and its own
 * phases; nothing inside the server.
 */
export const IMPORTED_RUN_LIMITS =
  'An imported run shows what the client measured (each request’s start, latency, status and errors); ' +
  'it cannot show the server’s threads, its event loop or queues, nor a theoretical bound, because the file holds none of them.';

/** The imported target of a scenario, or null for a run made here. Old stored runs have no target. */
export function importedTarget(scenario: Pick<Scenario, 'target'> | null | undefined): ImportedTarget | null {
  const target = scenario?.target;
  return target?.kind === 'imported' ? target : null;
}

/** "imported from k6: results.json". */
export function importedFrom(target: ImportedTarget): string {
  return `imported from ${IMPORT_FORMAT_NAMES[target.format]}: ${target.file}`;
}

/**
 * The name to show for endpoint `index` of a run: its method and path for an imported run
 * ("GET /api/items"), else the scenario's endpoint name. Undefined for an index it does not have.
 */
export function endpointLabel(
  scenario: Pick<Scenario, 'target' | 'endpoints'> | null,
  index: number,
): string | undefined {
  if (!scenario) return undefined;
  const imported = importedTarget(scenario);
  // A URL run names the request of its mix ("GET http://…"); others their endpoint.
  return imported ? (imported.endpoints[index] ?? scenario.endpoints[index]?.name) : endpointName(scenario, index);
}
