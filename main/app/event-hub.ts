/**
 * Pushed events (run progress, notices) fanned out to whoever listens: the Electron shell, the
 * browser host's sockets, the CLI's progress line. Notices raised before anyone listened (a
 * damaged store found while opening) are kept and handed to the first listener, so they are
 * never lost to a race at start-up.
 *
 * A listener that throws (a socket closed under it) must not stop the others or the run, so its
 * error is caught; but it is logged, once per listener, so a broken listener is not silent and a
 * listener failing on every batch does not flood the log.
 */
import type { BridgeEventName, BridgeEvents } from '../../shared/bridge.ts';

type Listener<E extends BridgeEventName> = (payload: BridgeEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Map<BridgeEventName, Set<Listener<BridgeEventName>>>();
  private readonly unheardNotices: BridgeEvents['notice'][] = [];
  private readonly failedListeners = new WeakSet<Listener<BridgeEventName>>();

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  emit<E extends BridgeEventName>(name: E, payload: BridgeEvents[E]): void {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) {
      if (name === 'notice') this.unheardNotices.push(payload as BridgeEvents['notice']);
      return;
    }
    for (const listener of set) {
      try {
        listener(payload);
      } catch (error) {
        if (this.failedListeners.has(listener)) continue;
        this.failedListeners.add(listener);
        const reason = error instanceof Error ? error.message : String(error);
        this.log(
          `A listener of '${name}' events failed (${reason}); it stays subscribed, further failures of it are not logged.`,
        );
      }
    }
  }

  on<E extends BridgeEventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<BridgeEventName>);
    if (name === 'notice') for (const n of this.unheardNotices.splice(0)) (listener as Listener<'notice'>)(n);
    return () => set.delete(listener as Listener<BridgeEventName>);
  }
}
