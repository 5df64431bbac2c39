/**
 * The demo shop on PostgreSQL, for a real-Django run of Django's connection pool: a throwaway
 * server (postgres-server.ts) holding the same rows as the run's SQLite copy, copied over by
 * shop_to_postgres.py with the Python that serves Django (it has psycopg).
 *
 * Either a running server with the shop comes back, or nothing is left running: a copy that fails
 * stops the server by its process id before the error goes up.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbConnections } from '../../../shared/scenario.ts';
import { REPO_ROOT } from '../python-env.ts';
import type { PostgresInstall } from './find-postgres.ts';
import { PostgresServer } from './postgres-server.ts';

/** The database the shop's rows are copied into, which the generated settings name. */
export const SHOP_DATABASE = 'shop';
/** The copying script, beside the probe package (main/django/python, as from source so in the build). */
export const SHOP_TO_POSTGRES = join(REPO_ROOT, 'main', 'django', 'python', 'shop_to_postgres.py');
/** Longest the copy may take (it takes about half a second). */
const COPY_TIMEOUT_MS = 60_000;

/**
 * PostgreSQL's own limit on connections, when the scenario sets one: `max_connections`, with no
 * slots kept back for superusers (the run connects as one), so the limit is the scenario's number.
 */
export function limitSettings(db: Pick<DbConnections, 'maxConnections'>): string[] {
  return db.maxConnections === null ? [] : [`max_connections=${db.maxConnections}`, 'superuser_reserved_connections=0'];
}

export interface ShopServerOptions {
  install: PostgresInstall;
  /** The Python that serves Django: it runs the copy. */
  python: string;
  /** The run's SQLite copy of the shop (shop-copy.ts). */
  shopFile: string;
  db: Pick<DbConnections, 'maxConnections'>;
}

/** Starts PostgreSQL and copies the shop into its `shop` database. */
export async function startShopServer(options: ShopServerOptions): Promise<PostgresServer> {
  const server = await PostgresServer.start(options.install, { settings: limitSettings(options.db) });
  try {
    await copyShop(server, options);
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function copyShop(server: PostgresServer, options: ShopServerOptions): Promise<void> {
  const conninfo = `host=${server.host} port=${server.port} user=${server.user}`;
  return new Promise((resolve, reject) => {
    execFile(
      options.python,
      [SHOP_TO_POSTGRES, options.shopFile, conninfo, SHOP_DATABASE],
      // A folder of nobody's code, so nothing there shadows psycopg.
      { timeout: COPY_TIMEOUT_MS, killSignal: 'SIGKILL', encoding: 'utf8', cwd: tmpdir() },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const last = stderr.trim().split('\n').slice(-6).join('\n') || error.message;
        reject(new Error(`copying the shop into PostgreSQL failed: ${last}`));
      },
    );
  });
}
