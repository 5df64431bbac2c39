/**
 * A connection to the demo shop, one per engine thread: better-sqlite3 is synchronous, so a
 * query blocks the thread that runs it, exactly like Django's sync ORM. Statements are prepared
 * once when the connection opens; `run` only binds and steps them.
 *
 * Writers on several threads (`order-insert`) contend for SQLite's single write lock. With a
 * busy timeout they wait for it instead of failing, and that wait is real time on the thread:
 * the timeline shows it as part of the db span, which is the point.
 */
import { threadId } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { DbQuery } from '../../../shared/scenario.ts';
import { seededRandom } from '../loadgen/random.ts';
import { openShopDatabase, SHOP_SIZE } from './shop-seed.ts';

export { seedShop, SHOP_SIZE } from './shop-seed.ts';

/** Products per `product-list` page. */
export const PRODUCT_PAGE = 20;

export interface ShopConnection {
  /** Runs one demo query; returns the rows it returned (reads) or wrote (order-insert). */
  run(query: DbQuery): number;
  close(): void;
}

const CATEGORIES_SQL = 'SELECT DISTINCT category FROM products ORDER BY category';

function prepare(db: Database.Database) {
  return {
    productList: db.prepare(
      'SELECT id, name, price_cents, stock FROM products WHERE category = ? ORDER BY price_cents LIMIT ?',
    ),
    productGet: db.prepare('SELECT id, name, price_cents, stock, category FROM products WHERE id = ?'),
    cartGet: db.prepare(
      `SELECT c.id, c.customer, ci.product_id, ci.quantity, p.name, p.price_cents
         FROM carts c
         JOIN cart_items ci ON ci.cart_id = c.id
         JOIN products p ON p.id = ci.product_id
        WHERE c.id = ?`,
    ),
    insertOrder: db.prepare('INSERT INTO orders (customer, total_cents, created_at) VALUES (?, 0, ?)'),
    insertOrderItem: db.prepare('INSERT INTO order_items SELECT ?, id, ?, price_cents FROM products WHERE id = ?'),
    takeStock: db.prepare('UPDATE products SET stock = MAX(stock - ?, 0) WHERE id = ?'),
    orderTotal: db.prepare(
      'UPDATE orders SET total_cents = (SELECT SUM(quantity * price_cents) FROM order_items WHERE order_id = ?) WHERE id = ?',
    ),
  };
}

/**
 * Opens the shop in `file` (already seeded with `seedShop`). `seed` picks the pseudo-random ids
 * this connection asks for; by default each thread gets its own sequence.
 */
export function openShop(file: string, seed: number = threadId + 1): ShopConnection {
  const db = openShopDatabase(file);
  const categories = (db.prepare(CATEGORIES_SQL).all() as { category: string }[]).map((r) => r.category);
  if (categories.length === 0) {
    db.close();
    throw new Error(`the shop database ${file} has no products; call seedShop first`);
  }
  const q = prepare(db);
  const random = seededRandom(seed);
  const pick = (n: number) => 1 + Math.floor(random() * n);

  // IMMEDIATE takes the write lock up front, waiting (busy_timeout) for any other writer;
  // a deferred transaction could instead fail when upgrading from read to write.
  const placeOrder = db.transaction((): number => {
    const order = q.insertOrder.run(`customer-${pick(300)}`, new Date().toISOString());
    const orderId = order.lastInsertRowid;
    let written = order.changes;
    const items = 2 + Math.floor(random() * 2);
    const chosen = new Set<number>();
    while (chosen.size < items) chosen.add(pick(SHOP_SIZE.products));
    for (const productId of chosen) {
      const quantity = pick(3);
      written += q.insertOrderItem.run(orderId, quantity, productId).changes;
      written += q.takeStock.run(quantity, productId).changes;
    }
    q.orderTotal.run(orderId, orderId);
    return written;
  }).immediate;

  return {
    run(query: DbQuery): number {
      switch (query) {
        case 'product-list':
          return q.productList.all(categories[pick(categories.length) - 1], PRODUCT_PAGE).length;
        case 'product-get':
          return q.productGet.get(pick(SHOP_SIZE.products)) ? 1 : 0;
        case 'cart-get':
          return q.cartGet.all(pick(SHOP_SIZE.carts)).length;
        case 'order-insert':
          return placeOrder();
      }
    },
    close: () => db.close(),
  };
}
