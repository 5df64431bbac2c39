/**
 * The host's end of the bridge: serves an `InterleaveApi` over a transport.
 *
 * Everything that arrives is untrusted (a page may be compromised, a message may be garbage), so
 * `dispatchCall` checks the method against `API_METHODS` before touching the API, and turns every
 * outcome, including a thrown non-Error, into a plain result. Nothing here throws into the
 * transport: a bad message is answered or dropped, and a transport that fails to send (a socket
 * that just closed) is ignored, because the caller is gone anyway.
 */
import { API_METHODS, BRIDGE_EVENTS, type BridgeEvents, type InterleaveApi, type Transport } from './bridge.ts';
import { isApiMethod } from './bridge-client.ts';

/** The outcome of one call, ready to be sent back. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** Where pushed events come from: the app's `on` (see main/app/app.ts). */
export interface BridgeEventSource {
  on<E extends keyof BridgeEvents>(name: E, listener: (payload: BridgeEvents[E]) => void): () => void;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : `Unexpected failure: ${String(error)}`;
}

/**
 * Runs one call on `api` if `method` is in the allowlist and `args` is an array; never throws.
 * Shared by `serveApi` and the Electron shell's IPC handler, so both hosts refuse the same way.
 */
export async function dispatchCall(api: InterleaveApi, method: unknown, args: unknown): Promise<CallOutcome> {
  if (!isApiMethod(method)) {
    const name = typeof method === 'string' ? `"${method.slice(0, 60)}"` : `of type ${typeof method}`;
    return { ok: false, error: `Bridge method ${name} is not allowed; allowed: ${API_METHODS.join(', ')}` };
  }
  if (!Array.isArray(args)) return { ok: false, error: `Bridge call ${method}: arguments must be a list` };
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/**
 * Serves `api` on `transport`: answers every `call` with a `result`, and forwards every event of
 * `events` (one subscription per name in `BRIDGE_EVENTS`). Returns a function that stops both;
 * results of calls still running at that moment are dropped.
 */
export function serveApi(api: InterleaveApi, transport: Transport, events: BridgeEventSource): () => void {
  let open = true;
  const safeSend: Transport['send'] = (message) => {
    if (!open) return;
    try {
      transport.send(message);
    } catch {
      // The other end is gone; there is no one left to tell.
    }
  };

  const stopListening = transport.onMessage((message) => {
    // Only calls travel this way; a client sending results or events is ignored, not obeyed.
    if (message === null || typeof message !== 'object' || message.kind !== 'call') return;
    const id = message.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    void dispatchCall(api, message.method, message.args).then((outcome) =>
      safeSend(
        outcome.ok ? { kind: 'result', id, ok: true, value: outcome.value } : { kind: 'result', id, ...outcome },
      ),
    );
  });

  const unsubscribers = BRIDGE_EVENTS.map((name) =>
    events.on(name, (payload) => safeSend({ kind: 'event', name, payload })),
  );

  return () => {
    open = false;
    stopListening();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
