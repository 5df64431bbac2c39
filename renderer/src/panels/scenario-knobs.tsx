/**
 * The slider panel: server model, threads, the view's waits and CPU, and the load. Knobs that
 * do not apply to the current model stay in place, disabled, with the reason on hover, so the
 * panel never reflows while someone is dragging.
 */
import { memo } from 'react';
import type { Scenario } from '../../../shared/scenario.ts';
import { KNOB_LIMITS, type KnobName } from '../scenario/knob-limits.ts';
import { blockingShareApplies, hasWaits, type Knobs } from '../scenario/knobs.ts';
import type { RunOnAvailability, RunOnChoice } from '../scenario/run-on.ts';
import type { TypedText } from '../scenario/typed-knobs.ts';
import { KnobSlider } from './knob-slider.tsx';
import { RunOnPicker } from './run-on-picker.tsx';
import { ServerKnobs } from './server-knobs.tsx';
import { DatabaseKnobs } from './database-knobs.tsx';

interface Props {
  base: Scenario;
  knobs: Knobs;
  onChange: (next: Knobs) => void;
  /** What the number boxes hold, as typed. */
  typed: TypedText;
  onType: (name: KnobName, text: string) => void;
  problemsByKnob: Partial<Record<KnobName, readonly string[]>>;
  runOn: RunOnChoice;
  runOnAvailability: RunOnAvailability;
  onRunOnChange: (next: RunOnChoice) => void;
  disabled: boolean;
}

const HELP = {
  latency:
    'The longest wait of the view (await, sleep, db round trip, upstream call). Every wait is scaled by the same factor, so their proportions stay.',
  blocking:
    'How much of each wait in an async view holds its thread (time.sleep, requests.get) instead of freeing it (await). 30% turns await 100 ms into block 30 ms + await 70 ms. An upstream call, or a wait inside asyncio.gather, is one or the other: it counts as blocking from 50%. Offloaded steps (sync_to_async) are left alone.',
  cpu: 'CPU time per request (serialising, templating) on the heaviest endpoint; it needs the interpreter lock. Adds a cpu step if the view had none.',
  yourServer: 'A URL run sends its load to your own server: the server and view settings describe nothing there.',
} as const;

export const ScenarioKnobs = memo(function ScenarioKnobs({
  base,
  knobs,
  onChange,
  typed,
  onType,
  problemsByKnob,
  runOn,
  runOnAvailability,
  onRunOnChange,
  disabled,
}: Props) {
  const set = <K extends keyof Knobs>(key: K, value: Knobs[K]) => onChange({ ...knobs, [key]: value });
  // What every number box shares: its text as typed, its messages, where typing goes.
  const box = (name: KnobName) => ({
    limit: KNOB_LIMITS[name],
    typed: typed[name],
    problems: problemsByKnob[name],
    onType: (text: string) => onType(name, text),
  });
  // A URL run's server is yours: these settings describe nothing, only the load applies.
  const yourServer = runOn.runOn === 'url';
  const notYours = yourServer ? HELP.yourServer : undefined;
  return (
    <section className="panel knobs" aria-labelledby="knobs-heading">
      <h2 id="knobs-heading">Settings</h2>
      <fieldset className="knob-group" disabled={disabled}>
        <RunOnPicker choice={runOn} availability={runOnAvailability} onChange={onRunOnChange} />
      </fieldset>
      <fieldset className="knob-group" disabled={disabled || yourServer} title={notYours}>
        <ServerKnobs base={base} knobs={knobs} onChange={onChange} box={box} />
      </fieldset>
      <fieldset className="knob-group" disabled={disabled || yourServer} title={notYours}>
        <DatabaseKnobs base={base} knobs={knobs} onChange={onChange} box={box} />
      </fieldset>

      <fieldset className="knob-group" disabled={disabled || yourServer} title={notYours}>
        <KnobSlider
          testId="knob-latency"
          label="Latency"
          help={HELP.latency}
          {...box('latencyMs')}
          value={knobs.latencyMs}
          onChange={(v) => set('latencyMs', v)}
          disabled={!hasWaits(base)}
        />
        <KnobSlider
          testId="knob-blocking"
          label="Blocking share"
          help={HELP.blocking}
          {...box('blockingPercent')}
          value={knobs.blockingShare}
          displayFactor={100}
          onChange={(v) => set('blockingShare', v)}
          disabled={!blockingShareApplies(base)}
        />
        <KnobSlider
          testId="knob-cpu"
          label="CPU / request"
          help={HELP.cpu}
          {...box('cpuMs')}
          value={knobs.cpuMs}
          onChange={(v) => set('cpuMs', v)}
        />
      </fieldset>

      <fieldset className="knob-group" disabled={disabled}>
        <div className="knob">
          <label
            htmlFor="knob-load"
            title="Closed: C users, each waits for its response. Open: requests arrive at a rate whatever happens."
          >
            Load
          </label>
          <select
            id="knob-load"
            value={knobs.loadModel}
            onChange={(e) => set('loadModel', e.target.value as Knobs['loadModel'])}
          >
            <option value="closed">closed: users</option>
            <option value="open">open: arrival rate</option>
          </select>
        </div>
        {knobs.loadModel === 'closed' ? (
          <KnobSlider
            testId="knob-concurrency"
            label="Concurrency"
            {...box('concurrency')}
            value={knobs.concurrency}
            onChange={(v) => set('concurrency', v)}
          />
        ) : (
          <KnobSlider
            testId="knob-rate"
            label="Arrival rate"
            {...box('rateRps')}
            value={knobs.rateRps}
            onChange={(v) => set('rateRps', v)}
          />
        )}
        <div className="knob">
          <label htmlFor="knob-end">Run ends</label>
          <select
            id="knob-end"
            value={knobs.endKind}
            onChange={(e) => set('endKind', e.target.value as Knobs['endKind'])}
          >
            <option value="requests">after N requests</option>
            <option value="duration">after a duration</option>
          </select>
        </div>
        {knobs.endKind === 'requests' ? (
          <KnobSlider
            testId="knob-requests"
            label="Requests"
            {...box('requestCount')}
            value={knobs.requestCount}
            onChange={(v) => set('requestCount', v)}
          />
        ) : (
          <KnobSlider
            testId="knob-duration"
            label="Duration"
            {...box('durationSeconds')}
            value={knobs.durationSeconds}
            onChange={(v) => set('durationSeconds', v)}
          />
        )}
      </fieldset>
    </section>
  );
});
