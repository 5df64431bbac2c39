/**
 * The limits every edge enforces, each in one place: the store, the validated API, the command
 * line and the UI's inputs read them from here, so they cannot drift apart.
 */

/**
 * Longest run name, in characters after trimming. A run is named after its scenario unless given
 * a name, so a scenario's name has the same limit.
 */
export const MAX_RUN_NAME_CHARS = 120;
