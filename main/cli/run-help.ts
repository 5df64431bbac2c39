/** `interleave run --help`: the flags, and what the printed numbers mean (how percentiles are taken). */
import { PERCENTILE_METHOD_WORDS } from '../../shared/analysis/summary.ts';

export const RUN_HELP = `usage: interleave run [--preset NAME | --scenario FILE.json] [overrides] [--json] [--out FILE] [--name NAME] [--db FILE]
       interleave run --url URL [--method M] [--header 'K: V']… [--body TEXT | --body-file FILE] [--allow-remote HOST]… [load flags]

Runs a scenario on the real engine, stores it, and prints its numbers.

  --preset NAME        a preset (see "interleave presets"); async-await when neither this nor --scenario is given
  --scenario FILE      a scenario file (JSON); the overrides below apply on top of it
  overrides            --server async|sync-workers|async-workers|gthread  --workers W  --view async|sync
                       --executor per-request|one-thread|pool  --threads K  --gil on|off
                       --framework-python on|off (the server's and Django's own Python around each view,
                       measured with Django 5.2: 1.45 ms a request on the loop under ASGI (3.2: 0.77 ms),
                       0.42 ms on the worker under WSGI; on by default, as real Django always pays it)
                       async-workers: uvicorn --workers W; gthread: gunicorn -k gthread, W × --threads T
                       --limit-concurrency N (uvicorn: 503 at N connections or requests)  --backlog N
                       --worker-timeout S (gunicorn --timeout, default 30)
                       --allow-async-unsafe (DJANGO_ALLOW_ASYNC_UNSAFE: the sync ORM in an async view runs,
                       holding the loop, instead of raising SynchronousOnlyOperation)
                       --sync-middleware (a sync-only middleware: each request holds its thread-sensitive
                       thread throughout; on Django 3.x that one thread serialises every request)
                       --db-connect MS (opening a database connection)  --db-max-connections N (the database's
                       max_connections: one more fails)  --persistent-connections (CONN_MAX_AGE = None)
                       --db-pool N (Django 5.1's connection pool, PostgreSQL: N a process; a query waits for one)
                       --step await|block|cpu|db|upstream|offload  --latency MS  --inner block|cpu|db|upstream  --gather N
                       --concurrency N | --rate RPS [--arrival constant|poisson] [--max-in-flight N]  --think MS
                       --requests N | --duration S
  --url URL            send the load to your own server at URL instead (repeatable: an equal mix of URLs);
                       then the load flags apply and the server flags above (and --preset, --on) are refused
                       --method GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS  --header 'Name: value' (repeatable)
                       --body TEXT | --body-file FILE
  --allow-remote HOST  let a URL run reach HOST (repeatable); only 127.0.0.0/8, ::1 and localhost run without it.
                       Redirects are not followed (a 3xx is the response). The targets are printed first
                       (on stderr with --json). Server threads are not visible: only what the client sees.
  --django 3.2|4.2|5.2 behave as that Django: one thread for sync_to_async in 3.x (and the handler's hop onto it),
                       one per request from 4.0; with --on django|both, run on a Python with that Django
                       (--django newest: whichever is newest, with --on only)
  --on model|django|both  where the scenario runs (default model)
  --json               print exactly one JSON object instead of the text summary
  --out FILE           also write the run as .html, .json, .csv or .trace.json
  --name NAME          the stored run's name
  --db FILE            the run store to use

The numbers: latency counts from the intended send (no coordinated omission). ${PERCENTILE_METHOD_WORDS}
With --json the object says so in "percentileMethod": "nearest-rank".`;
