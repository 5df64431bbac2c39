/**
 * A value shown `delayMs` after it changes (immediately when the delay is 0). While a run
 * streams, each chart takes its new data at a different offset within the chart clock's period,
 * so the five recharts updates land in five separate tasks instead of one long one.
 */
import { useEffect, useState } from 'react';

export function useLagged<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (delayMs <= 0) return;
    const timer = setTimeout(() => setShown(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return delayMs <= 0 ? value : shown;
}
