// Every flag of every command, given values it cannot use: exit code 2 and a sentence that names
// the flag (or the field it sets) and what is allowed, before any run starts. The store named
// by --db is checked afterwards: nothing was added to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'interleave-cli-flags-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'runs.db');
const folder = join(dir, 'a-folder');
mkdirSync(folder);
const notJson = join(dir, 'not-a-run.json');
writeFileSync(notJson, '<!doctype html><title>report</title>');

/** [argv without --db, what stderr must say] */
const RUN_CASES: [string[], RegExp][] = [
  [['--preset', 'nope'], /there is no preset "nope"/],
  [['--preset', 'async-await', '--scenario', notJson], /give --preset or --scenario, not both/],
  [['--server', 'twisted'], /--server is "twisted"; allowed: async, sync-workers/],
  [['--workers', 'many'], /--workers must be a number; got "many"/],
  [['--workers', ''], /--workers needs a value/],
  [['--preset', ''], /--preset needs a value/],
  [['--rate', ''], /--rate needs a value/],
  [['--out', ''], /--out needs a value/],
  [['--workers', 'Infinity'], /--workers must be a number; got "Infinity"/],
  [['--workers', 'NaN'], /--workers must be a number; got "NaN"/],
  [['--workers=-1', '--server', 'sync-workers'], /`server\.workers` is -1; allowed at least 1/],
  [['--workers', '0'], /`server\.workers` is 0; allowed at least 1/],
  [['--workers', '65'], /`server\.workers` is 65; allowed at most 64/],
  [['--workers', '2.5'], /`server\.workers` is 2\.5; expected int/],
  [['--workers', '1e400'], /--workers must be a number; got "1e400"/],
  [['--workers', '-1'], /argument is ambiguous/],
  [['--view', 'coroutine'], /--view is "coroutine"; allowed: async, sync/],
  [['--executor', 'celery'], /--executor is "celery"; allowed: per-request, one-thread, pool/],
  [['--threads', '0'], /`server\.poolThreads` is 0; allowed at least 1/],
  [['--threads', '1000'], /`server\.poolThreads` is 1000; allowed at most 64/],
  [['--gil', 'maybe'], /--gil is "maybe"; allowed: on, off/],
  [['--step', 'sleep'], /--step is "sleep"; allowed: await, block, cpu, db, upstream, offload/],
  [['--step', 'await', '--latency', 'slow'], /--latency must be a number; got "slow"/],
  [['--step', 'await', '--latency=-5'], /`endpoints\[0\]\.steps\[0\]\.ms` is -5; allowed at least 0/],
  [['--step', 'await', '--latency', '1e9'], /`endpoints\[0\]\.steps\[0\]\.ms` is 1000000000; allowed at most 60000/],
  [['--latency', '1e9'], /`endpoints\[0\]\.steps\[0\]\.ms` is 1000000000; allowed at most 60000/],
  [['--step', 'block', '--inner', 'cpu'], /--inner goes with --step offload/],
  [['--step', 'offload', '--inner', 'await'], /--inner is "await"; allowed: block, cpu, db, upstream/],
  [['--gather', '2'], /--gather goes with --step/],
  [['--step', 'await', '--gather', '0'], /--gather is "0"; allowed a whole number of copies, at least 1/],
  [['--step', 'await', '--gather=-3'], /--gather is "-3"; allowed a whole number of copies, at least 1/],
  [['--step', 'await', '--gather', '2.5'], /--gather is "2\.5"; allowed a whole number of copies, at least 1/],
  [
    ['--step', 'await', '--gather', '33'],
    /`endpoints\[0\]\.steps\[0\]\.steps` is a list of 33; allowed at most 32 items/,
  ],
  [['--view', 'sync', '--step', 'await'], /a sync view \(def\) cannot await/],
  [['--concurrency', '0'], /`load\.concurrency` is 0; allowed at least 1/],
  [['--concurrency', '5000'], /`load\.concurrency` is 5000; allowed at most 1000/],
  [['--concurrency', 'lots'], /--concurrency must be a number; got "lots"/],
  [['--concurrency', '5', '--rate', '5'], /give --concurrency \(closed load\) or --rate \(open load\), not both/],
  [['--rate', '0'], /`load\.rateRps` is 0; allowed at least 0\.1/],
  [['--rate', '1e9'], /`load\.rateRps` is 1000000000; allowed at most 20000/],
  [['--rate', '10', '--arrival', 'bursty'], /--arrival is "bursty"; allowed: constant, poisson/],
  [['--rate', '10', '--max-in-flight', '0'], /`load\.maxInFlight` is 0; allowed at least 1/],
  [['--rate', '10', '--max-in-flight', '1e6'], /`load\.maxInFlight` is 1000000; allowed at most 1000/],
  [['--think=-1'], /`load\.thinkMs` is -1; allowed at least 0/],
  [['--think', '1e7'], /`load\.thinkMs` is 10000000; allowed at most 60000/],
  [['--requests', '0'], /`load\.end\.count` is 0; allowed at least 1/],
  [['--requests', '1e7'], /`load\.end\.count` is 10000000; allowed at most 1000000/],
  [['--requests', '2.5'], /`load\.end\.count` is 2\.5; expected int/],
  [['--duration', '0'], /`load\.end\.seconds` is 0; allowed at least 0\.1/],
  [['--duration', '1e6'], /`load\.end\.seconds` is 1000000; allowed at most 3600/],
  [['--requests', '5', '--duration', '5'], /give --requests or --duration, not both/],
  [['--out', join(dir, 'report.pdf')], /the file name must end in \.html, \.json, \.csv or \.trace\.json/],
  [['--name', ''], /--name: a run name must be 1\.\.120 characters after trimming; got 0/],
  [['--name', '   '], /--name: a run name must be 1\.\.120 characters after trimming; got 0/],
  [['--name', 'n'.repeat(5000)], /--name: a run name must be 1\.\.120 characters after trimming; got 5000/],
  [['--json=yes'], /Option '--json' does not take an argument/],
  [['--frobnicate', '3'], /Unknown option '--frobnicate'/],
  [['positional'], /unexpected argument "positional"/],
];

