/**
 * "What happened", beside the timeline: the finished run in sentences (the same ones the HTML
 * report prints, computed by the host from the stored run) and, when its numbers missed "What to
 * expect" by more than a fifth, how and why. Shown once a run is finished or opened; a live run's
 * story is not known yet, so the panel is absent rather than empty.
 */
import { InlineCode } from './inline-code.tsx';
import { memo, useEffect, useState } from 'react';
import type { RunStory } from '../../../shared/analysis/run-story.ts';
import type { BridgeClient } from '../../../shared/bridge.ts';
import type { RunSnapshot } from '../state/trace-store.ts';

interface Props {
  bridge: Pick<BridgeClient, 'explainRun'>;
  snapshot: RunSnapshot;
}

/** The story of the run on screen, fetched when a stored run is on screen and not live. */
function useStory(bridge: Props['bridge'], runId: number | null, still: boolean): RunStory | null {
  const [story, setStory] = useState<RunStory | null>(null);
  useEffect(() => {
    if (runId === null || !still) return;
    let current = true;
    bridge.explainRun(runId).then(
      (s) => current && setStory(s),
      () => current && setStory(null),
    );
    return () => {
      current = false;
    };
  }, [bridge, runId, still]);
  return story !== null && story.runId === runId && still ? story : null;
}

export const StoryPanel = memo(function StoryPanel({ bridge, snapshot }: Props) {
  const still = !snapshot.live && snapshot.status !== 'idle' && snapshot.status !== 'running';
  const story = useStory(bridge, snapshot.runId, still);
  if (!story) return null;
  return (
    <section className="panel story-panel" aria-label="What happened" data-testid="story">
      <h2>What happened</h2>
      <ul>
        {story.happened.map((s) => (
          <li key={s}>
            <InlineCode text={s} />
          </li>
        ))}
      </ul>
      {story.againstExpectation.length > 0 && (
        <>
          <h3>Against What to expect</h3>
          <ul data-testid="story-expectation">
            {story.againstExpectation.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
});
