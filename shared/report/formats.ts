/**
 * Export formats by file name, and one entry point that renders any of them. Hosts (the
 * Electron shell's save dialog, the browser-mode download, the CLI's `--out report.html`) pick
 * the format from the name the user chose and call `renderExport`.
 */
import type { ExportFormat } from '../bridge.ts';
import type { RunDocument, RunInfo } from '../run.ts';
import { renderChromeTrace } from './chrome-trace.ts';
import { runToCsv } from './csv.ts';
import { renderHtmlReport, type ReportOptions } from './html.ts';
import { runToJson } from './json.ts';

/** File endings, longest first: `.trace.json` must win over `.json`. */
const ENDINGS: readonly [string, ExportFormat][] = [
  ['.trace.json', 'trace'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.json', 'json'],
  ['.csv', 'csv'],
];

const EXTENSION: Record<ExportFormat, string> = { html: '.html', json: '.json', csv: '.csv', trace: '.trace.json' };

const MIME: Record<ExportFormat, string> = {
  html: 'text/html;charset=utf-8',
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  trace: 'application/json',
};

/** The format a file name asks for, or null when its ending is not one of ours. */
export function formatFromFileName(name: string): ExportFormat | null {
  const lower = name.trim().toLowerCase();
  for (const [ending, format] of ENDINGS) if (lower.endsWith(ending) && lower.length > ending.length) return format;
  return null;
}

/** A file-system-safe slug of a run's name: lowercase letters, digits and dashes, at most 60. */
function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'run';
}

/** The default file name of an export: `interleave-12-async-view-calling-time-sleep.trace.json`. */
export function fileNameFor(info: Pick<RunInfo, 'id' | 'name'>, format: ExportFormat): string {
  return `interleave-${info.id}-${slug(info.name)}${EXTENSION[format]}`;
}

/** The MIME type to save or serve an export with. */
export function mimeFor(format: ExportFormat): string {
  return MIME[format];
}

/** Render a run in the given format. */
export function renderExport(doc: RunDocument, format: ExportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'html':
      return renderHtmlReport(doc, options);
    case 'json':
      return runToJson(doc);
    case 'csv':
      return runToCsv(doc);
    case 'trace':
      return renderChromeTrace(doc);
  }
}
