/** The flags that change the server or the view a preset describes (`interleave run`, `sweep`). */
export const SERVER_SETTING_FLAGS = [
  'server',
  'workers',
  'view',
  'executor',
  'threads',
  'gil',
  'step',
  'latency',
  'inner',
  'gather',
  'limit-concurrency',
  'backlog',
  'worker-timeout',
  'allow-async-unsafe',
  'sync-middleware',
  'django',
] as const;
