/** What each bottleneck is called in sentences and tables: "the event loop", "the sync workers". */
import type { Bottleneck } from './resources.ts';

export const BOTTLENECK_WORDS: Readonly<Record<Bottleneck, string>> = {
  loop: 'the event loop',
  workers: 'the sync workers',
  executor: 'the executor threads',
  pool: 'the thread pool',
  'to-thread': "asyncio's default executor",
  connections: 'the database connection pool',
  gil: 'the interpreter lock',
  cores: 'the CPU cores',
  load: 'the load itself',
  none: 'nothing',
};
