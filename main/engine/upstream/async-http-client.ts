/**
 * The async HTTP client of async code (httpx.AsyncClient, aiohttp): keep-alive connections,
 * awaited, so the thread is free while the upstream thinks.
 */
import { Agent, request } from 'undici';
import type { HttpResult } from './upstream-url.ts';

export class AsyncHttpClient {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

  async get(url: string, timeoutMs: number): Promise<HttpResult> {
    try {
      const res = await request(url, { dispatcher: this.agent, signal: AbortSignal.timeout(timeoutMs) });
      await res.body.text();
      return { status: res.statusCode, error: null, timedOut: false };
    } catch (error) {
      return { status: 0, error: describeHttpError(error, timeoutMs), timedOut: isTimeout(error) };
    }
  }

  close(): Promise<void> {
    return this.agent.destroy();
  }
}

/** The call was ended by its timeout signal. */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** A short, stable sentence for an HTTP failure: refused, reset, timed out. */
function describeHttpError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (isTimeout(error)) return `timed out after ${timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return e.message ?? String(error);
}
