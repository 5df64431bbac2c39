/** The document around a report's sections: doctype, charset, inline stylesheet, no script, no external resource. */
import { esc } from './escape.ts';
import { REPORT_CSS } from './styles.ts';

export function pageHtml(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Interleave">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface ReportOptions {
  /** ISO time the report was made; left out of the footer when absent (keeps output reproducible). */
  generatedAt?: string;
  /** The app's version, for the footer. */
  appVersion?: string;
  /**
   * CPU cores the theoretical bound assumes for a run that did not record its own (RunInfo.cores):
   * hosts pass this machine's. 2 when neither says.
   */
  cores?: number;
}

/** The footer; `imported` for a run whose latencies another tool measured (it cannot vouch for them). */
export function footerHtml(options: ReportOptions, imported = false): string {
  const when = options.generatedAt ? ` on ${esc(options.generatedAt)}` : '';
  const version = options.appVersion ? ` ${esc(options.appVersion)}` : '';
  const latency = imported
    ? 'Latencies are as the imported file measured them.'
    : 'Latency counts from the intended send (no coordinated omission).';
  return `<footer>Made with Interleave${version}${when}. ${latency} This file is self-contained: it opens offline and prints as shown.</footer>`;
}
