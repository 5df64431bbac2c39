/**
 * Test fixture: a worker thread that opens its own shop connection and runs the demo queries,
 * as an engine thread does. Started by shop.test.ts; replies with what each query returned.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openShop } from '../../../../main/engine/db/shop.ts';
import type { DbQuery } from '../../../../shared/scenario.ts';

export interface ShopWorkerData {
  file: string;
  /** Waited on before querying, so two workers start writing together. */
  gate: Int32Array;
  orders: number;
}

export interface ShopWorkerReply {
  reads: Record<Exclude<DbQuery, 'order-insert'>, number>;
  ordersPlaced: number;
  rowsWritten: number;
}

const data = workerData as ShopWorkerData;
const shop = openShop(data.file);
Atomics.add(data.gate, 0, 1);
Atomics.notify(data.gate, 0);
while (Atomics.load(data.gate, 0) < 2) Atomics.wait(data.gate, 0, Atomics.load(data.gate, 0), 1_000);
const reads = {
  'product-list': shop.run('product-list'),
  'product-get': shop.run('product-get'),
  'cart-get': shop.run('cart-get'),
};
let rowsWritten = 0;
for (let i = 0; i < data.orders; i++) rowsWritten += shop.run('order-insert');
shop.close();
parentPort!.postMessage({ reads, ordersPlaced: data.orders, rowsWritten } satisfies ShopWorkerReply);
