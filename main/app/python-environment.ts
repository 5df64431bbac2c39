/** Python (and PostgreSQL) discovery for hosts that need it without opening the app (`interleave doctor`). */
export { discoverDjangoEnvironment } from '../django/python-env.ts';
export { findPostgres } from '../django/postgres/find-postgres.ts';
