/**
 * "Target: built-in server / real Django / both / URL", at the top of the settings. Real Django
 * and both stay in place, disabled, with the host's sentence saying what to install, when no
 * Python can run Django; otherwise a small line says which versions a run will use. With two
 * Django versions found, a picker chooses between them. URL shows a method and a URL field, with
 * the problem of a bad URL beside it.
 */
import { memo } from 'react';
import { MAX_TARGET_URL_CHARS } from '../../../shared/limits.ts';
import { HTTP_METHODS, type HttpMethod } from '../../../shared/scenario.ts';
import {
  RUN_ON,
  RUN_ON_LABELS,
  urlFieldProblem,
  type RunOn,
  type RunOnAvailability,
  type RunOnChoice,
} from '../scenario/run-on.ts';

interface Props {
  choice: RunOnChoice;
  availability: RunOnAvailability;
  onChange: (choice: RunOnChoice) => void;
}

const HELP = {
  model:
    'The built-in server (the model): Node threads imitating Django, its servers and CPython, drawn thread by thread.',
  django:
    'Real Django: the scenario written out as a small Django project, served by uvicorn (async) or gunicorn (sync workers) on this machine.',
  both: 'The model, then real Django, back to back, then the two runs compared.',
  url: 'Your own server at a URL: the load settings apply; the server and view settings describe nothing. Hosts other than this machine ask first.',
} as const;

/** Real Django and both need a Python that can run Django; the model and a URL need nothing. */
const needsDjango = (option: RunOn) => option === 'django' || option === 'both';

function UrlFields({ choice, onChange }: { choice: RunOnChoice; onChange: (choice: RunOnChoice) => void }) {
  const problem = urlFieldProblem(choice.url);
  return (
    <>
      <div className="knob">
        <label htmlFor="target-method" title="The method every request of a URL run is sent with.">
          Method
        </label>
        <select
          id="target-method"
          value={choice.method}
          onChange={(e) => onChange({ ...choice, method: e.target.value as HttpMethod })}
        >
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="knob url-target">
        <label htmlFor="target-url" title="The URL every request of a URL run is sent to: http:// or https://.">
          URL
        </label>
        <input
          id="target-url"
          type="url"
          spellCheck={false}
          maxLength={MAX_TARGET_URL_CHARS + 1}
          value={choice.url}
          title={choice.url}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'target-url-problem' : undefined}
          onChange={(e) => onChange({ ...choice, url: e.target.value })}
        />
      </div>
      {problem && (
        <p className="knob-error" id="target-url-problem" data-testid="target-url-problem" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

export const RunOnPicker = memo(function RunOnPicker({ choice, availability, onChange }: Props) {
  const { djangoEnabled, pending, reason, versions, series } = availability;
  const runOn = djangoEnabled || !needsDjango(choice.runOn) ? choice.runOn : 'model';
  return (
    <>
      <div className="knob run-on" role="radiogroup" aria-labelledby="run-on-label" data-testid="run-on">
        <span id="run-on-label" title="Where Run sends this scenario's load.">
          Target
        </span>
        <span className="choices">
          {RUN_ON.map((option) => (
            <label
              key={option}
              className={`check ${needsDjango(option) && !djangoEnabled ? 'unavailable' : ''}`}
              title={needsDjango(option) && reason ? reason : HELP[option]}
            >
              <input
                type="radio"
                name="run-on"
                value={option}
                checked={runOn === option}
                disabled={needsDjango(option) && !djangoEnabled}
                onChange={() => onChange({ ...choice, runOn: option })}
              />{' '}
              {RUN_ON_LABELS[option]}
            </label>
          ))}
        </span>
      </div>
      {runOn === 'url' && <UrlFields choice={choice} onChange={onChange} />}
      {series.length > 1 && needsDjango(runOn) && (
        <div className="knob">
          <label htmlFor="run-on-django" title="Which Django a real-Django run uses, among those found.">
            Django
          </label>
          <select
            id="run-on-django"
            value={series.includes(choice.django) ? choice.django : 'newest'}
            onChange={(e) => onChange({ ...choice, django: e.target.value })}
          >
            <option value="newest">newest ({series[0]})</option>
            {series.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      )}
      {runOn === 'url' ? (
        <p className="run-on-note" data-testid="run-on-url-note">
          Your own server: the load settings apply; the server and view settings below describe nothing, and its threads
          are not visible without Interleave's Server-Timing middleware.
        </p>
      ) : (
        <p
          className={`run-on-note ${reason && !pending ? 'unavailable' : ''}`}
          data-testid={reason ? 'run-on-reason' : 'run-on-versions'}
        >
          {reason ?? `${runOn === 'model' ? 'Real Django available' : 'Real Django runs use'}: ${versions}`}
        </p>
      )}
    </>
  );
});
