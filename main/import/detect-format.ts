/**
 * Which format a file is in, from its first characters: Interleave's own run export (one JSON
 * object whose first key is "format"), k6's JSON output (one object a line, each with "type" and
 * "metric"), or a HAR file (one object whose only key is "log"). Anything else is treated as a
 * run export, whose reader explains what it expected.
 */
import type { ImportFormat } from '../../shared/scenario.ts';

/** What `interleave import` can read: the run export ('run') or another tool's file. */
export const IMPORT_CHOICES = ['run', 'k6', 'har'] as const;
export type ImportChoice = 'run' | ImportFormat;

/** Characters enough to decide: the first line of k6 output, the first key of a JSON document. */
export const HEAD_CHARS = 64 * 1024;

function firstKey(text: string): string | null {
  const m = /^\{\s*"((?:[^"\\]|\\.){0,200})"\s*:/.exec(text);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

export function detectFormat(head: string): ImportChoice {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const key = firstKey(text);
  if (key === 'log') return 'har';
  // k6 writes "type" first in Metric lines and in older Point lines, "metric" first in newer Point lines.
  if (key === 'type' || key === 'metric') {
    const newline = text.indexOf('\n');
    if (newline < 0 && text.length >= HEAD_CHARS) return 'run';
    try {
      const first = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as { type?: unknown };
      if (first.type === 'Point' || first.type === 'Metric') return 'k6';
    } catch {
      // A first line that is not JSON: still k6-shaped; its reader names the line.
      return 'k6';
    }
  }
  return 'run';
}
