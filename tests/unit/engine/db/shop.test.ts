import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openShop, PRODUCT_PAGE, seedShop, SHOP_SIZE } from '../../../../main/engine/db/shop.ts';
import type { ShopWorkerData, ShopWorkerReply } from './shop-queries.worker.ts';

const WORKER_URL = new URL('./shop-queries.worker.ts', import.meta.url).href;
const SHOP_MODULE = new URL('../../../../main/engine/db/shop.ts', import.meta.url).href;

function tempFile(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-shop-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'shop.db');
}

// `--import tsx` does not reach workers on Node 20: the worker registers tsx itself.
function startWorker(data: ShopWorkerData): Promise<ShopWorkerReply> {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`shop worker exited with ${code} before replying`)));
  });
}

function counts(file: string) {
  const db = new Database(file, { readonly: true });
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const out = {
    products: count('products'),
    carts: count('carts'),
    cartItems: count('cart_items'),
    orders: count('orders'),
    orderItems: count('order_items'),
    stock: (db.prepare('SELECT SUM(stock) AS s FROM products').get() as { s: number }).s,
    orderedQuantity: (db.prepare('SELECT SUM(quantity) AS q FROM order_items').get() as { q: number }).q,
    journal: db.pragma('journal_mode', { simple: true }),
    seedVersion: (db.prepare("SELECT value FROM meta WHERE key = 'seed_version'").get() as { value: string }).value,
  };
  db.close();
  return out;
}

test('seedShop creates the shop in WAL mode, and a second call changes nothing', (t) => {
  const file = tempFile(t);
  seedShop(file);
  const first = counts(file);
  assert.equal(first.products, SHOP_SIZE.products);
  assert.equal(first.carts, SHOP_SIZE.carts);
  assert.ok(
    first.cartItems >= SHOP_SIZE.carts && first.cartItems <= SHOP_SIZE.carts * 5,
    `${first.cartItems} cart items`,
  );
  assert.equal(first.orders, SHOP_SIZE.orders);
  assert.equal(first.journal, 'wal');
  assert.equal(first.seedVersion, '1');

  const shop = openShop(file);
  shop.run('order-insert');
  shop.close();
  seedShop(file); // a reseed would drop the order just placed
  assert.equal(counts(file).orders, SHOP_SIZE.orders + 1);
});

/** A child process that seeds `file` when told to, reporting each step on stdout. */
function seedingChild(file: string, index: number, events: string[], bus: EventEmitter) {
  const script = `const m = await import(${JSON.stringify(SHOP_MODULE)});
    process.stdout.write('ready\\n');
    process.stdin.once('data', () => {
      process.stdout.write('calling\\n');
      m.seedShop(${JSON.stringify(file)});
      process.stdout.write('seeded\\n');
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) events.push(`${index} ${line}`);
    bus.emit('event');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited };
}

test('two processes seeding the same new file at once end with one shop', async (t) => {
  const file = tempFile(t);
  // The race is made, not hoped for. This test holds the new file's write lock (no WAL yet) while
  // both children call seedShop: each is then inside it, retrying the switch to WAL or waiting in
  // BEGIN IMMEDIATE, when the lock is released, so their calls overlap whatever the machine's load.
  // Each child is told to go only once both have started, so the lock is held for milliseconds,
  // far inside the shop's 5 s busy timeout.
  const holder = new Database(file);
  holder.exec('BEGIN IMMEDIATE');
  t.after(() => holder.open && holder.close());
  const events: string[] = [];
  const bus = new EventEmitter();
  const seen = (line: string, n: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (events.filter((e) => e.endsWith(` ${line}`)).length < n) return;
        bus.off('event', check);
        resolve();
      };
      bus.on('event', check);
      check();
    });
  const children = [0, 1].map((i) => seedingChild(file, i, events, bus));
  t.after(() => children.forEach(({ child }) => child.exitCode === null && child.kill()));
  await seen('ready', 2);
  for (const { child } of children) child.stdin.write('go\n');
  await seen('calling', 2);
  events.push('lock released');
  holder.exec('COMMIT');
  holder.close();
  assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0], events.join('; '));
  // Both calls began before the release and neither ended before it: they overlapped.
  const at = (e: string) => events.indexOf(e);
  for (const i of [0, 1])
    assert.ok(at(`${i} calling`) < at('lock released') && at('lock released') < at(`${i} seeded`), events.join('; '));
  const after = counts(file);
  assert.equal(after.products, SHOP_SIZE.products);
  assert.equal(after.orders, SHOP_SIZE.orders);
  assert.equal(after.journal, 'wal');
});

test('each query returns its rows on the main thread', (t) => {
  const file = tempFile(t);
  seedShop(file);
  const before = counts(file);
  const shop = openShop(file, 7);
  try {
    assert.equal(shop.run('product-list'), PRODUCT_PAGE);
    assert.equal(shop.run('product-get'), 1);
    for (let i = 0; i < 20; i++) {
      const items = shop.run('cart-get');
      assert.ok(items >= 1 && items <= 5, `cart-get returned ${items} rows`);
    }
    const written = shop.run('order-insert');
    // One order, then 2 or 3 items each inserted and taken from stock.
    assert.ok(written === 5 || written === 7, `order-insert wrote ${written} rows`);
  } finally {
    shop.close();
  }
  const after = counts(file);
  assert.equal(after.orders, before.orders + 1);
  assert.equal(before.stock - after.stock, after.orderedQuantity - before.orderedQuantity);
});

test('two worker threads query and write at once, each on its own connection', async (t) => {
  const file = tempFile(t);
  seedShop(file);
  const before = counts(file);
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const orders = 150;
  // The main thread keeps a connection open and writes too, while the workers run.
  const mainShop = openShop(file, 99);
  const replies = Promise.all([startWorker({ file, gate, orders }), startWorker({ file, gate, orders })]);
  assert.equal(mainShop.run('product-list'), PRODUCT_PAGE);
  let mainWritten = mainShop.run('order-insert');
  const done = await replies;
  mainWritten += mainShop.run('order-insert');
  mainShop.close();

  for (const reply of done) {
    assert.equal(reply.reads['product-list'], PRODUCT_PAGE);
    assert.equal(reply.reads['product-get'], 1);
    assert.ok(reply.reads['cart-get'] >= 1);
    assert.equal(reply.ordersPlaced, orders);
  }
  const after = counts(file);
  assert.equal(after.orders, before.orders + 2 * orders + 2, 'every order from both threads landed');
  const newItems = after.orderItems - before.orderItems;
  const rowsWritten = done.reduce((sum, r) => sum + r.rowsWritten, 0) + mainWritten;
  // Each order writes its row, plus an item row and a stock update per item.
  assert.equal(rowsWritten, 2 * orders + 2 + 2 * newItems);
  assert.equal(before.stock - after.stock, after.orderedQuantity - before.orderedQuantity);
});
