/**
 * The renderer's typed client of the bridge.
 *
 * One builder, `bridgeClientOf`, turns any "call a method by name" function and any "subscribe
 * to an event by name" function into a `BridgeClient`: the methods are made from `API_METHODS`,
 * so the client cannot drift from the allowlist and never hands out raw channels. Two callers
 * feed it: `createBridgeClient` over a message `Transport` (the browser host's WebSocket, the
 * in-memory pair of the tests) and the Electron preload's small `window.interleave` object.
 */
import {
  API_METHODS,
  BRIDGE_EVENTS,
  type ApiMethod,
  type BridgeClient,
  type BridgeEventName,
  type BridgeEvents,
  type BridgeMessage,
  type InterleaveApi,
  type Transport,
} from './bridge.ts';

/** Calls one API method by name; resolves with its value or rejects with an `Error`. */
export type BridgeCall = (method: ApiMethod, args: unknown[]) => Promise<unknown>;

/** Subscribes to one bridge event by name; returns an unsubscribe function. */
export type BridgeSubscribe = (name: BridgeEventName, listener: (payload: unknown) => void) => () => void;

/**
 * What the Electron preload exposes as `window.interleave`: one call function and one event
 * subscription, both refusing names outside `API_METHODS` / `BRIDGE_EVENTS`.
 */
export interface PreloadBridge {
  call: BridgeCall;
  on: BridgeSubscribe;
}

/**
 * A transport that can also say it has closed for good (a WebSocket). Calls still waiting when
 * it closes are rejected with the reason, instead of hanging forever.
 */
export interface ClosableTransport extends Transport {
  onClose(listener: (reason: string) => void): () => void;
}

/** True when `name` is one of `API_METHODS`. */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** True when `name` is one of `BRIDGE_EVENTS`. */
export function isBridgeEventName(name: unknown): name is BridgeEventName {
  return typeof name === 'string' && (BRIDGE_EVENTS as readonly string[]).includes(name);
}

/**
 * Drops trailing `undefined` arguments. JSON (the WebSocket wire) would turn them into `null`,
 * and `startRun(scenario, null)` is not `startRun(scenario)`: an optional parameter must arrive
 * missing, not null, whatever the transport.
 */
function trimTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

/** A typed `BridgeClient` over a call function and a subscribe function. */
export function bridgeClientOf(call: BridgeCall, subscribe: BridgeSubscribe): BridgeClient {
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    methods[method] = (...args: unknown[]) => call(method, trimTrailingUndefined(args));
  }
  const on = <E extends BridgeEventName>(name: E, listener: (payload: BridgeEvents[E]) => void): (() => void) => {
    if (!isBridgeEventName(name)) throw new Error(`Unknown bridge event "${String(name)}"`);
    return subscribe(name, listener as (payload: unknown) => void);
  };
  // The object has exactly one function per API method, built from the allowlist above.
  return Object.freeze({ ...(methods as unknown as InterleaveApi), on });
}

/**
 * A `BridgeClient` over a message transport: each call sends `{kind: 'call', id, method, args}`
 * and settles on the `result` with the same id; host errors become `Error`s with the host's
 * message. If the transport is a `ClosableTransport`, calls pending when it closes are rejected.
 */
export function createBridgeClient(transport: Transport | ClosableTransport): BridgeClient {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<BridgeEventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closedReason: string | null = null;

  transport.onMessage((message: BridgeMessage) => {
    if (message.kind === 'result') {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error));
    } else if (message.kind === 'event') {
      // Copy: a listener may unsubscribe (itself or another) while we iterate.
      for (const listener of [...(listeners.get(message.name) ?? [])]) {
        try {
          listener(message.payload);
        } catch (error) {
          // One faulty listener must not starve the others or break the transport; rethrown
          // outside this loop so it still shows up as an uncaught error.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  });

  if ('onClose' in transport) {
    transport.onClose((reason) => {
      closedReason = reason;
      for (const waiter of pending.values()) waiter.reject(new Error(reason));
      pending.clear();
    });
  }

  const call: BridgeCall = (method, args) =>
    new Promise((resolve, reject) => {
      if (closedReason !== null) return reject(new Error(closedReason));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        transport.send({ kind: 'call', id, method, args });
      } catch (error) {
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });

  const subscribe: BridgeSubscribe = (name, listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    // A wrapper, so subscribing the same function twice gives two independent subscriptions.
    const entry = (payload: unknown) => listener(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  };

  return bridgeClientOf(call, subscribe);
}
