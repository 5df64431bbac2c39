/**
 * Real Django gets its own copy of the demo shop: the same rows the model queries, in a file the
 * run may write to (orders) and throw away.
 */
import { openShopDatabase, seedShop } from '../engine/db/shop-seed.ts';

export function copyShop(shopDbFile: string, copy: string): void {
  seedShop(shopDbFile);
  const db = openShopDatabase(shopDbFile);
  try {
    // VACUUM INTO writes a consistent single file, whatever sits in the source's WAL.
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    db.close();
  }
}
