/**
 * The Electron shell's composition root: one `setupX()` per concern, no logic of its own. The
 * engine, the store and every rule live behind `openApp` (main/app/app.ts); everything decidable
 * without Electron lives in the pure modules beside this file, which are tested on their own.
 *
 * Order matters in two places: the `app://` scheme and the data folder are set before `ready`
 * (Electron reads both at start-up), and the window is created only after the app has opened,
 * so the first call the page makes finds the API in place.
 */
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import { BRIDGE_EVENTS } from '../../shared/bridge.ts';
import { dispatchCall } from '../../shared/bridge-server.ts';
import { openApp, type App } from '../app/app.ts';
import { WARM_THREADS_KEPT } from '../../shared/limits.ts';
import { readImportFile } from '../app/import-run.ts';
import { APP_FOLDER_NAME, DATA_DIR_ENV } from '../platform/data-dir.ts';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, respondToAppRequest } from './app-protocol.ts';
import { createEventOutbox, type EventOutbox } from './event-outbox.ts';
import { IPC_CHANNELS } from './ipc-channels.ts';
import { createMenuTemplate } from './menu-template.ts';
import { allowNavigation, allowPermission, decideWindowOpen } from './navigation-policy.ts';
import { isTrustedSender } from './sender-check.ts';
import { createWindowOptions } from './window-options.ts';

// This file is bundled to out/main/electron-main.js; the preload and the UI are built beside it.
const outMain = fileURLToPath(new URL('.', import.meta.url));
const staticDir = join(outMain, '..', 'renderer');
const preloadPath = join(outMain, 'preload.cjs');

let window: BrowserWindow | null = null;

function setupBeforeReady(): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  // The same folder the browser-mode host uses (see main/platform/data-dir.ts), whatever the
  // package's name is: both modes share one store.
  app.setPath('userData', process.env[DATA_DIR_ENV] || join(app.getPath('appData'), APP_FOLDER_NAME));
}

function setupSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowPermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (!allowNavigation(url)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      if (decision.openExternally) void shell.openExternal(decision.openExternally);
      return { action: decision.action };
    });
  });
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request.url, staticDir));
}

function setupEvents(interleave: App): EventOutbox {
  const outbox = createEventOutbox((name, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, name, payload);
  });
  for (const name of BRIDGE_EVENTS) interleave.on(name, (payload) => outbox.push(name, payload));
  return outbox;
}

function setupIpc(interleave: App, outbox: EventOutbox): void {
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: "Refused: the sender is not the app's own page" };
    }
    return dispatchCall(interleave.api, method, args);
  });
  ipcMain.on(IPC_CHANNELS.ready, (event) => {
    if (window && event.sender === window.webContents && isTrustedSender(event.senderFrame)) outbox.ready();
  });
}

async function importRun(interleave: App, outbox: EventOutbox): Promise<void> {
  if (!window) return;
  const choice = await dialog.showOpenDialog(window, {
    title: 'Import run',
    filters: [
      { name: 'Interleave run, k6 JSON output, HAR', extensions: ['json', 'har', 'ndjson', 'gz'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile'],
  });
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return;
  try {
    // Read from disk, streaming: a k6 file of any size, the same way as the command line.
    const { info } = interleave.storeImport(await readImportFile(file));
    outbox.push('menu', { command: 'show-run', runId: info.id });
  } catch (error) {
    outbox.push('notice', { level: 'error', text: `Could not import ${basename(file)}: ${(error as Error).message}` });
  }
}

function setupMenu(interleave: App, outbox: EventOutbox): void {
  const template = createMenuTemplate(process.platform, {
    importRun: () => void importRun(interleave, outbox),
    exportRun: () => outbox.push('menu', { command: 'export-run' }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(outbox: EventOutbox): BrowserWindow {
  const created = new BrowserWindow(createWindowOptions({ preloadPath, dark: nativeTheme.shouldUseDarkColors }));
  created.once('ready-to-show', () => created.show());
  // A reload or a crash loses the page's listeners: hold events until it says ready again.
  created.webContents.on('did-start-loading', () => outbox.reset());
  created.webContents.on('render-process-gone', () => outbox.reset());
  created.on('closed', () => {
    window = null;
  });
  void created.loadURL(APP_ENTRY_URL);
  return created;
}

function setupLifecycle(interleave: App): void {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Runs belong to the window: closing it quits, on every platform.
  app.on('window-all-closed', () => app.quit());
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    // Stops runs in flight (marked stopped) and closes the store before the process ends.
    closing ??= interleave
      .close()
      .catch((error: unknown) => console.error('Closing Interleave failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  setupSecurity();
  let interleave: App;
  try {
    interleave = await openApp({ dataDir: app.getPath('userData'), mode: 'electron', warmThreads: WARM_THREADS_KEPT });
  } catch (error) {
    dialog.showErrorBox('Interleave could not start', (error as Error).message);
    app.exit(1);
    return;
  }
  const outbox = setupEvents(interleave);
  setupIpc(interleave, outbox);
  setupMenu(interleave, outbox);
  setupLifecycle(interleave);
  window = createWindow(outbox);
}

setupBeforeReady();
if (app.requestSingleInstanceLock()) {
  void start();
} else {
  // Another Interleave is running (it gets 'second-instance' and comes to the front).
  app.quit();
}
