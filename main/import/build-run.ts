/**
 * The kept requests as a run: a scenario that says where they came from, one client lane per
 * k6 VU or HAR connection, one client span and one record per request, in start order, with
 * times relative to the first request's start.
 *
 * The scenario's server, views and load are placeholders the schema needs (an async server,
 * views with no steps, a closed load of as many users as lanes): its target, `imported`, is
 * what every view reads, and no host runs such a scenario again.
 */
import { computeSummary } from '../../shared/analysis/summary.ts';
import { IMPORT_FORMAT_NAMES } from '../../shared/imported-run.ts';
import { MAX_IMPORTED_ENDPOINTS, MAX_RUN_NAME_CHARS } from '../../shared/limits.ts';
import type { RunDocument } from '../../shared/run.ts';
import { scenarioSchema, type ImportFormat, type Scenario } from '../../shared/scenario.ts';
import { Phase, type Lane, type RequestRecord } from '../../shared/trace.ts';
import { ImportError } from './import-error.ts';
import { PHASE_KEYS } from './imported-request.ts';
import type { KeptRequests } from './kept-requests.ts';
import { topNames } from './name-table.ts';

/** An imported run ready to store, and the client phases the store has no place for yet. */
export interface ImportedRun {
  doc: RunDocument;
  /** PHASE_KEYS.length numbers per record, by record id; NaN where the file gave none. */
  phases: Float64Array;
}

export interface ImportMeta {
  format: ImportFormat;
  /** The file's name (no folder). */
  file: string;
  /** What the reader found worth saying (skipped points, requests without a status, …). */
  notes: string[];
}

const LANE_WORDS: Record<ImportFormat, { unnamed: string; others: string }> = {
  k6: { unnamed: 'k6', others: 'other VUs' },
  har: { unnamed: 'browser', others: 'other connections' },
};

/** Endpoint names the scenario schema accepts ("get-api-items"), unique. */
function slugs(labels: readonly string[]): string[] {
  const used = new Set<string>();
  return labels.map((label, i) => {
    const base =
      label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 50)
        .replace(/-+$/, '') || `endpoint-${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const formatCount = (n: number) => n.toLocaleString('en-US');

export function buildImportedRun(kept: KeptRequests, meta: ImportMeta): ImportedRun {
  const n = kept.count;
  const what = IMPORT_FORMAT_NAMES[meta.format];
  if (n === 0)
    throw new ImportError(
      meta.format === 'k6'
        ? `${meta.file} has no HTTP requests: no http_req_duration points (k6 writes them with k6 run --out json=${meta.file})`
        : `${meta.file} has no requests: its log.entries is empty`,
    );
  const notes = [...meta.notes];
  if (kept.full)
    notes.push(
      `The file has more than ${formatCount(kept.limit)} requests; the first ${formatCount(kept.limit)} in file order were kept.`,
    );

  const endpoints = topNames(kept.endpoints, MAX_IMPORTED_ENDPOINTS - 1);
  const labels = endpoints.rest > 0 ? [...endpoints.kept, 'other'] : endpoints.kept;
  if (endpoints.rest > 0)
    notes.push(
      `More endpoints than ${MAX_IMPORTED_ENDPOINTS}: the ${endpoints.kept.length} most frequent are shown by method and path, the other ${formatCount(endpoints.rest)} requests as “other”.`,
    );

  // Lanes: the named ones in first-seen order, then one for requests with no lane, one for overflow.
  const lanes: Lane[] = kept.lanes.names.map((name, id) => ({ id, name, kind: 'client', process: -1 }));
  let unnamedLane = -1;
  let overflowLane = -1;
  const laneOf = (id: number): number => {
    if (id >= 0) return id;
    const words = LANE_WORDS[meta.format];
    if (id === -2) {
      if (unnamedLane < 0)
        unnamedLane = lanes.push({ id: lanes.length, name: words.unnamed, kind: 'client', process: -1 }) - 1;
      return unnamedLane;
    }
    if (overflowLane < 0)
      overflowLane = lanes.push({ id: lanes.length, name: words.others, kind: 'client', process: -1 }) - 1;
    return overflowLane;
  };

  const starts = kept.startUs.data;
  const order = new Int32Array(n).map((_, i) => i).sort((a, b) => starts[a] - starts[b] || a - b);
  const originUs = starts[order[0]];
  const requests: RequestRecord[] = new Array(n);
  const spans: number[] = new Array(n * 5);
  const phases = new Float64Array(n * PHASE_KEYS.length);
  for (let id = 0; id < n; id++) {
    const i = order[id];
    const sent = round3(starts[i] - originUs);
    const received = round3(sent + kept.durationMs.data[i] * 1000);
    const conn = laneOf(kept.lane.data[i]);
    requests[id] = {
      id,
      endpoint: endpoints.indexOf(kept.endpoint.data[i]),
      intended: sent,
      sent,
      accepted: null,
      responded: null,
      received,
      status: kept.status.data[i],
      error: kept.errorOf(i),
      conn,
    };
    const o = id * 5;
    spans[o] = id;
    spans[o + 1] = conn;
    spans[o + 2] = Phase.client;
    spans[o + 3] = sent;
    spans[o + 4] = received;
    phases.set(kept.phases.data.subarray(i * PHASE_KEYS.length, (i + 1) * PHASE_KEYS.length), id * PHASE_KEYS.length);
  }

  const counts = new Array<number>(labels.length).fill(0);
  for (const r of requests) counts[r.endpoint]++;
  const name = `${what} ${meta.file}`.slice(0, MAX_RUN_NAME_CHARS);
  const scenario: Scenario = scenarioSchema.parse({
    name,
    target: {
      kind: 'imported',
      format: meta.format,
      file: meta.file.slice(0, 255),
      endpoints: labels,
      notes: notes.slice(0, 10),
    },
    server: { model: 'async' },
    endpoints: slugs(labels).map((slug, i) => ({
      name: slug,
      weight: Math.min(1000, Math.max(0.001, (counts[i] / n) * 1000)),
      view: 'async',
      steps: [],
    })),
    load: {
      model: 'closed',
      concurrency: Math.min(1000, Math.max(1, lanes.length)),
      end: { kind: 'requests', count: n },
    },
  });
  const records = { lanes, spans, requests, loop: [] };
  const doc: RunDocument = {
    format: 'interleave-run',
    version: 1,
    info: {
      id: 0,
      name,
      status: 'complete',
      createdAt: new Date((kept.baseSec ?? 0) * 1000 + originUs / 1000).toISOString(),
      scenarioName: name,
      summary: computeSummary(records),
      recordedRequests: n,
      error: null,
      cores: null,
    },
    scenario,
    ...records,
  };
  return { doc, phases };
}
