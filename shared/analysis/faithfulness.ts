/**
 * The faithfulness table: for every preset real Django can express, the model's figures beside
 * real Django's, the makespan ratio, and whether the shape (shared/analysis/run-shape.ts) is the
 * same. Pure: the runs are made elsewhere (main/app/faithfulness-runs.ts); this turns their
 * figures into rows, a verdict per row, and the text and Markdown tables.
 */
import type { Scenario, Step } from '../scenario.ts';
import type { RunSummary } from '../trace.ts';
import { formatMs } from './format.ts';
import { shapeText, type RunShape } from './run-shape.ts';

export { shapeText };

/** Makespan within ±10% of real Django's counts as agreeing, for presets that only sleep. */
export const MAKESPAN_TOLERANCE = 0.1;

/** One side of a row. */
export interface SideFigures {
  summary: RunSummary;
  shape: RunShape;
  /** The first error a request ended with, if any (real Django's SynchronousOnlyOperation, …). */
  firstError: string | null;
  /** Under several uvicorn processes, the most requests one served (run-shape.ts); else null. */
  busiestProcess?: number | null;
  /** The status most failed requests ended with (503, 500…); null without errors or statuses. */
  errorStatus?: number | null;
}

/** The status most failed requests ended with; null when none failed with a status. */
export function mainErrorStatus(requests: readonly { status: number | null; error: string | null }[]): number | null {
  const counts = new Map<number, number>();
  for (const r of requests)
    if (r.error !== null && r.status !== null) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  let best: number | null = null;
  let most = 0;
  for (const [status, n] of counts)
    if (n > most) {
      best = status;
      most = n;
    }
  return best;
}

/**
 * Did (nearly) every request fail, all but at most one request or 10% of them? Then the run's
 * shape and makespan describe the few that got through (how many is a race between accepting
 * and parsing) or how long failing took (gunicorn's arbiter looks once a second, after a random
 * pause), and the row is judged by what failed: see faithfulnessRow.
 */
export function nearlyAllFailed({ errors, requests }: RunSummary): boolean {
  return requests > 0 && requests - errors <= Math.max(1, Math.floor(requests * 0.1));
}

/** For a row that agrees on its failure alone (its shape or makespan differ): says so. */
function judgedByFailure(django: SideFigures): string {
  return `judged by the failure: both failed nearly every request with ${django.errorStatus}; the shape and makespan are those of the few that got through, or of how long failing took`;
}

/** Both sides failed (nearly) every request, with the same status. */
function sameFailure(model: SideFigures, django: SideFigures): boolean {
  return (
    nearlyAllFailed(model.summary) &&
    nearlyAllFailed(django.summary) &&
    model.errorStatus != null &&
    model.errorStatus === django.errorStatus
  );
}

export interface FaithfulnessRow {
  preset: string;
  /** Why real Django cannot run it, when it cannot. */
  notExpressible: string | null;
  model: SideFigures | null;
  django: SideFigures | null;
  /** Django's makespan over the model's. */
  ratio: number | null;
  sameShape: boolean | null;
  /** Only await/block steps (and offloads of blocks): timing should agree within the tolerance. */
  sleepOnly: boolean;
  /**
   * Does the row meet its target: the same shape, and makespan within tolerance when sleep-only;
   * or, where (nearly) every request failed on both sides, the same error status.
   */
  agrees: boolean | null;
  /** One line: what limited agreement, when it missed; when it agreed on its failure alone, that. */
  limitedBy: string | null;
  /**
   * Under uvicorn --workers: the placement of the connections on the processes the model was
   * given, real uvicorn's (the scenario's connectionProcesses); null when it placed them itself.
   */
  placement?: number[] | null;
}

const sleepStep = (s: Step): boolean =>
  s.kind === 'await' ||
  s.kind === 'block' ||
  (s.kind === 'offload' && s.step.kind === 'block') ||
  (s.kind === 'gather' && s.steps.every(sleepStep));

/** Does every view only sleep (await or block, offloaded or not)? */
export function isSleepOnly(scenario: Scenario): boolean {
  return scenario.endpoints.every((e) => e.steps.every(sleepStep));
}

/**
 * `placement`: the connections' processes the model was given (real uvicorn's, see
 * connectionPlacement), when it was.
 */
export function faithfulnessRow(
  preset: string,
  scenario: Scenario,
  model: SideFigures,
  django: SideFigures,
  placement: readonly number[] | null = null,
): FaithfulnessRow {
  const ratio = model.summary.makespanMs > 0 ? django.summary.makespanMs / model.summary.makespanMs : null;
  // Connections opened count only when neither side failed: a refused user retries at once, and
  // how many retries fit in the run is timing, not the connection behaviour.
  const noErrors = model.summary.errors === 0 && django.summary.errors === 0;
  const sameShape =
    model.shape.requestsAtOnce === django.shape.requestsAtOnce &&
    model.shape.threadsAtOnce === django.shape.threadsAtOnce &&
    (!noErrors || (model.shape.connections ?? 0) === (django.shape.connections ?? 0));
  const sleepOnly = isSleepOnly(scenario);
  // 1e-9: 330 / 300 is 1.1000000000000000888 in floating point, and must count as within 10%.
  const inTolerance = ratio !== null && Math.abs(ratio - 1) <= MAKESPAN_TOLERANCE + 1e-9;
  const agreesAsAnyRow = sameShape && (!sleepOnly || inTolerance);
  const agrees = agreesAsAnyRow || sameFailure(model, django);
  const why = agreesAsAnyRow
    ? null
    : agrees
      ? judgedByFailure(django)
      : limitedBy(model, django, sameShape, ratio, !placement);
  const placed = placement ? placementText(placement, scenario.server.workers) : null;
  return {
    preset,
    notExpressible: null,
    model,
    django,
    ratio,
    sameShape,
    sleepOnly,
    agrees,
    limitedBy: [why, placed].filter(Boolean).join('; ') || null,
    placement: placement ? [...placement] : null,
  };
}

