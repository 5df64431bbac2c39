/**
 * The parts of a URL run's report that differ from a model run's: where the load went instead
 * of the model's bound, and the requests of the mix instead of the server and its endpoints
 * (a URL run's `server` and `endpoints` describe nothing).
 */
import { describeLoad } from '../../analysis/describe-scenario.ts';
import { formatMs, plural } from '../../analysis/format.ts';
import type { Scenario, UrlTarget } from '../../scenario.ts';
import { describeUrlTarget, urlThreadsNote } from '../../url-target.ts';
import { esc } from './escape.ts';

/** "Ran against …", in place of "Measured against the model". */
export function urlTargetHtml(target: UrlTarget, serverThreads: boolean): string {
  const allowed = target.allowRemote.length
    ? `<p class="note">Hosts allowed besides this machine: ${target.allowRemote.map((h) => `<code>${esc(h)}</code>`).join(', ')}.</p>`
    : '';
  return `<p>Ran against <code>${esc(describeUrlTarget(target))}</code>${
    target.requests.length > 1 ? ` (listed under Settings)` : ''
  }: your own server, so the model predicts nothing about it.</p><p class="note">${esc(urlThreadsNote(serverThreads))}</p>${allowed}`;
}

/** The settings of a URL run: the load, and each request of the mix with its share. */
export function urlSettingsHtml(scenario: Scenario, target: UrlTarget): string {
  const { load } = scenario;
  const rows = [
    ['Target', `your own server: ${describeUrlTarget(target)}`],
    ['Load', describeLoad(load)],
    ['Request timeout', formatMs(load.timeoutMs)],
    ['Redirects', 'not followed: a 3xx is the response'],
    ['Seed', String(scenario.seed)],
  ]
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('');
  const total = target.requests.reduce((s, r) => s + r.weight, 0);
  const requests = target.requests
    .map((r) => {
      const headers = Object.keys(r.headers);
      const extra = [
        headers.length ? `${plural(headers.length, 'header')}: ${headers.join(', ')}` : '',
        r.body !== undefined ? `body of ${plural(r.body.length, 'character')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return `<tr><td><code>${esc(r.method)}</code></td><td><code>${esc(r.url)}</code></td><td class="num">${esc(Math.round((r.weight / total) * 100))}%</td><td>${esc(extra || '–')}</td></tr>`;
    })
    .join('');
  return `<table class="settings"><tbody>${rows}</tbody></table>
<h3>Requests</h3>
<table class="endpoints"><thead><tr><th>method</th><th>URL</th><th class="num">share</th><th>sent with</th></tr></thead><tbody>${requests}</tbody></table>`;
}
