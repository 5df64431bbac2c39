/**
 * What the HTML reports say about a run imported from another tool's file in place of the
 * model's bound and the settings: where it came from, what it cannot show, what the import
 * found, and its endpoints by method and path with their share of the requests.
 */
import { IMPORTED_RUN_LIMITS, importedFrom, type ImportedTarget } from '../../imported-run.ts';
import type { RunDocument } from '../../run.ts';
import { esc } from './escape.ts';

/** The "where it came from" box: the source, its limits and the import's notes. */
export function importedSourceHtml(target: ImportedTarget): string {
  const notes = target.notes.length ? `<ul>${target.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<div class="bound"><p><strong>${esc(importedFrom(target))}</strong>. ${esc(IMPORTED_RUN_LIMITS)}</p>${notes}</div>`;
}

/** The endpoints table of an imported run: method and path, requests, share. */
export function importedEndpointsHtml(doc: Pick<RunDocument, 'requests'>, target: ImportedTarget): string {
  const counts = new Array<number>(target.endpoints.length).fill(0);
  for (const r of doc.requests) if (r.endpoint < counts.length) counts[r.endpoint]++;
  const total = Math.max(1, doc.requests.length);
  const rows = target.endpoints
    .map(
      (label, i) =>
        `<tr><td><code>${esc(label)}</code></td><td class="num">${counts[i].toLocaleString('en-US')}</td><td class="num">${esc(Math.round((counts[i] / total) * 100))}%</td></tr>`,
    )
    .join('');
  return `<table class="endpoints"><thead><tr><th>endpoint</th><th class="num">requests</th><th class="num">share</th></tr></thead><tbody>${rows}</tbody></table>`;
}
