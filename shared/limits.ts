/**
 * The limits every edge enforces, each in one place: the store, the validated API, the command
 * line and the UI's inputs read them from here, so they cannot drift apart.
 */

/**
 * Longest run name, in characters after trimming. A run is named after its scenario unless given
 * a name, so a scenario's name has the same limit.
 */
export const MAX_RUN_NAME_CHARS = 120;

/** Fewest runs a comparison takes: one run compared with nothing says nothing. */
export const MIN_COMPARED_RUNS = 2;

/**
 * Most runs one comparison takes: past eight its colours and table columns are unreadable, and
 * every compared run is loaded whole.
 */
export const MAX_COMPARED_RUNS = 8;

/** Longest imported run (a JSON export), in characters: past this it is surely not one of ours. */
export const MAX_IMPORT_CHARS = 200 * 1024 * 1024;

/** Longest URL a URL run may target, in characters (browsers and servers refuse longer ones). */
export const MAX_TARGET_URL_CHARS = 2000;

/** Longest request body a URL run sends, in characters: a fixture, not an upload. */
export const MAX_REQUEST_BODY_CHARS = 1024 * 1024;

/** Most headers one request of a URL run carries. */
export const MAX_REQUEST_HEADERS = 32;

/** Longest header name and value of a URL run's request, in characters. */
export const MAX_HEADER_NAME_CHARS = 100;
export const MAX_HEADER_VALUE_CHARS = 8000;

/**
 * Most requests an imported k6 or HAR file keeps: the scenario schema's most requests a run may
 * have. Past it the import keeps the first ones in file order, stops reading, and says so.
 */
export const MAX_IMPORTED_REQUESTS = 1_000_000;

/**
 * Most endpoints an imported run names (the scenario schema's limit): the most frequent
 * method-and-path pairs keep their own, the rest are grouped as one "other".
 */
export const MAX_IMPORTED_ENDPOINTS = 32;

/** Longest endpoint label of an imported run ("GET /api/items"), in characters; longer ones are cut. */
export const MAX_ENDPOINT_LABEL_CHARS = 200;

/**
 * Threads the app keeps started for its next run (main/engine/threads/thread-reserve.ts), as many
 * of each kind as the last run used: every preset fits (the shop's 104 threads the most), and
 * so does a run of up to ~120 per-request threads. An idle one costs 10–16 MiB resident (bench run-start).
 */
export const WARM_THREADS_KEPT = 128;

/**
 * How long the app keeps a big run's spares while nothing runs, before it goes back to the first
 * screen's set: long enough for the next run of a session, short enough that an app left open
 * does not hold ~2 GiB for 128 idle threads.
 */
export const SPARES_KEPT_IDLE_MS = 5 * 60_000;

/**
 * How long the settings on screen must stay unchanged before the app starts their threads ahead
 * (renderer/src/app/use-prepare-threads.ts): a slider being dragged starts none.
 */
export const PREPARE_AFTER_MS = 600;
