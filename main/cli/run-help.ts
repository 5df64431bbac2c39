/** `interleave run --help`: the flags, and what the printed numbers mean (how percentiles are taken). */
import { PERCENTILE_METHOD_WORDS } from '../../shared/analysis/summary.ts';

export const RUN_HELP = `usage: interleave run [--preset NAME | --scenario FILE.json] [overrides] [--json] [--out FILE] [--name NAME] [--db FILE]

Runs a scenario on the real engine, stores it, and prints its numbers.

  --preset NAME        a preset (see "interleave presets"); async-await when neither this nor --scenario is given
  --scenario FILE      a scenario file (JSON); the overrides below apply on top of it
  overrides            --server async|sync-workers  --workers W  --view async|sync
                       --executor per-request|one-thread|pool  --threads K  --gil on|off
                       --step await|block|cpu|db|upstream|offload  --latency MS  --inner block|cpu|db|upstream  --gather N
                       --concurrency N | --rate RPS [--arrival constant|poisson] [--max-in-flight N]  --think MS
                       --requests N | --duration S
  --json               print exactly one JSON object instead of the text summary
  --out FILE           also write the run as .html, .json, .csv or .trace.json
  --name NAME          the stored run's name
  --db FILE            the run store to use

The numbers: latency counts from the intended send (no coordinated omission). ${PERCENTILE_METHOD_WORDS}
With --json the object says so in "percentileMethod": "nearest-rank".`;
