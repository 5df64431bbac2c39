/**
 * "What to expect": the theoretical bound of the settings on screen, recomputed at every slider
 * move, so a change says what it will do before anything runs.
 */
import { memo } from 'react';
import type { Bound } from '../../../shared/bounds.ts';
import { BOTTLENECK_WORDS } from '../../../shared/bounds/bottleneck-words.ts';
import { formatMs, formatPercent, formatRps } from '../../../shared/analysis/format.ts';
import { InlineCode } from './inline-code.tsx';

/** `note`: said instead of the bound when there is none to give (a URL run's server is not the model). */
export const BoundPanel = memo(function BoundPanel({
  bound,
  note = null,
}: {
  bound: Bound | null;
  note?: string | null;
}) {
  return (
    <section className="panel bound" aria-labelledby="bound-heading" data-testid="bound">
      <h2 id="bound-heading">What to expect</h2>
      {bound ? (
        <>
          {/* Requests that end at once (every view raises before it does anything) have no figures to expect. */}
          {(bound.minLatencyMs > 0 || bound.maxThroughputRps !== null) && (
            <dl>
              <dt>one request alone</dt>
              <dd data-testid="bound-min-latency">{formatMs(bound.minLatencyMs)}</dd>
              <dt>most throughput</dt>
              <dd data-testid="bound-max-throughput">
                {bound.maxThroughputRps === null ? 'unbounded' : formatRps(bound.maxThroughputRps)}
                {bound.limitingResource ? `, set by ${BOTTLENECK_WORDS[bound.limitingResource]}` : ''}
              </dd>
              <dt>this load</dt>
              <dd>
                {formatRps(bound.expected.throughputRps)}, mean {formatMs(bound.expected.latencyMs)}, p95{' '}
                {formatMs(bound.expected.p95LatencyMs)}
              </dd>
              <dt>{bound.expectedMakespanMs === null ? 'utilisation' : 'run takes'}</dt>
              <dd>
                {bound.expectedMakespanMs === null
                  ? formatPercent(bound.expected.utilisation)
                  : `about ${formatMs(bound.expectedMakespanMs)}`}
              </dd>
              <dt>bottleneck</dt>
              <dd data-testid="bound-bottleneck">{BOTTLENECK_WORDS[bound.bottleneck]}</dd>
              <dt>CPU cores</dt>
              <dd data-testid="bound-cores">{bound.cores}</dd>
            </dl>
          )}
          <p>
            <InlineCode text={bound.explanation} />
          </p>
        </>
      ) : (
        <p data-testid="bound-note">{note ?? 'Fix the settings above to see what they allow.'}</p>
      )}
    </section>
  );
});
