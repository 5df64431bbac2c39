/**
 * A chart's panel: title and a body of fixed height, whichever chart is inside (the live canvas
 * or the still recharts SVG), so nothing reflows while data streams or when a run finishes. The
 * chart is mounted from the start, empty, with any "no data" message laid over it.
 */
import type { ReactNode } from 'react';

export const CHART_HEIGHT = 170;

interface Props {
  title: string;
  testId: string;
  empty: string | null;
  wide?: boolean;
  children: ReactNode;
}

export function ChartFrame({ title, testId, empty, wide, children }: Props) {
  return (
    <section className={`panel chart${wide ? ' wide' : ''}`} aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <div className="chart-body">
        {children}
        {empty && <div className="empty">{empty}</div>}
      </div>
    </section>
  );
}
