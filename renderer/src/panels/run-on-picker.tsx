/**
 * "Run on: model / real Django / both", at the top of the settings. Real Django and both stay in
 * place, disabled, with the host's sentence saying what to install, when no Python can run
 * Django; otherwise a small line says which versions a run will use. With two Django versions
 * found, a picker chooses between them.
 */
import { memo } from 'react';
import { RUN_ON, RUN_ON_LABELS, type RunOnAvailability, type RunOnChoice } from '../scenario/run-on.ts';

interface Props {
  choice: RunOnChoice;
  availability: RunOnAvailability;
  onChange: (choice: RunOnChoice) => void;
}

const HELP = {
  model: 'The model: Node threads imitating Django, its servers and CPython, drawn thread by thread.',
  django:
    'Real Django: the scenario written out as a small Django project, served by uvicorn (async) or gunicorn (sync workers) on this machine.',
  both: 'The model, then real Django, back to back, then the two runs compared.',
} as const;

export const RunOnPicker = memo(function RunOnPicker({ choice, availability, onChange }: Props) {
  const { djangoEnabled, pending, reason, versions, series } = availability;
  const runOn = djangoEnabled ? choice.runOn : 'model';
  return (
    <>
      <div className="knob run-on" role="radiogroup" aria-labelledby="run-on-label" data-testid="run-on">
        <span id="run-on-label" title="Where Run runs this scenario.">
          Run on
        </span>
        <span className="choices">
          {RUN_ON.map((option) => (
            <label
              key={option}
              className={`check ${option !== 'model' && !djangoEnabled ? 'unavailable' : ''}`}
              title={option !== 'model' && reason ? reason : HELP[option]}
            >
              <input
                type="radio"
                name="run-on"
                value={option}
                checked={runOn === option}
                disabled={option !== 'model' && !djangoEnabled}
                onChange={() => onChange({ ...choice, runOn: option })}
              />{' '}
              {RUN_ON_LABELS[option]}
            </label>
          ))}
        </span>
      </div>
      {series.length > 1 && runOn !== 'model' && (
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
      <p
        className={`run-on-note ${reason && !pending ? 'unavailable' : ''}`}
        data-testid={reason ? 'run-on-reason' : 'run-on-versions'}
      >
        {reason ?? `${runOn === 'model' ? 'Real Django available' : 'Real Django runs use'}: ${versions}`}
      </p>
    </>
  );
});
