/**
 * The schema of an exported run (a `RunDocument` as JSON), checked on import so a damaged,
 * hand-edited or foreign file is refused with a sentence per problem instead of breaking the
 * UI later. Strict everywhere: an unknown field is a sign of a different format, not noise.
 *
 * Spans stay packed (SPAN_STRIDE numbers each); their shape is checked in one loop rather than
 * as objects, so a run with a million numbers validates in milliseconds.
 */
import { z } from 'zod';
import type { RunDocument } from '../run.ts';
import { scenarioSchema } from '../scenario.ts';
import { endpointCount } from '../url-target.ts';
import { upgradeSummary } from '../analysis/legacy-summary.ts';
import { PHASES, SPAN_STRIDE, SpanField } from '../trace.ts';
import { MAX_KEPT_METRICS, MAX_METRIC_DESC_CHARS, MAX_METRIC_NAME_CHARS } from '../server-timing-kept.ts';

const micros = z.number().finite().min(0);
const millis = z.number().finite();

const laneSchema = z
  .object({
    id: z.number().int().min(0),
    name: z.string().max(200),
    kind: z.enum(['loop', 'worker', 'executor', 'client']),
    process: z.number().int().min(-1),
  })
  .strict();

const serverTimingMetricSchema = z
  .object({
    name: z.string().min(1).max(MAX_METRIC_NAME_CHARS),
    dur: z.number().finite().nullable(),
    desc: z.string().max(MAX_METRIC_DESC_CHARS).nullable(),
  })
  .strict();

const requestRecordSchema = z
  .object({
    id: z.number().int().min(0),
    endpoint: z.number().int().min(0),
    intended: micros,
    sent: micros,
    accepted: micros.nullable(),
    responded: micros.nullable(),
    received: micros.nullable(),
    status: z.number().int().min(0).max(999),
    error: z.string().nullable(),
    conn: z.number().int().min(0),
    // The client's phases and the Server-Timing metrics: absent in files exported before they
    // were recorded, and for what a request never reached.
    connectStart: micros.optional(),
    connectEnd: micros.optional(),
    tlsEnd: micros.optional(),
    requestStart: micros.optional(),
    requestEnd: micros.optional(),
    firstByte: micros.optional(),
    serverTiming: z.array(serverTimingMetricSchema).min(1).max(MAX_KEPT_METRICS).optional(),
    serverTimingDropped: z.number().int().min(1).optional(),
  })
  .strict();

const loopSampleSchema = z.object({ t: micros, delayMs: millis.min(0) }).strict();

const runSummarySchema = z
  .object({
    requests: z.number().int().min(0),
    errors: z.number().int().min(0),
    // Absent in files exported before it existed: upgradeSummary recomputes it (and throughput).
    errorRate: z.number().min(0).max(1).optional(),
    makespanMs: millis,
    throughputRps: millis,
    p50Ms: millis,
    p95Ms: millis,
    p99Ms: millis,
    maxMs: millis,
    meanMs: millis,
    maxLoopBlockMs: millis,
    threadsUsed: z.number().int().min(0),
    sendLagP99Ms: millis,
  })
  .strict();

const runInfoSchema = z
  .object({
    id: z.number().int().min(0),
    name: z.string().max(500),
    status: z.enum(['running', 'complete', 'stopped', 'interrupted', 'failed']),
    createdAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date (expected ISO 8601)'),
    scenarioName: z.string(),
    summary: runSummarySchema.nullable(),
    recordedRequests: z.number().int().min(0),
    error: z.string().nullable(),
    // Files exported before runs recorded their cores have no such field.
    cores: z.number().int().min(1).max(65_536).nullable().default(null),
  })
  .strict();

const PHASE_COUNT = PHASES.length;

const packedSpansSchema = z.array(z.number().finite()).superRefine((spans, ctx) => {
  if (spans.length % SPAN_STRIDE !== 0) {
    ctx.addIssue({
      code: 'custom',
      message: `has ${spans.length} numbers; packed spans come in groups of ${SPAN_STRIDE}`,
    });
    return;
  }
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const phase = spans[i + SpanField.phase];
    const start = spans[i + SpanField.start];
    const end = spans[i + SpanField.end];
    let problem: string | null = null;
    if (!Number.isInteger(phase) || phase < 0 || phase >= PHASE_COUNT)
      problem = `phase code ${phase} is not one of 0..${PHASE_COUNT - 1}`;
    else if (start < 0 || end < start) problem = `runs from ${start} µs to ${end} µs`;
    else if (!Number.isInteger(spans[i + SpanField.req]) || !Number.isInteger(spans[i + SpanField.lane]))
      problem = 'has a request or lane that is not a whole number';
    if (problem) {
      // One issue is enough: a broken file usually breaks every span the same way.
      ctx.addIssue({ code: 'custom', path: [i], message: `(span ${i / SPAN_STRIDE}) ${problem}` });
      return;
    }
  }
});

export const runDocumentSchema = z
  .object({
    format: z.literal('interleave-run'),
    version: z.literal(1),
    info: runInfoSchema,
    scenario: scenarioSchema,
    lanes: z.array(laneSchema),
    spans: packedSpansSchema,
    requests: z.array(requestRecordSchema),
    loop: z.array(loopSampleSchema),
  })
  .strict()
  .superRefine((doc, ctx) => {
    // Cross-references: the UI indexes lanes and endpoints by these numbers.
    const lanes = new Set(doc.lanes.map((l) => l.id));
    const endpoints = endpointCount(doc.scenario);
    const at = doc.requests.findIndex((r) => r.endpoint >= endpoints);
    if (at >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['requests', at, 'endpoint'],
        message: `is ${doc.requests[at].endpoint}; the scenario has ${endpoints} ${doc.scenario.target.kind === 'url' ? 'request(s) in its URL list' : 'endpoint(s)'}`,
      });
    }
    for (let i = 0; i < doc.spans.length; i += SPAN_STRIDE) {
      const lane = doc.spans[i + SpanField.lane];
      if (!lanes.has(lane)) {
        ctx.addIssue({
          code: 'custom',
          path: ['spans', i + SpanField.lane],
          message: `(span ${i / SPAN_STRIDE}) names lane ${lane}, which the run does not list`,
        });
        break;
      }
    }
  })
  .transform((doc): RunDocument => ({
    ...doc,
    info: { ...doc.info, summary: doc.info.summary && upgradeSummary(doc.info.summary, doc.requests) },
  }));

// The schema and the hand-written contract must describe the same thing.
type SchemaMatchesContract =
  z.output<typeof runDocumentSchema> extends RunDocument
    ? RunDocument extends z.output<typeof runDocumentSchema>
      ? true
      : never
    : never;
const _schemaMatchesContract: SchemaMatchesContract = true;
