/** A bridge call's result as React state: value, error message, and a way to call it again. */
import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  value: T | undefined;
  error: string | null;
  reload: () => void;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (v) => current && (setValue(v), setError(null)),
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { value, error, reload };
}

/** The readable message of anything thrown or rejected. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
