/**
 * `interleave run --url …`: the flags that point a run at your own server. `--url` (repeatable,
 * for an equal mix) with `--method`, `--header 'Name: value'` (repeatable), `--body` or
 * `--body-file`, and `--allow-remote HOST` (repeatable) for a host that is not this machine.
 * A scenario file may hold the target instead (weights and per-request headers live there).
 *
 * A URL run's server is the one at the URL, so the flags that describe a server Interleave starts
 * (a preset, `--on`, `--server`, the view's steps…) are refused beside `--url` with a sentence,
 * and a URL scenario needs no `server` or `endpoints`: placeholders are filled in (they describe
 * nothing). The load flags apply as for any run.
 */
import { readFileSync, statSync } from 'node:fs';
import { MAX_REQUEST_BODY_CHARS, MAX_RUN_NAME_CHARS } from '../../shared/limits.ts';
import { HTTP_METHODS, type ScenarioInput } from '../../shared/scenario.ts';
import { describeUrlRequest } from '../../shared/url-target.ts';
import { UsageError } from './cli-error.ts';
import { SERVER_SETTING_FLAGS } from './server-flags.ts';

export interface UrlFlags {
  url?: string[];
  method?: string;
  header?: string[];
  body?: string;
  'body-file'?: string;
  'allow-remote'?: string[];
}

/** Flags that describe the server Interleave starts: meaningless for your own server at a URL. */
const SERVER_FLAGS = ['preset', 'on', 'django', ...SERVER_SETTING_FLAGS] as const;

/** `Name: value` → [name, value]. */
function header(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0)
    throw new UsageError(`--header is "${text}"; allowed "Name: value", such as --header 'Accept: text/html'`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

function headers(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of list.map(header)) {
    // The same header twice is one header with both values, as HTTP joins them.
    const same = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase());
    if (same) out[same] = `${out[same]}, ${value}`;
    else out[name] = value;
  }
  return out;
}

function bodyFile(file: string): string {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch (error) {
    throw new UsageError(
      `cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  // UTF-8 takes at most 4 bytes a character: a file past 4× the limit is too long unread.
  if (bytes > 4 * MAX_REQUEST_BODY_CHARS)
    throw new UsageError(`--body-file ${file} is ${bytes} bytes; allowed at most ${MAX_REQUEST_BODY_CHARS} characters`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** No `--url`: its companions are refused, since they would be ignored. */
function refuseCompanions(flags: UrlFlags & Record<string, unknown>, fileHasUrlTarget: boolean): void {
  for (const flag of ['method', 'header', 'body', 'body-file'] as const)
    if (flags[flag] !== undefined) throw new UsageError(`--${flag} goes with --url`);
  if (flags['allow-remote'] !== undefined && !fileHasUrlTarget)
    throw new UsageError('--allow-remote goes with --url, or with a --scenario file whose target is a URL');
}

/**
 * Applies the URL flags to `s` (the scenario file's contents, or `{}`): the target, the allowed
 * hosts, and placeholders for `server` and `endpoints`. Throws a UsageError for a conflict.
 */
export function applyUrlFlags(
  s: ScenarioInput & Record<string, unknown>,
  flags: UrlFlags & Record<string, unknown>,
): void {
  const target = s.target as { kind?: unknown; allowRemote?: unknown } | undefined;
  const fileHasUrlTarget = target?.kind === 'url';
  if (!flags.url) refuseCompanions(flags, fileHasUrlTarget);
  else {
    for (const flag of SERVER_FLAGS)
      if (flags[flag] !== undefined)
        throw new UsageError(
          `--url runs your own server at that URL, and --${flag} describes a server Interleave starts; give one or the other`,
        );
    if (flags.body !== undefined && flags['body-file'] !== undefined)
      throw new UsageError('give --body or --body-file, not both');
    const method = flags.method?.toUpperCase() ?? 'GET';
    if (!(HTTP_METHODS as readonly string[]).includes(method))
      throw new UsageError(`--method is "${flags.method}"; allowed: ${HTTP_METHODS.join(', ')}`);
    const body = flags['body-file'] !== undefined ? bodyFile(flags['body-file']) : flags.body;
    const shared = { method, headers: headers(flags.header ?? []), ...(body !== undefined ? { body } : {}) };
    s.target = {
      kind: 'url',
      requests: flags.url.map((url) => ({ ...shared, url }) as never),
      allowRemote: fileHasUrlTarget && Array.isArray(target?.allowRemote) ? (target.allowRemote as string[]) : [],
    };
    // Named after what it sends, unless a scenario file named it.
    if (s.name === undefined) {
      const first = describeUrlRequest({ method: method as never, url: flags.url[0] });
      s.name = (flags.url.length === 1 ? first : `${flags.url.length} URLs: ${first}, …`).slice(0, MAX_RUN_NAME_CHARS);
    }
  }
  if (s.target?.kind !== 'url') return;
  if (flags['allow-remote']) {
    const t = s.target as { allowRemote?: string[] };
    t.allowRemote = [...(Array.isArray(t.allowRemote) ? t.allowRemote : []), ...flags['allow-remote']];
  }
  // Required by the schema, and describing nothing for a URL run.
  s.server ??= { model: 'async' };
  s.endpoints ??= [{ name: 'url', view: 'async', steps: [] }];
}
