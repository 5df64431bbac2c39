import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderComparisonHtml, renderHtmlReport } from '../../../../shared/report/html.ts';
import { lanesSvg } from '../../../../shared/report/html/lanes-svg.ts';
import { Phase, type Lane } from '../../../../shared/trace.ts';
import { computeSummary } from '../../../../shared/analysis/summary.ts';
import { formatRps } from '../../../../shared/analysis/format.ts';
import { blockedLoopRun, gatherOffloadRun, makeRun, pack, syncWorkersRun } from '../fixtures.ts';

const EXTERNAL = /(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}|https?:\/\//i;

function checkSelfContained(html: string): void {
  assert.ok(html.startsWith('<!doctype html>'));
  assert.ok(!/https?:\/\//i.test(html), 'no http(s) URL at all');
  assert.ok(!EXTERNAL.test(html), 'no protocol-relative URL');
  assert.ok(
    !/<script|<link|<iframe|<img|@import|url\(/i.test(html),
    'no script, stylesheet link, frame, image or CSS url()',
  );
  assert.ok(/<style>[\s\S]*@media print/.test(html), 'inline CSS with a print layout');
  assert.ok(!/NaN|undefined/.test(html), 'no NaN or undefined leaked into the text');
}

test('a run report is one self-contained page with a chart per series and the lanes timeline', () => {
  for (const doc of [blockedLoopRun(), syncWorkersRun(), gatherOffloadRun()]) {
    const html = renderHtmlReport(doc);
    checkSelfContained(html);
    const charts = html.match(/<figure><svg/g) ?? [];
    assert.equal(charts.length, 6, 'throughput, in flight, percentiles, histogram, loop delay, busy threads');
    for (const title of [
      'Throughput',
      'Requests in flight',
      'Latency percentiles over time',
      'Latency histogram',
      'Event-loop delay',
      'Busy threads',
    ]) {
      assert.ok(html.includes(`aria-label="${title}"`), title);
    }
    assert.ok(html.includes('aria-label="Threads over time"'));
  }
});

test('names from users are escaped: a run called <script> is shown, not run', () => {
  const doc = blockedLoopRun('<script>alert("x")</script> & co');
  doc.requests[2] = { ...doc.requests[2], status: 500, error: '<img src=x onerror=alert(1)>' };
  const html = renderHtmlReport(doc);
  assert.ok(!html.includes('<script>'));
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the error message shows up escaped');
  const comparison = renderComparisonHtml([doc, syncWorkersRun('</td><script>')]);
  assert.ok(!comparison.includes('<script>'));
  assert.ok(comparison.includes('&lt;/td&gt;&lt;script&gt;'));
});

test('the report sets the measured numbers beside the bound and says what the model did', () => {
  const html = renderHtmlReport(syncWorkersRun());
  assert.ok(html.includes('Measured 300 ms p95; the model allows 300 ms: at the bound.'));
  assert.ok(html.includes('Each request holds one of the 4 sync workers'));
  assert.ok(html.includes('44% queued for a worker'));
  assert.ok(
    html.includes('<th scope="row">Server</th><td>sync workers (WSGI under gunicorn): 4 worker processes</td>'),
  );
  const loop = renderHtmlReport(blockedLoopRun());
  assert.ok(
    loop.includes(
      'The event loop was blocked for 1 s in all (longest loop block 91.1 ms); 9 requests waited behind it.',
    ),
  );
  assert.ok(loop.includes('<code>block 100 ms</code>'));
});

test('both reports say their percentiles are nearest-rank', () => {
  const sentence =
    /Percentiles are nearest-rank over the latencies of the completed requests: p95 is the latency of the request at rank ceil\(0\.95 × n\)/;
  assert.match(renderHtmlReport(syncWorkersRun()), sentence);
  assert.match(renderComparisonHtml([syncWorkersRun(), blockedLoopRun()]), sentence);
});

test("the bound assumes the cores the run recorded, else the host's, and the report says which", () => {
  // Four 50 ms computations on a pool of 4 without the interpreter lock: 200 ms of CPU a wave.
  const cpuRun = (cores: number | null) =>
    makeRun({
      cores,
      scenario: {
        server: { model: 'async', executor: 'pool', poolThreads: 4, gil: false },
        endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'cpu', ms: 50 } }] }],
        load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 4 } },
      },
      lanes: [],
      spans: [],
      requests: [],
    });
  // On 1 core the four take turns: 4 × 50 = 200 ms; on 4 cores they run at once: 50 ms.
  const one = renderHtmlReport(cpuRun(1), { cores: 4 });
  assert.match(one, /data-cores="1">The model assumes 1 CPU core, those of the machine that ran it\./);
  assert.match(one, /this machine has 1 core: at most 20 req\/s/);
  const four = renderHtmlReport(cpuRun(null), { cores: 4 });
  assert.match(
    four,
    /data-cores="4">The model assumes 4 CPU cores, this machine&#39;s \(the run did not record its own\)\./,
  );
  assert.match(renderHtmlReport(cpuRun(null)), /The model assumes 2 CPU cores, the default/);
  const comparison = renderComparisonHtml([cpuRun(1), cpuRun(null)], { cores: 4 });
  assert.match(comparison, /<th scope="row">model: CPU cores<\/th><td class="num">1<\/td><td class="num">4<\/td>/);
});

