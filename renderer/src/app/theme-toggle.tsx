/** System, light or dark: three radio buttons drawn as one segmented control, in the header. */
import { memo } from 'react';
import {
  THEME_PREFERENCES,
  setThemePreference,
  useThemePreference,
  type ThemePreference,
} from '../theme/color-scheme.ts';

const LABELS: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export const ThemeToggle = memo(function ThemeToggle() {
  const preference = useThemePreference();
  return (
    <fieldset className="theme-toggle" data-testid="theme-toggle">
      <legend>Theme</legend>
      {THEME_PREFERENCES.map((p) => (
        <label key={p} className={preference === p ? 'selected' : undefined}>
          <input
            type="radio"
            name="theme"
            value={p}
            checked={preference === p}
            onChange={() => setThemePreference(p)}
          />
          {LABELS[p]}
        </label>
      ))}
    </fieldset>
  );
});
