/**
 * "Start here", on a first screen with no run yet: one button that runs the contrast
 * (scenario/contrast.ts) and opens the comparison, so the first thing a new user sees is the
 * difference one word makes, drawn and explained.
 */
import { memo } from 'react';

interface Props {
  disabled: boolean;
  onRun: () => void;
}

export const FirstRun = memo(function FirstRun({ disabled, onRun }: Props) {
  return (
    <section className="panel first-run" aria-labelledby="first-run-heading" data-testid="first-run">
      <h2 id="first-run-heading">Start here</h2>
      <p>
        Two <code>async def</code> views, ten users each, under uvicorn. One waits with{' '}
        <code>await asyncio.sleep(0.1)</code>, the other with <code>time.sleep(0.1)</code>. One word apart in the code:
        see what it does to every request, side by side on one time axis.
      </p>
      <button type="button" className="btn primary" disabled={disabled} onClick={onRun} data-testid="run-contrast">
        Run the contrast
      </button>{' '}
      <span className="hint">two short runs on the model, about two seconds, then compared</span>
    </section>
  );
});
