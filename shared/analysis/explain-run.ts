/**
 * What the execution model did, in sentences: "The event loop was blocked for 3 s in all
 * (longest loop block 1.07 s); 9 requests waited behind it", "Requests spent 62% of their time
 * queued for a worker". Shown in the HTML report.
 *
 * A number the summary has (the longest loop block, threads used, errors, the send lag) is
 * written from the summary, with its label where it stands alone, so a sentence never disagrees
 * with the tile above it; the rest come from run-facts.ts, which holds only what the summary
 * does not.
 */
import type { RunDocument } from '../run.ts';
import type { RunSummary } from '../trace.ts';
import { formatMs, formatPercent, plural } from './format.ts';
import { formatMetric, metric, metricApplies, type MetricId } from './metrics.ts';
import { runFacts, type RunFacts } from './run-facts.ts';
import { connectionSentence } from './connection-story.ts';
import { computeSummary } from './summary.ts';
import { describeUrlTarget, urlTargetOf } from '../url-target.ts';
import { isSynchronousOnly, SYNCHRONOUS_ONLY_FIX } from '../synchronous-only.ts';

type Doc = Pick<RunDocument, 'scenario' | 'lanes' | 'spans' | 'requests' | 'loop' | 'info'>;

/** A metric as a sentence writes it: its label in lower case, then its value ("longest loop block 1.07 s"). */
function labelled(id: MetricId, summary: RunSummary): string {
  return `${metric(id).label.toLowerCase()} ${formatMetric(id, summary)}`;
}

/** Below this, a late loop timer is ordinary scheduling noise, not worth a sentence. */
const LATE_LOOP_WORTH_SAYING_MS = 20;

function loopSentence(doc: Doc, facts: RunFacts, summary: RunSummary): string {
  const held = facts.loopHeldMs ?? 0;
  if (held < 1) {
    const none = 'No request held the event loop for as much as a millisecond in all: every wait gave it back.';
    // The tile beside this reads the loop timer's worst lateness; when that is large without any
    // request holding the loop, say whose time it was, so the two never seem to disagree.
    if (!metricApplies('loopBlock', doc) || summary.maxLoopBlockMs < LATE_LOOP_WORTH_SAYING_MS) return none;
    return `${none} The loop timer still ran late by up to ${formatMs(summary.maxLoopBlockMs)} (the ${metric('loopBlock').label.toLowerCase()}): the server's own work or a busy machine, not a request's step.`;
  }
  const { server } = doc.scenario;
  const several = server.model === 'async-workers';
  const behind = several ? "behind their own process's loop" : 'behind it';
  const who = facts.waitedBehindLoop > 0 ? `; ${plural(facts.waitedBehindLoop, 'request')} waited ${behind}` : '';
  // The longest stall is the summary's metric (the loop timer's worst lateness), never a span's
  // length: back-to-back blocks stall the loop for their sum, and the tile says that sum.
  const longest = metricApplies('loopBlock', doc) ? ` (${labelled('loopBlock', summary)})` : '';
  if (several)
    return `The event loops of the ${server.workers} uvicorn processes were blocked for ${formatMs(held)} in all, summed over them${longest}${who}.`;
  return `The event loop was blocked for ${formatMs(held)} in all${longest}${who}.`;
}

function shareSentences(facts: RunFacts): string[] {
  const out: string[] = [];
  if (facts.shares.length) {
    const [first, ...rest] = facts.shares.map(
      (p, i) => `${formatPercent(p.share)}${i === 0 ? ' of their time' : ''} ${p.words}`,
    );
    const tail = rest.length
      ? `${rest.length > 1 ? ', ' + rest.slice(0, -1).join(', ') : ''} and ${rest[rest.length - 1]}`
      : '';
    out.push(`Requests spent ${first}${tail}.`);
  }
  if (facts.idleShare !== null && facts.idleShare >= 0.1)
    out.push(
      `For ${formatPercent(facts.idleShare)} of their time no step of theirs ran: they were waiting for the blocked loop to get to them.`,
    );
  return out;
}

function threadSentence(facts: RunFacts, summary: RunSummary): string | null {
  if (summary.threadsUsed === 0) return null;
  // The count is the summary's "threads used" (the loop counts even when it never blocked).
  const used = `${plural(summary.threadsUsed, 'thread')} served requests`;
  const peak = facts.busyAtOnce;
  if (peak === 0) return `${used}; none was ever held by a step: every wait gave its thread back.`;
  return `${used}; at most ${peak} ${peak === 1 ? 'was' : 'were'} busy at once.`;
}

function errorSentence(facts: RunFacts, summary: RunSummary): string | null {
  if (summary.errors === 0) return null;
  const list = facts.errorKinds.map(([k, n]) => `${k} (${n})`);
  const failed = `${formatMetric('errors', summary)} of ${plural(summary.requests, 'request')} failed: ${list.join(', ')}${facts.moreErrorKinds ? ', …' : ''}.`;
  const syncOnly = facts.errorKinds.some(([kind]) => isSynchronousOnly(kind));
  return syncOnly ? `${failed} An async view called the sync ORM. ${SYNCHRONOUS_ONLY_FIX}` : failed;
}

/** Plain sentences about what happened in the run. */
export function explainRun(doc: Doc): string[] {
  if (doc.requests.length === 0) return ['The run recorded no requests.'];
  const summary = computeSummary(doc);
  const facts = runFacts(doc);
  const out: string[] = [];
  const url = urlTargetOf(doc.scenario);
  if (url)
    out.push(
      `The load went to ${describeUrlTarget(url)}, your own server: each latency is what the client saw, from the request's intended send.`,
    );
  if (facts.loopHeldMs !== null) out.push(loopSentence(doc, facts, summary));
  out.push(...shareSentences(facts));
  const threads = threadSentence(facts, summary);
  if (threads) out.push(threads);
  const connections = connectionSentence(doc.scenario, facts, summary);
  if (connections) out.push(connections);
  if (metricApplies('sendLagP99', doc)) {
    const lag = labelled('sendLagP99', summary);
    out.push(
      summary.sendLagP99Ms < 1
        ? `The load generator kept its schedule (${lag}).`
        : `Sends left late (${lag}); latency counts from the intended send, so that wait is included.`,
    );
  }
  const errors = errorSentence(facts, summary);
  // When every request failed, that is the story: say it first.
  if (errors && summary.errors === summary.requests) out.splice(url ? 1 : 0, 0, errors);
  else if (errors) out.push(errors);
  if (doc.info.status === 'interrupted')
    out.push('The run was interrupted: these are the requests recorded before it stopped.');
  if (doc.info.status === 'stopped') out.push('The run was stopped early by hand.');
  return out;
}
