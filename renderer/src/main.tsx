/** Entry point: connect the bridge, start the session, render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge/index.ts';
import { App } from './app/app.tsx';
import { RunSession } from './app/run-session.ts';
import { applyStoredThemePreference } from './theme/color-scheme.ts';
import './theme/base.css';
import './theme/settings.css';
import './theme/run.css';

applyStoredThemePreference();
const session = new RunSession(getBridge());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
