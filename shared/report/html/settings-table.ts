/** The scenario's settings as a readable table: server, executor, interpreter lock, load, endpoints and their steps. */
import { describeExecutor, describeLoad, describeStep } from '../../analysis/describe-scenario.ts';
import { formatMs, plural } from '../../analysis/format.ts';
import type { Scenario } from '../../scenario.ts';
import { esc } from './escape.ts';
import { hasEventLoop } from '../../scenario.ts';

function rows(pairs: readonly [string, string][]): string {
  return pairs.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
}

export function settingsHtml(scenario: Scenario): string {
  const { server, load } = scenario;
  const pairs: [string, string][] = [];
  if (hasEventLoop(server.model)) {
    pairs.push([
      'Server',
      server.model === 'async'
        ? 'async (ASGI under uvicorn): one event loop thread'
        : `uvicorn --workers ${server.workers} (ASGI): ${plural(server.workers, 'process', 'processes')}, each its own event loop`,
    ]);
    pairs.push(['Executor', describeExecutor(server)]);
  } else {
    pairs.push([
      'Server',
      `sync workers (WSGI under gunicorn): ${plural(server.workers, 'worker process', 'worker processes')}`,
    ]);
  }
  pairs.push([
    'Interpreter lock',
    server.gil
      ? 'on: the threads of a process take turns for CPU work'
      : 'off: free-threaded, CPU work runs in parallel',
  ]);
  pairs.push(['Load', describeLoad(load)]);
  pairs.push(['Request timeout', formatMs(load.timeoutMs)]);
  pairs.push(['Seed', String(scenario.seed)]);
  const totalWeight = scenario.endpoints.reduce((s, e) => s + e.weight, 0);
  const endpoints = scenario.endpoints
    .map(
      (e) =>
        `<tr><td><code>${esc(e.name)}</code></td><td class="num">${esc(Math.round((e.weight / totalWeight) * 100))}%</td><td>${e.view === 'async' ? '<code>async def</code>' : '<code>def</code>'}</td><td>${
          e.steps.length ? e.steps.map((s) => `<code>${esc(describeStep(s))}</code>`).join(' → ') : '(no steps)'
        }</td></tr>`,
    )
    .join('');
  return `<table class="settings"><tbody>${rows(pairs)}</tbody></table>
<h3>Endpoints</h3>
<table class="endpoints"><thead><tr><th>endpoint</th><th class="num">share</th><th>view</th><th>steps, in order</th></tr></thead><tbody>${endpoints}</tbody></table>`;
}
