/**
 * The demo shop's schema and data: what the engine's `db` steps query.
 *
 * Seeding is idempotent and safe when two processes (or threads) call it at once: the whole
 * check-and-fill runs in one `BEGIN IMMEDIATE` transaction, so the second caller waits for the
 * write lock (busy_timeout), then finds the seed version in `meta` and does nothing. The data is
 * generated from a fixed seed, so every machine has the same shop and the same query costs.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../../platform/open-sqlite.ts';
import { enterWalMode } from '../../platform/wal-mode.ts';
import { seededRandom } from '../loadgen/random.ts';

/** Bump when the schema or the generated data changes: an older shop is then rebuilt. */
const SHOP_SEED_VERSION = 1;

export const SHOP_SIZE = { products: 1_000, carts: 500, categories: 10, orders: 100 } as const;

/** How long a connection waits for another's write lock before giving up (ms). */
const SHOP_BUSY_TIMEOUT_MS = 5_000;

const CATEGORIES = ['books', 'games', 'garden', 'kitchen', 'music', 'office', 'outdoor', 'shoes', 'tools', 'toys'];

const SCHEMA = `
  CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    stock INTEGER NOT NULL,
    category TEXT NOT NULL
  );
  CREATE INDEX products_by_category_price ON products (category, price_cents);
  CREATE TABLE carts (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE cart_items (
    cart_id INTEGER NOT NULL REFERENCES carts (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL,
    PRIMARY KEY (cart_id, product_id)
  ) WITHOUT ROWID;
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE order_items (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL,
    price_cents INTEGER NOT NULL
  );
  CREATE INDEX order_items_by_order ON order_items (order_id);
`;

const SHOP_TABLES = ['order_items', 'orders', 'cart_items', 'carts', 'products'];

/** Opens a connection to the shop file with the settings every shop connection uses. */
export function openShopDatabase(file: string): Database.Database {
  const db = openSqlite(file);
  // Set before anything that may need a lock, so concurrent openers wait instead of failing.
  db.pragma(`busy_timeout = ${SHOP_BUSY_TIMEOUT_MS}`);
  enterWalMode(db, SHOP_BUSY_TIMEOUT_MS);
  db.pragma('synchronous = NORMAL');
  return db;
}

function seededVersion(db: Database.Database): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'seed_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

function fill(db: Database.Database): void {
  const random = seededRandom(20_240_601);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const insertProduct = db.prepare('INSERT INTO products VALUES (?, ?, ?, ?, ?)');
  for (let id = 1; id <= SHOP_SIZE.products; id++) {
    const category = CATEGORIES[id % SHOP_SIZE.categories];
    insertProduct.run(id, `${category} item ${id}`, int(199, 49_999), int(1_000, 100_000), category);
  }
  const insertCart = db.prepare('INSERT INTO carts VALUES (?, ?, ?)');
  const insertCartItem = db.prepare('INSERT OR IGNORE INTO cart_items VALUES (?, ?, ?)');
  for (let id = 1; id <= SHOP_SIZE.carts; id++) {
    insertCart.run(id, `customer-${int(1, 300)}`, new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString());
    const items = int(1, 5);
    for (let i = 0; i < items; i++) insertCartItem.run(id, int(1, SHOP_SIZE.products), int(1, 3));
  }
  const insertOrder = db.prepare('INSERT INTO orders VALUES (?, ?, 0, ?)');
  const insertOrderItem = db.prepare('INSERT INTO order_items SELECT ?, id, ?, price_cents FROM products WHERE id = ?');
  const total = db.prepare(
    'UPDATE orders SET total_cents = (SELECT SUM(quantity * price_cents) FROM order_items WHERE order_id = ?) WHERE id = ?',
  );
  for (let id = 1; id <= SHOP_SIZE.orders; id++) {
    insertOrder.run(id, `customer-${int(1, 300)}`, new Date(Date.UTC(2024, 0, 1) + id * 3_600_000).toISOString());
    const items = int(1, 4);
    for (let i = 0; i < items; i++) insertOrderItem.run(id, int(1, 3), int(1, SHOP_SIZE.products));
    total.run(id, id);
  }
  db.prepare("INSERT OR REPLACE INTO meta VALUES ('seed_version', ?)").run(String(SHOP_SEED_VERSION));
}

/**
 * Creates the demo shop in `file` unless it already holds this seed version (then a no-op).
 * WAL mode. Safe to call from several processes at once.
 */
export function seedShop(file: string): void {
  const db = openShopDatabase(file);
  try {
    db.transaction(() => {
      const version = seededVersion(db);
      if (version === SHOP_SEED_VERSION) return;
      for (const table of SHOP_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      db.exec(SCHEMA);
      fill(db);
    }).immediate();
  } finally {
    db.close();
  }
}