/**
 * "the model given real uvicorn's placement of the 8 connections: 4 + 4 on 2 of 4 processes".
 * Which process takes a connection is the kernel's accept race between uvicorn's processes,
 * different on every run: given the same placement, the row compares what the processes do.
 */
export function placementText(placement: readonly number[], workers: number): string {
  const counts = new Map<number, number>();
  for (const p of placement) counts.set(p, (counts.get(p) ?? 0) + 1);
  const shares = [...counts.values()].sort((a, b) => b - a);
  const n = placement.length;
  return `the model given real uvicorn's placement of the ${n} connection${n === 1 ? '' : 's'} (its accept race): ${shares.join(' + ')} on ${shares.length} of ${workers} processes`;
}

export function notExpressibleRow(preset: string, scenario: Scenario, reason: string): FaithfulnessRow {
  return {
    preset,
    notExpressible: reason,
    model: null,
    django: null,
    ratio: null,
    sameShape: null,
    sleepOnly: isSleepOnly(scenario),
    agrees: null,
    limitedBy: reason,
  };
}

/** When real uvicorn's busiest process served more than the model's (which spreads connections evenly). */
function unevenProcesses(model: SideFigures, django: SideFigures): string | null {
  const [m, d] = [model.busiestProcess, django.busiestProcess];
  if (m == null || d == null || d <= m) return null;
  return `real uvicorn's processes took uneven shares of the connections: the busiest served ${d} of ${django.summary.requests} requests, the model's ${m} (it spreads connections evenly)`;
}

/** An error's first words, as text: an HTML error page (a dying gunicorn worker's 500) without its tags. */
function errorWords(error: string | null): string {
  const text = (error ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.slice(0, 100);
}

/** `spreadEvenly`: the model placed the connections itself (else it was given real uvicorn's). */
function limitedBy(
  model: SideFigures,
  django: SideFigures,
  sameShape: boolean,
  ratio: number | null,
  spreadEvenly: boolean,
): string {
  const { requests } = django.summary;
  if (model.summary.errors === model.summary.requests && django.summary.errors === requests && requests > 0)
    return `both answered every request with an error (model: ${errorWords(model.firstError)}; real Django: ${errorWords(django.firstError)})`;
  const errors = (side: SideFigures, who: string) =>
    side.summary.errors > 0
      ? `${who} answered ${side.summary.errors} of ${side.summary.requests} with errors (${errorWords(side.firstError)})`
      : null;
  const errorLine = errors(django, 'real Django') ?? errors(model, 'the model');
  if (errorLine) return errorLine;
  // Uneven shares of the connections change the shape too (fewer processes busy): say that first.
  const uneven = spreadEvenly ? unevenProcesses(model, django) : null;
  if (uneven) return uneven;
  if (!sameShape) return `shape differs: model ${shapeText(model.shape)}, real Django ${shapeText(django.shape)}`;
  const extraMs = django.summary.makespanMs - model.summary.makespanMs;
  const perRequest = django.summary.requests > 0 ? extraMs / django.summary.requests : 0;
  return extraMs > 0
    ? `real Django took ${formatMs(extraMs)} more over ${django.summary.requests} requests (×${ratio?.toFixed(2)}): ~${formatMs(perRequest)} a request beyond what the model charges for the server's and Django's own Python (measured on one machine; see FRAMEWORK_PYTHON_MS)`
    : `real Django was ${formatMs(-extraMs)} faster over ${django.summary.requests} requests (×${ratio?.toFixed(2)})`;
}

/** "28 × 503", or "0". */
const errorsText = (side: SideFigures) =>
  side.summary.errors === 0 ? '0' : `${side.summary.errors}${side.errorStatus ? ` × ${side.errorStatus}` : ''}`;

const HEADER = [
  'preset',
  'model makespan',
  'Django makespan',
  'ratio',
  'model p50 / p95',
  'Django p50 / p95',
  'model shape',
  'Django shape',
  'model loop block',
  'Django loop block',
  'errors (model / Django)',
  'same shape',
  'agrees',
  'limited by',
];

function cells(row: FaithfulnessRow): string[] {
  const { model: m, django: d } = row;
  if (!m || !d) return [row.preset, ...HEADER.slice(1, -3).map(() => '–'), '–', 'n/a', row.limitedBy ?? ''];
  const p = (s: RunSummary) => `${formatMs(s.p50Ms)} / ${formatMs(s.p95Ms)}`;
  return [
    row.preset,
    formatMs(m.summary.makespanMs),
    formatMs(d.summary.makespanMs),
    row.ratio === null ? '–' : row.ratio.toFixed(2),
    p(m.summary),
    p(d.summary),
    shapeText(m.shape),
    shapeText(d.shape),
    formatMs(m.summary.maxLoopBlockMs),
    formatMs(d.summary.maxLoopBlockMs),
    `${errorsText(m)} / ${errorsText(d)}`,
    row.sameShape ? 'yes' : 'no',
    row.agrees ? 'yes' : 'no',
    row.limitedBy ?? '',
  ];
}

/** The table as Markdown, for the README section. */
export function faithfulnessMarkdown(rows: readonly FaithfulnessRow[]): string {
  const line = (xs: string[]) => `| ${xs.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}

/** The table as aligned text, for the terminal. */
export function faithfulnessText(rows: readonly FaithfulnessRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  return table
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
