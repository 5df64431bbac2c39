/** A chart's panel: title, a body of fixed height (no reflow while data streams), and an empty state. */
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
      {empty ? <div className="empty">{empty}</div> : <div className="chart-body">{children}</div>}
    </section>
  );
}
