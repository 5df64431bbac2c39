/**
 * URL runs' public face, beside the engine's and real Django's: the same "scenario in; batches,
 * progress and a summary out" for a scenario whose target is your own server at a URL.
 */
export { startOnUrl, urlRunRefusal } from './run-on-url.ts';
