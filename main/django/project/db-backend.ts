/**
 * The generated project's database backend. With Django 5.1's connection pool it is PostgreSQL's
 * (pooled-postgresql.ts): the pool is psycopg_pool's, and only PostgreSQL has it. Otherwise it is
 * SQLite, and when a scenario gives connections a cost or a limit, Django's own SQLite backend
 * with what a database server adds in front of it. Opening a connection sleeps the connect time,
 * and a connection past the limit is refused with PostgreSQL's words. Which thread opens a connection, and when Django closes it, stay Django's
 * own: that is what the model is compared on.
 *
 * The limit counts connections across processes (gunicorn's workers share one database) by
 * lock files: a connection holds an exclusive lock on one of N slot files for as long as it is
 * open. The lock lives in the file object kept on the connection, so a connection dropped with
 * its thread (a ThreadSensitiveContext's thread ending) frees its slot when it is collected,
 * as a server notices a closed socket.
 */
import { dbConnectionsOf, modelsConnections, type Scenario } from '../../../shared/scenario.ts';
import { TOO_MANY_CLIENTS } from '../../../shared/db-connections.ts';
import { pooledDatabaseSettings } from './pooled-postgresql.ts';

/** The `DATABASES["default"]` entries for this scenario, one a line (ENGINE, NAME, OPTIONS, the backend's own). */
export function databaseSettings(scenario: Scenario, slotsDir: string): string[] {
  const db = dbConnectionsOf(scenario.server);
  if (db.pool !== null) return pooledDatabaseSettings(db);
  const modelled = modelsConnections(scenario.server);
  const lines = [
    `"ENGINE": ${modelled ? '"interleave_site.connected_sqlite"' : '"django.db.backends.sqlite3"'},`,
    `"CONN_MAX_AGE": ${db.persistent ? 'None' : '0'},`,
    '"NAME": os.environ["INTERLEAVE_SHOP_DB"],',
    "# Writers on several threads wait for SQLite's one write lock instead of failing.",
    '"OPTIONS": {"timeout": 5},',
  ];
  if (modelled)
    lines.push(
      `"INTERLEAVE_CONNECT_MS": ${db.connectMs},`,
      `"INTERLEAVE_MAX_CONNECTIONS": ${db.maxConnections ?? 'None'},`,
      `"INTERLEAVE_SLOTS_DIR": ${JSON.stringify(slotsDir)},`,
    );
  return lines;
}

/** Django's refusal without the exception's type name, which Django's OperationalError adds. */
const REFUSAL = TOO_MANY_CLIENTS.replace(/^OperationalError: /, '');

export const CONNECTED_SQLITE_BASE = `"""SQLite behind a connect time and a connection limit (see db-backend.ts in Interleave)."""
import fcntl
import os
import time

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError
from interleave_probe.recording import now_ms, record


def _take_slot(folder, limit):
    """An open file holding an exclusive lock on one of \`limit\` slots, or None when all are taken."""
    for i in range(limit):
        slot = open(os.path.join(folder, f"slot-{i}"), "a")
        try:
            fcntl.flock(slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return slot
        except BlockingIOError:
            slot.close()
    return None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        settings = self.settings_dict
        start = now_ms()
        time.sleep(settings["INTERLEAVE_CONNECT_MS"] / 1000)
        limit = settings["INTERLEAVE_MAX_CONNECTIONS"]
        slot = None if limit is None else _take_slot(settings["INTERLEAVE_SLOTS_DIR"], limit)
        record("connect", start, now_ms())
        if limit is not None and slot is None:
            raise OperationalError(${JSON.stringify(REFUSAL)})
        connection = super().get_new_connection(conn_params)
        self._interleave_slot = slot
        return connection

    def _close(self):
        try:
            super()._close()
        finally:
            slot = getattr(self, "_interleave_slot", None)
            self._interleave_slot = None
            if slot is not None:
                slot.close()
`;
