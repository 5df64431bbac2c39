/**
 * Which phase wins when spans share a pixel equally, or share the instant under the pointer.
 * Work that holds a thread outranks "running" (a sync worker's running span encloses its
 * blocked and cpu spans), and any server phase outranks the waits around it, so the reason a
 * request was slow is what stays visible and what hovering describes.
 */
import { PHASES, type PhaseId } from '../../../shared/trace.ts';
import { DRAW_CODE_COUNT } from './draw-codes.ts';
import type { PhaseRules } from './level-of-detail.ts';

const RANK: Record<PhaseId, number> = {
  client: 0,
  running: 1,
  await: 2,
  upstream: 3,
  offload: 3,
  queued: 4,
  'exec-queue': 4,
  gil: 5,
  block: 6,
  db: 6,
  connect: 6,
  'pool-wait': 5,
  closing: 5,
  'upstream-block': 6,
  cpu: 7,
  framework: 6,
};

/** Priority by phase code. */
export const PHASE_PRIORITY: Int16Array = Int16Array.from(PHASES, (p) => RANK[p.id]);

/**
 * How the level of detail treats each draw code (see level-of-detail.ts and draw-codes.ts): the
 * client's phases and Server-Timing bars have strips of their own, so their rank only breaks
 * ties among themselves.
 */
export const PHASE_RULES: PhaseRules = {
  priority: Int16Array.from({ length: DRAW_CODE_COUNT }, (_, code) => PHASE_PRIORITY[code] ?? 0),
  context: Array.from({ length: DRAW_CODE_COUNT }, (_, code) => {
    const id = PHASES[code]?.id;
    return id === 'running' || id === 'client';
  }),
};