/** Whole command lines for the other commands, --db included where it is the point. */
const OTHER_CASES: [string[], RegExp][] = [
  [['run', '--requests', '1', '--db', folder], /--db .*a-folder is a folder; give a store file/],
  [['run', '--requests', '1', '--db', ''], /--db needs a value/],
  [['runs', '--db', folder], /--db .*a-folder is a folder/],
  [['runs', '--db', ''], /--db needs a file name/],
  [['runs', '--db', db, 'extra'], /Unexpected argument 'extra'/],
  [['runs', '--db', db, '--all'], /Unknown option '--all'/],
  [['export', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', '1', '2', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', '0', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', 'abc', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', '1.5', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', '1e400', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', '9007199254740993', '--db', db, '--out', join(dir, 'x.html')], /give one run id/],
  [['export', '--db', db, '--out', join(dir, 'x.html'), '--', '-1'], /give one run id/],
  [['export', '1', '--db', db], /--out FILE is required/],
  [['export', '1', '--db', db, '--out', join(dir, 'x.pdf')], /the file name must end in/],
  [['export', '1', '--db', folder, '--out', join(dir, 'x.html')], /--db .*a-folder is a folder/],
  [['import', '--db', db], /give one file to import/],
  [['import', notJson, notJson, '--db', db], /give one file to import/],
  [['import', join(dir, 'missing.json'), '--db', db], /cannot read .*missing\.json: ENOENT/],
  [['import', folder, '--db', db], /cannot read .*a-folder: EISDIR/],
  [['import', notJson, '--db', db], /The run file is not valid:\n {2}- is not JSON \(it looks like HTML/],
  [['compare', '1', '--db', db], /give 2 to 8 different run ids/],
  [['compare', '1', '1', '--db', db], /give 2 to 8 different run ids/],
  [['compare', '1', '2', '3', '4', '5', '6', '7', '8', '9', '--db', db], /give 2 to 8 different run ids/],
  [['compare', '1', '2', '--db', db, '--out', join(dir, 'x.pdf')], /a comparison is written as \.html/],
  [['presets', 'extra'], /Unexpected argument 'extra'/],
  [['presets', '--verbose'], /Unknown option '--verbose'/],
  [['frobnicate'], /unknown command "frobnicate"; commands: presets, run, runs, export, import/],
  [['--version'], /unknown command "--version"/],
];

test(`${RUN_CASES.length + OTHER_CASES.length} bad command lines: exit code 2 and a sentence, nothing stored`, async (t) => {
  const cases: [string[], RegExp][] = [
    ...RUN_CASES.map(([argv, m]): [string[], RegExp] => [['run', ...argv, '--db', db], m]),
    ...OTHER_CASES,
  ];
  for (const [argv, message] of cases) {
    const line = argv.join(' ').slice(0, 120);
    const result = await runCli(argv);
    assert.equal(result.code, 2, `${line}: exit code (stderr: ${result.stderr.slice(0, 300)})`);
    assert.match(result.stderr, /^interleave: /, line);
    assert.match(result.stderr, message, line);
    assert.ok(result.stderr.length < 2_000, `${line}: a message, not a dump (${result.stderr.length} characters)`);
  }
  // The folder given as --db was refused, not renamed aside as a damaged store.
  assert.deepEqual(readdirSync(dir).sort(), ['a-folder', 'not-a-run.json']);
  t.diagnostic(`bad command lines tried: ${cases.length}`);
});

test('an empty command line prints the usage and exits 2; --help exits 0', async () => {
  const empty = await runCli([]);
  assert.equal(empty.code, 2);
  assert.match(empty.stdout, /^usage:/);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage:/);
});
