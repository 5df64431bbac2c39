/**
 * The JSON export: the whole run as a `RunDocument`, and the import that reads it back.
 *
 * Export is plain `JSON.stringify` (numbers round-trip exactly in JSON); import refuses, with
 * one sentence per problem, text that is not JSON, not an Interleave run, from another format
 * version, or missing or mangling fields. `parseRunJson(runToJson(doc))` deep-equals `doc`.
 */
import type { RunDocument } from '../run.ts';
import { ValidationError, parseOrExplain } from '../validation.ts';
import { runDocumentSchema } from './run-document-schema.ts';

const WHAT = 'The run file';

/** The run as JSON text (compact: a run can hold a million numbers). */
export function runToJson(doc: RunDocument): string {
  return JSON.stringify(doc);
}

/** Read an exported run back; throws a ValidationError that says what is wrong. */
export function parseRunJson(text: string): RunDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const trimmed = text.trimStart();
    const hint = trimmed.startsWith('<') ? ' (it looks like HTML: import the .json export, not the report)' : '';
    throw new ValidationError(WHAT, [`is not JSON${hint}: ${(e as Error).message}`]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(WHAT, [
      'is JSON but not an object; an Interleave run is an object with "format": "interleave-run"',
    ]);
  }
  const head = value as { format?: unknown; version?: unknown };
  if (head.format !== 'interleave-run') {
    const isTrace = 'traceEvents' in head;
    throw new ValidationError(WHAT, [
      isTrace
        ? 'is a Chrome trace export; only the JSON run export (.json) can be imported'
        : `is not an Interleave run: "format" is ${JSON.stringify(head.format) ?? 'missing'}, expected "interleave-run"`,
    ]);
  }
  if (head.version !== 1) {
    const newer = typeof head.version === 'number' && head.version > 1;
    throw new ValidationError(WHAT, [
      newer
        ? `was written by a newer Interleave (format version ${head.version}); this version reads version 1`
        : `has format version ${JSON.stringify(head.version) ?? 'missing'}; this version reads version 1`,
    ]);
  }
  return parseOrExplain(runDocumentSchema, value, WHAT);
}
