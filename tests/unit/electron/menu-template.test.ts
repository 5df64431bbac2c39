import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMenuTemplate, type MenuItemSpec } from '../../../main/electron/menu-template.ts';

function fileMenu(template: MenuItemSpec[]): MenuItemSpec[] {
  const file = template.find((item) => item.label === 'File');
  assert.ok(file?.submenu);
  return file.submenu;
}

test('File → Import run… and Export run… call their actions', () => {
  const calls: string[] = [];
  const template = createMenuTemplate('linux', {
    importRun: () => calls.push('import'),
    exportRun: () => calls.push('export'),
  });
  const items = fileMenu(template);
  items.find((i) => i.label === 'Import run…')?.click?.();
  items.find((i) => i.label === 'Export run…')?.click?.();
  assert.deepEqual(calls, ['import', 'export']);
});

test('standard roles: the macOS app menu only on macOS, Quit in File elsewhere', () => {
  const actions = { importRun() {}, exportRun() {} };
  const mac = createMenuTemplate('darwin', actions);
  const linux = createMenuTemplate('linux', actions);
  assert.equal(mac[0].role, 'appMenu');
  assert.equal(
    linux.some((i) => i.role === 'appMenu'),
    false,
  );
  assert.equal(fileMenu(mac).at(-1)?.role, 'close');
  assert.equal(fileMenu(linux).at(-1)?.role, 'quit');
  for (const template of [mac, linux]) {
    assert.deepEqual(
      template.filter((i) => i.role?.endsWith('Menu') && i.role !== 'appMenu').map((i) => i.role),
      ['editMenu', 'viewMenu', 'windowMenu'],
    );
  }
});
