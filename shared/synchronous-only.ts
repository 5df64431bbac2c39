/**
 * Django's answer to the sync ORM called from a running event loop (`async_unsafe` in
 * django/utils/asyncio.py): it raises before any query, and the view's request becomes a 500.
 * The model says it in Django's own words, as the real-Django probe reports the exception, so
 * both sides of a comparison name the same error.
 */
import type { Endpoint, LeafStep, Scenario, Step } from './scenario.ts';

/** The exception as the real-Django probe reports it: its type, then Django's message. */
export const SYNCHRONOUS_ONLY_ERROR =
  'SynchronousOnlyOperation: You cannot call this from an async context - use a thread or sync_to_async.';

/** The way out, in one sentence: the async ORM or sync_to_async, or the setting that lets it block. */
export const SYNCHRONOUS_ONLY_FIX =
  'Use `await Product.objects.aget()` (the async ORM) or `sync_to_async`; setting DJANGO_ALLOW_ASYNC_UNSAFE lets the query run on the event loop instead, blocking it.';

/** Did this error reason come from calling the sync ORM in an async view (real Django's starts "HTTP 500: ")? */
export function isSynchronousOnly(reason: string | null | undefined): boolean {
  return reason?.includes('SynchronousOnlyOperation') ?? false;
}

/**
 * Does this step of an `async def` view call the sync ORM itself (a `db` step not offloaded, or
 * one among a gather's children)? Unless DJANGO_ALLOW_ASYNC_UNSAFE is set, that call raises and
 * the view ends there.
 */
export function callsSyncOrm(step: Step | LeafStep): boolean {
  return step.kind === 'db' || (step.kind === 'gather' && step.steps.some((c) => c.kind === 'db'));
}

/** Endpoints whose async view raises SynchronousOnlyOperation on this server (none when it is allowed). */
export function syncOrmInAsyncViews(scenario: Pick<Scenario, 'server' | 'endpoints'>): Endpoint[] {
  if (scenario.server.allowAsyncUnsafe) return [];
  return scenario.endpoints.filter((e) => e.view === 'async' && e.steps.some(callsSyncOrm));
}
