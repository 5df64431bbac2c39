/**
 * Django 5.1's connection pool in the generated project: `django.db.backends.postgresql` with
 * `OPTIONS["pool"]`, on the throwaway PostgreSQL server the runner starts
 * (main/django/postgres/postgres-server.ts), holding the shop's rows (shop_to_postgres.py).
 *
 * The pool is sized as the scenario says, `min_size` = `max_size` = N: psycopg_pool opens the N
 * connections when the pool opens (at a process's first query, in its own worker threads) and
 * keeps them. `CONN_MAX_AGE` is 0, as Django requires with a pool: closing a connection at
 * request_finished gives it back to the pool. A thread's first query after that borrows one
 * again (psycopg_pool's getconn), waiting while all are lent, for at most `timeout` seconds.
 *
 * The backend is Django's own, subclassed only to record what the model draws: the wait for a
 * connection as a `pool-wait` span, and a connection's first loan as a `connect` span (the pool
 * opened it for that request, or while it waited). psycopg_pool's connections remember when they
 * were opened (TimedConnection), so a `connect` span is never a guess. A scenario's connect
 * time is added to each connection the pool opens, as the SQLite backend adds it to each
 * connection there.
 *
 * psycopg_pool before 3.2 (Debian 12 packages 3.1) has no `check` argument, which Django 5.1 and
 * later always pass (None unless CONN_HEALTH_CHECKS is on, and the generated settings leave it
 * off): the pool class Django builds takes it and leaves it out for such a psycopg_pool.
 */
import type { DbConnections } from '../../../shared/scenario.ts';
import { POOL_TIMEOUT_S } from '../../engine/db/connection-pool.ts';
import { POSTGRES_SUPERUSER } from '../postgres/postgres-server.ts';
import { SHOP_DATABASE } from '../postgres/shop-server.ts';

/** Environment variables that tell the generated settings where the server listens. */
export const POSTGRES_HOST_VAR = 'INTERLEAVE_PG_HOST';
export const POSTGRES_PORT_VAR = 'INTERLEAVE_PG_PORT';

/** The `DATABASES["default"]` entries, one a line, for a pool of `db.pool` connections a process. */
export function pooledDatabaseSettings(db: DbConnections): string[] {
  const size = db.pool!;
  return [
    '"ENGINE": "interleave_site.pooled_postgresql",',
    // Django refuses a pool with persistent connections: it is the pool that keeps them.
    '"CONN_MAX_AGE": 0,',
    `"NAME": "${SHOP_DATABASE}",`,
    `"USER": "${POSTGRES_SUPERUSER}",`,
    `"HOST": os.environ["${POSTGRES_HOST_VAR}"],`,
    `"PORT": os.environ["${POSTGRES_PORT_VAR}"],`,
    // psycopg_pool's default timeout, written out: the model's PoolTimeout comes after as long.
    `"OPTIONS": {"pool": {"min_size": ${size}, "max_size": ${size}, "timeout": ${POOL_TIMEOUT_S}}},`,
    `"INTERLEAVE_CONNECT_MS": ${db.connectMs},`,
  ];
}

export const POOLED_POSTGRESQL_BASE = `"""PostgreSQL through Django's connection pool, the wait for a connection recorded (see pooled-postgresql.ts in Interleave)."""
import inspect
import time

import psycopg
import psycopg_pool
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.postgresql import base
from interleave_probe.recording import now_ms, record

# psycopg_pool 3.2 added \`check\`; Django 5.1+ passes it always (None unless CONN_HEALTH_CHECKS).
_POOL_TAKES_CHECK = "check" in inspect.signature(psycopg_pool.ConnectionPool.__init__).parameters


class TimedConnection(psycopg.Connection):
    """A connection that remembers when it was opened, for the first request it is lent to."""

    connect_ms = 0

    @classmethod
    def connect(cls, *args, **kwargs):
        start = now_ms()
        time.sleep(cls.connect_ms / 1000)
        connection = super().connect(*args, **kwargs)
        connection._interleave_opened = (start, now_ms())
        return connection


class TimedPool(psycopg_pool.ConnectionPool):
    """psycopg_pool's pool, built by Django as ever, lending TimedConnections."""

    def __init__(self, *args, check=None, **kwargs):
        if _POOL_TAKES_CHECK:
            kwargs["check"] = check
        elif check is not None:
            raise ImproperlyConfigured("CONN_HEALTH_CHECKS with a pool needs psycopg_pool 3.2 or newer")
        super().__init__(*args, connection_class=TimedConnection, **kwargs)


# Django's DatabaseWrapper.pool imports ConnectionPool from psycopg_pool when it builds the pool.
psycopg_pool.ConnectionPool = TimedPool


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, settings_dict, *args, **kwargs):
        super().__init__(settings_dict, *args, **kwargs)
        TimedConnection.connect_ms = settings_dict["INTERLEAVE_CONNECT_MS"]

    def get_new_connection(self, conn_params):
        start = now_ms()
        # Opens the pool at a process's first query, then borrows: getconn() waits while all are lent.
        connection = super().get_new_connection(conn_params)
        lent = now_ms()
        opened = getattr(connection, "_interleave_opened", None)
        if opened is None:
            record("pool-wait", start, lent)
            return connection
        # Its first loan: from when the pool began opening it (or this request asked, if later).
        connection._interleave_opened = None
        split = min(max(opened[0], start), lent)
        record("pool-wait", start, split)
        record("connect", split, lent)
        return connection
`;