test('the reports give successful throughput and the error rate apart', () => {
  const doc = blockedLoopRun();
  // One of ten requests failed with a 500: 10% errors, and throughput counts the nine others.
  doc.requests[2] = { ...doc.requests[2], status: 500, error: 'boom' };
  const s = computeSummary(doc);
  const html = renderHtmlReport(doc);
  assert.ok(html.includes(`<dt>Successful throughput</dt><dd>${formatRps(s.throughputRps)}</dd>`));
  assert.ok(html.includes('<dt>Errors</dt><dd>1</dd>'));
  assert.ok(html.includes('<dt>Error rate</dt><dd>10%</dd>'));
  const comparison = renderComparisonHtml([doc, syncWorkersRun()]);
  assert.match(comparison, /<th scope="row">Error rate<\/th><td class="num">10%<\/td><td class="num">0%<\/td>/);
  assert.match(comparison, /<th scope="row">Successful throughput<\/th>/);
  // The sync workers have no loop to block: the row says so rather than "0 ms".
  assert.match(
    comparison,
    /<th scope="row">Longest loop block<\/th><td class="num">[^<]+ ms<\/td><td class="num">–<\/td>/,
  );
});

test('the report is reproducible unless asked to stamp a time', () => {
  const doc = syncWorkersRun();
  assert.equal(renderHtmlReport(doc), renderHtmlReport(doc));
  assert.ok(
    renderHtmlReport(doc, { generatedAt: '2026-03-02 09:00', appVersion: '0.1.0' }).includes(
      'Made with Interleave 0.1.0 on 2026-03-02 09:00',
    ),
  );
});

test('the lanes timeline merges sub-pixel spans to stay under its rect budget', () => {
  const lanes: Lane[] = Array.from({ length: 8 }, (_, i) => ({
    id: i,
    name: `executor ${i + 1}`,
    kind: 'executor',
    process: 0,
  }));
  // 40,000 spans of 50 µs alternating requests on 8 threads over 0.25 s: far below a pixel each.
  const spans = pack(
    Array.from({ length: 40_000 }, (_, i) => ({
      req: i,
      lane: i % 8,
      phase: i % 3 ? Phase.block : Phase.cpu,
      start: Math.floor(i / 8) * 50,
      end: Math.floor(i / 8) * 50 + 50,
    })),
  );
  const out = lanesSvg({ lanes, spans, requests: [], loop: [] }, { maxRects: 2000 });
  assert.ok(out.rects > 0 && out.rects <= 2000, `${out.rects} rects`);
  assert.equal((out.svg.match(/<rect /g) ?? []).length - 4, out.rects, 'one rect per merged run plus the zebra rows');
  assert.deepEqual(out.phases, [Phase.block, Phase.cpu]);
});

test('the lanes timeline draws a whole 100 ms block at its place and shows a quieter-lanes note when capped', () => {
  const out = lanesSvg(blockedLoopRun(), { width: 1000 });
  assert.equal(out.hiddenLanes, 0);
  assert.ok(out.rects >= 10, 'ten requests, ten rects at least');
  const many: Lane[] = Array.from({ length: 60 }, (_, i) => ({
    id: i,
    name: `executor ${i}`,
    kind: 'executor',
    process: 0,
  }));
  const capped = lanesSvg(
    { lanes: many, spans: pack([{ req: 0, lane: 59, phase: Phase.db, start: 0, end: 1000 }]), requests: [], loop: [] },
    { maxRows: 48 },
  );
  assert.equal(capped.hiddenLanes, 12);
  assert.ok(capped.svg.includes('executor 59'), 'the busy lane is kept');
});

test('a comparison shows the difference in words, one column per run and overlaid charts', () => {
  const html = renderComparisonHtml([blockedLoopRun(), syncWorkersRun()]);
  checkSelfContained(html);
  assert.ok(html.includes('async: p95 1 s; sync workers (4): p95 300 ms, 3.3× faster.'));
  assert.equal((html.match(/<figure><svg/g) ?? []).length, 4);
  assert.ok(html.includes('<td class="num">loop</td><td class="num">workers</td>'), 'bottlenecks side by side');
});

test('an interrupted run with no requests still renders a whole report', () => {
  const doc = syncWorkersRun();
  const empty = {
    ...doc,
    info: { ...doc.info, status: 'interrupted' as const, summary: null },
    spans: [],
    requests: [],
    loop: [],
  };
  const html = renderHtmlReport(empty);
  checkSelfContained(html);
  assert.ok(html.includes('The run recorded no requests.'));
  assert.equal((html.match(/<figure><svg/g) ?? []).length, 6);
  assert.ok(!html.includes('NaN') && !html.includes('Infinity'));
});
