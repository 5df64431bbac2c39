/**
 * The HTML exports: one run as a report, several runs compared. Both are one self-contained
 * file (inline CSS and SVG, no script, no external URL) that opens offline and prints cleanly.
 * Pure functions of the run documents: the Electron shell, the browser-mode host and the CLI
 * all call these.
 */
export { renderHtmlReport } from './html/run-report.ts';
export { renderComparisonHtml } from './html/comparison-report.ts';
export type { ReportOptions } from './html/page.ts';
