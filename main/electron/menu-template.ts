/**
 * The application menu: the platform's standard roles (so shortcuts, Edit → Copy, window
 * management and the macOS app menu behave as users expect) plus File → Import run… and
 * Export run…. Pure: main.ts passes the actions and builds it with `Menu.buildFromTemplate`.
 */

/** Roles used here; every one is an Electron menu role. */
type MenuRole = 'appMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'close' | 'quit';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuActions {
  importRun(): void;
  exportRun(): void;
}

export function createMenuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemSpec[] {
  const mac = platform === 'darwin';
  const file: MenuItemSpec = {
    label: 'File',
    submenu: [
      { label: 'Import run…', accelerator: 'CmdOrCtrl+O', click: () => actions.importRun() },
      { label: 'Export run…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportRun() },
      { type: 'separator' },
      // On macOS the app menu holds Quit; closing the window is File's job there.
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
