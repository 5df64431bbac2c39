/**
 * A chart's panel: title and a body of fixed height, whichever chart is inside (the live canvas
 * or the still recharts SVG), so nothing reflows while data streams or when a run finishes. The
 * chart is mounted from the start, empty, with any "no data" message laid over it.
 */
import { createContext, useRef, type ReactNode } from 'react';
import { useOneTabStop } from './one-tab-stop.ts';

export const CHART_HEIGHT = 170;

/** The frame's title, for the chart inside to name itself by (its one tab stop's label). */
export const ChartTitle = createContext('chart');

interface Props {
  title: string;
  testId: string;
  empty: string | null;
  wide?: boolean;
  children: ReactNode;
}

export function ChartFrame({ title, testId, empty, wide, children }: Props) {
  const body = useRef<HTMLDivElement>(null);
  useOneTabStop(body);
  return (
    <section className={`panel chart${wide ? ' wide' : ''}`} aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <div className="chart-body" ref={body}>
        <ChartTitle value={title}>{children}</ChartTitle>
        {empty && <div className="empty">{empty}</div>}
      </div>
    </section>
  );
}
