/**
 * The Electron IPC channels, all under `CHANNEL_PREFIX`: the table main.ts and preload.ts share.
 * One invoke channel carries every call (`method` checked against `API_METHODS` on both sides),
 * one carries every pushed event, and `ready` is the renderer's signal that it listens.
 */
import { CHANNEL_PREFIX } from '../../shared/bridge.ts';

export const IPC_CHANNELS = Object.freeze({
  /** renderer → main, invoke(method, args) → CallOutcome */
  call: `${CHANNEL_PREFIX}call`,
  /** main → renderer, send(name, payload) */
  event: `${CHANNEL_PREFIX}event`,
  /** renderer → main, send(): the preload listens; queued events may flow */
  ready: `${CHANNEL_PREFIX}ready`,
});
