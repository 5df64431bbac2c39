/**
 * The database's connection settings: what opening a connection costs, whether the database
 * limits them (`max_connections`), whether threads keep theirs (`CONN_MAX_AGE = None`), and
 * Django 5.1's pool (each process lends out a fixed number of open connections).
 * Off by default, as the demo shop's SQLite has no connect cost or limit; they matter only to
 * views that query.
 */
import { queriesDatabase } from '../../../shared/db-connections.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import type { Knobs } from '../scenario/knobs.ts';
import { KnobSlider } from './knob-slider.tsx';
import { KnobCheck } from './knob-check.tsx';
import type { KnobBox } from './server-knobs.tsx';
import type { KnobName } from '../scenario/knob-limits.ts';

const HELP = {
  connect:
    "Opening a database connection: the round trips to the database server (PostgreSQL over a network: a few ms, tens with TLS). Django opens one on a thread's first query; under ASGI (Django 4.0+) every request's thread is new, so every request pays it.",
  limit:
    "The database's max_connections (less its reserved slots): a query that asks for one more connection fails with OperationalError: too many clients already, a 500.",
  persistent:
    'CONN_MAX_AGE = None: a thread keeps its connection for its next request. It helps sync workers; under ASGI each request’s thread ends with it, connection and all.',
  pool: "Django 5.1's connection pool for PostgreSQL (OPTIONS['pool']): each process keeps this many connections open and lends them out; a request borrows one at its first query and gives it back when it finishes, and waits while all are lent.",
  noQueries: 'No view here queries the database: these settings change nothing.',
} as const;

interface Props {
  base: Scenario;
  knobs: Knobs;
  onChange: (next: Knobs) => void;
  box: (name: KnobName) => KnobBox;
}

export function DatabaseKnobs({ base, knobs, onChange, box }: Props) {
  const set = <K extends keyof Knobs>(key: K, value: Knobs[K]) => onChange({ ...knobs, [key]: value });
  const queries = queriesDatabase(base.endpoints);
  const help = (text: string) => (queries ? text : HELP.noQueries);
  return (
    <>
      <KnobSlider
        testId="knob-db-connect"
        label="DB connect"
        help={help(HELP.connect)}
        {...box('dbConnectMs')}
        value={knobs.dbConnectMs}
        onChange={(v) => set('dbConnectMs', v)}
        disabled={!queries}
      />
      <KnobCheck
        testId="knob-limit-connections"
        help={help(HELP.limit)}
        checked={knobs.limitConnections}
        disabled={!queries}
        onChange={(v) => set('limitConnections', v)}
      >
        a connection limit
      </KnobCheck>
      <KnobSlider
        testId="knob-max-connections"
        label="Limit"
        help={help(HELP.limit)}
        {...box('dbMaxConnections')}
        value={knobs.dbMaxConnections}
        onChange={(v) => set('dbMaxConnections', v)}
        disabled={!queries || !knobs.limitConnections}
      />
      <KnobCheck
        testId="knob-persistent-connections"
        help={help(HELP.persistent)}
        checked={knobs.persistentConnections}
        disabled={!queries}
        onChange={(v) => set('persistentConnections', v)}
      >
        <code>CONN_MAX_AGE = None</code>
      </KnobCheck>
      <KnobCheck
        testId="knob-use-pool"
        help={help(HELP.pool)}
        checked={knobs.usePool}
        disabled={!queries}
        onChange={(v) => set('usePool', v)}
      >
        a connection pool (5.1+)
      </KnobCheck>
      <KnobSlider
        testId="knob-db-pool"
        label="Pool"
        help={help(HELP.pool)}
        {...box('dbPool')}
        value={knobs.dbPool}
        onChange={(v) => set('dbPool', v)}
        disabled={!queries || !knobs.usePool}
      />
    </>
  );
}
