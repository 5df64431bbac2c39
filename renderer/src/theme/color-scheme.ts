/**
 * Light or dark, following the system (prefers-color-scheme) and its changes while the app
 * runs. CSS follows the same media query by itself; this is for what CSS cannot reach: the
 * canvas palette and the chart colours.
 */
import { useSyncExternalStore } from 'react';
import type { ColorTheme } from '../../../shared/phase-colors.ts';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function currentColorTheme(): ColorTheme {
  return query().matches ? 'dark' : 'light';
}

function onColorThemeChange(listener: () => void): () => void {
  const mq = query();
  mq.addEventListener('change', listener);
  return () => mq.removeEventListener('change', listener);
}

/** The system's colour theme, re-rendering when it changes. */
export function useColorTheme(): ColorTheme {
  return useSyncExternalStore(onColorThemeChange, currentColorTheme);
}
