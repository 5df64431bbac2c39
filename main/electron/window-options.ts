/**
 * The main window's options, as a pure function so the security-relevant ones are tested without
 * Electron. Each webPreference below is Electron's safe default today, written out anyway: a
 * default can change between versions, and an explicit `false` is what a reviewer looks for.
 */

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/main/preload.cjs). */
  preloadPath: string;
  /** From `nativeTheme.shouldUseDarkColors`: paints the empty window the theme's colour, no flash. */
  dark: boolean;
}

export function createWindowOptions({ preloadPath, dark }: WindowOptionsInput) {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Interleave',
    // Shown on 'ready-to-show', so the first thing seen is the app, not a blank frame.
    show: false,
    backgroundColor: dark ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      // The page's JavaScript and the preload's run in separate worlds; only contextBridge crosses.
      contextIsolation: true,
      // The renderer process is sandboxed; the preload gets only the small sandboxed API.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Dropping a file on the window must not navigate to it (a file: page with the bridge).
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  } as const;
}
