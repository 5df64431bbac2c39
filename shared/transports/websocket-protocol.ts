/**
 * The browser-mode bridge's wire, named once for both ends (main/host and renderer/src/bridge).
 * One `BridgeMessage` per JSON text frame, on a WebSocket to the page's own origin at
 * `BRIDGE_PATH`. The client offers two subprotocols: `BRIDGE_PROTOCOL` and
 * `TOKEN_PROTOCOL_PREFIX + token`; the host checks the token and selects `BRIDGE_PROTOCOL`, so
 * the token is never echoed back.
 */

/** Path of the WebSocket endpoint on the browser-mode host. */
export const BRIDGE_PATH = '/bridge';

/** The subprotocol the host selects. */
export const BRIDGE_PROTOCOL = 'interleave-bridge';

/** Prefix of the subprotocol that carries the per-launch token: `interleave.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'interleave.';

/** The fragment key under which the printed URL carries the token: `#token=…`. */
export const TOKEN_HASH_KEY = 'token';

/**
 * Largest frame either end accepts, in bytes: an imported run arrives as one message. The host
 * closes a socket that sends more, so the page checks first and fails only that one call.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
