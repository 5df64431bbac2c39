/**
 * Frame timing inside the page, on the page's own clock.
 *
 * Each animation frame the probe notes the frame's start (the rAF timestamp) and posts a message
 * to itself; the message runs as the first task after the frame's callbacks, style, layout and
 * paint have finished, so "now − frame start" is how long the frame kept the main thread, from
 * the start of the frame to the end of its rendering, including input and socket tasks that
 * ran inside it. The interval between rAF timestamps shows dropped frames (16.7 ms at 60 Hz,
 * 33 ms when one was dropped).
 *
 * The probe is plain JavaScript text: functions compiled by the TypeScript loader carry helper
 * calls that do not exist in the page.
 */
import type { Page } from 'playwright-core';

export interface FrameSamples {
  /** Main-thread time per frame, ms. */
  frameMs: number[];
  /** Time between consecutive frames, ms. */
  intervalMs: number[];
}

const PROBE = `(duration) => new Promise((resolve) => {
  const frameMs = [];
  const intervalMs = [];
  const channel = new MessageChannel();
  let frameStart = 0;
  let previous = 0;
  const end = performance.now() + duration;
  channel.port2.onmessage = () => frameMs.push(performance.now() - frameStart);
  const onFrame = (timestamp) => {
    if (previous) intervalMs.push(timestamp - previous);
    previous = timestamp;
    frameStart = timestamp;
    channel.port1.postMessage(0);
    if (performance.now() < end) requestAnimationFrame(onFrame);
    else setTimeout(() => resolve({ frameMs, intervalMs }), 50);
  };
  requestAnimationFrame(onFrame);
})`;

/** Samples frames for `ms` milliseconds; whatever the caller does meanwhile is what is timed. */
export function sampleFrames(page: Page, ms: number): Promise<FrameSamples> {
  return page.evaluate(`(${PROBE})(${Number(ms)})`) as Promise<FrameSamples>;
}
