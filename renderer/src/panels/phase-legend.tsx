/** The phase legend, in the timeline's colours, with the lanes view's caveat for waits that free the thread. */
import { phaseColor, type ColorTheme } from '../../../shared/phase-colors.ts';
import { PHASES } from '../../../shared/trace.ts';

export function PhaseLegend({ theme, mode }: { theme: ColorTheme; mode: 'lanes' | 'requests' }) {
  const shown = PHASES.filter((p) => mode === 'requests' || p.holds);
  return (
    <ul className="legend" aria-label="Phase colours" data-testid="legend">
      {shown.map((p) => (
        <li key={p.id}>
          <span className="swatch" style={{ background: phaseColor(p.code, theme) }} />
          {p.label}
        </li>
      ))}
      {mode === 'lanes' && <li>· waits that free the thread show on the requests view</li>}
    </ul>
  );
}
