/**
 * Light or dark: the system's (prefers-color-scheme, followed as it changes while the app runs)
 * unless the theme toggle chose one, remembered in localStorage. The choice reaches CSS as
 * data-theme on <html> (base.css), and everything CSS cannot reach (the canvas palette, the
 * chart colours) through useColorTheme.
 *
 * localStorage belongs to the page's origin: the desktop app's is fixed, browser mode's
 * includes its port, so there a choice lasts as long as the port (fixed with --port).
 */
import { useSyncExternalStore } from 'react';
import type { ColorTheme } from '../../../shared/phase-colors.ts';

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

const STORAGE_KEY = 'interleave.theme';
const listeners = new Set<() => void>();

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function readStored(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return (THEME_PREFERENCES as readonly string[]).includes(stored ?? '') ? (stored as ThemePreference) : 'system';
  } catch {
    // Storage can be refused (a private window, a policy): the system's theme then.
    return 'system';
  }
}

let preference: ThemePreference = 'system';

function applyToDocument(): void {
  const root = document.documentElement;
  if (preference === 'system') delete root.dataset.theme;
  else root.dataset.theme = preference;
}

/** Reads the remembered choice and applies it to the page; call once, before the first render. */
export function applyStoredThemePreference(): void {
  preference = readStored();
  applyToDocument();
}

/** Choose system, light or dark: applied at once (CSS first, then the canvas and charts) and remembered. */
export function setThemePreference(next: ThemePreference): void {
  preference = next;
  try {
    if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; still applied for this page.
  }
  applyToDocument();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  const mq = query();
  listeners.add(listener);
  mq.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    mq.removeEventListener('change', listener);
  };
}

function currentColorTheme(): ColorTheme {
  if (preference !== 'system') return preference;
  return query().matches ? 'dark' : 'light';
}

/** The theme on screen (the choice, or the system's), re-rendering when either changes. */
export function useColorTheme(): ColorTheme {
  return useSyncExternalStore(subscribe, currentColorTheme);
}

/** The toggle's setting: system, light or dark. */
export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(subscribe, () => preference);
}
