/**
 * A HAR file read in chunks as they come off the disk: the tokenizer (har-tokenizer.ts) hands
 * over one entry at a time and stops reading once `log.entries` has closed.
 */
import type { Readable } from 'node:stream';
import { harEntryToRequest } from './har-entry.ts';
import { HarEntryReader } from './har-tokenizer.ts';
import type { KeptRequests } from './kept-requests.ts';

/** Reads entries from `text` (a stream of strings) into `kept`; `tick` is called per chunk. */
export async function readHar(text: Readable, kept: KeptRequests, tick: () => void): Promise<string[]> {
  const reader = new HarEntryReader((entry, index, line) => {
    if (!kept.full) kept.add(harEntryToRequest(entry, index, line));
  });
  try {
    for await (const chunk of text) {
      reader.write(chunk as string);
      tick();
      if (reader.done || kept.full) break;
    }
  } finally {
    text.destroy();
  }
  if (!kept.full) reader.end();
  return [];
}
