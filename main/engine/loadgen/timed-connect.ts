/**
 * undici's own connector, with the instants a new connection passed: connecting began, TCP was
 * up, TLS was done (https only). Only new connections pay for it (a clock read or three and a
 * small object); a request on an open keep-alive connection never comes here.
 *
 * The stamps are taken in the connector's callback, before undici sees the socket: undici writes
 * the waiting request from inside that callback, so a listener added to the socket afterwards
 * would run after the request had already gone.
 */
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import type { Micros } from '../../../shared/trace.ts';

/** When a new connection passed each point; later points absent until (unless) reached. */
export interface ConnectTimes {
  start: Micros;
  tcp?: Micros;
  tls?: Micros;
}

/**
 * A connector for `new Client(url, { connect })` that reports each connection's ConnectTimes to
 * `onConnect` as soon as connecting begins (the object fills in as the connection comes up).
 */
export function timedConnector(
  now: () => Micros,
  onConnect: (times: ConnectTimes) => void,
  options: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connect = buildConnector(options);
  return (opts, callback) => {
    const times: ConnectTimes = { start: now() };
    onConnect(times);
    const https = opts.protocol === 'https:';
    // undici's connector returns the socket it made (its type says void).
    const socket = (connect as unknown as (...args: Parameters<typeof connect>) => Socket)(opts, (...result) => {
      if (result[0] === null) {
        const t = now();
        if (https) times.tls = t;
        else times.tcp = t;
      }
      callback(...result);
    });
    // Over https the TLS socket says 'connect' once TCP is up, then the handshake begins.
    if (https) socket.once('connect', () => (times.tcp = now()));
  };
}
