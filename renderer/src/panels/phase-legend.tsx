/**
 * The phase legend, in the timeline's colours, with the lanes view's caveat for waits that free
 * the thread. The requests view adds the client's phases (the strip under each request; runs
 * recorded before they were measured show "client: sent → received" there instead) and the
 * Server-Timing bars.
 */
import {
  CLIENT_PHASE_COLORS,
  SERVER_TIMING_COLORS,
  phaseColor,
  type ColorTheme,
} from '../../../shared/phase-colors.ts';
import { CLIENT_PHASES } from '../../../shared/client-phases.ts';
import { PHASES } from '../../../shared/trace.ts';

export function PhaseLegend({ theme, mode }: { theme: ColorTheme; mode: 'lanes' | 'requests' }) {
  const shown = PHASES.filter((p) => mode === 'requests' || p.holds);
  const [st0, st1] = SERVER_TIMING_COLORS;
  return (
    <ul className="legend" aria-label="Phase colours" data-testid="legend">
      {shown.map((p) => (
        <li key={p.id}>
          <span className="swatch" style={{ background: phaseColor(p.code, theme) }} />
          {p.label}
        </li>
      ))}
      {mode === 'requests' &&
        CLIENT_PHASES.map((p) => (
          <li key={p.id}>
            <span className="swatch" style={{ background: CLIENT_PHASE_COLORS[p.id][theme] }} />
            {p.label}
          </li>
        ))}
      {mode === 'requests' && (
        <li>
          <span
            className="swatch"
            style={{ background: `linear-gradient(90deg, ${st0[theme]} 50%, ${st1[theme]} 50%)` }}
          />
          Server-Timing metrics (end to end from the server&apos;s start)
        </li>
      )}
      {mode === 'lanes' && <li>· waits that free the thread show on the requests view</li>}
    </ul>
  );
}
