/**
 * The run's lane ↔ port map: which end of which MessageChannel each thread is given.
 *
 * Every lane that runs view code (the event loop, each executor, each sync worker) has a channel
 * to the sync-http thread, which makes the lane's blocking HTTP calls for it. Executors and sync
 * workers also have a channel to the server thread, which hands them tasks and requests (the
 * loop is the server thread itself; under `uvicorn --workers` each process's loop is a server
 * thread of its own, handing tasks to its own executors only). Each end is named for the thread that holds it, so nothing
 * is matched up by array position, and a port given to two threads cannot happen by accident.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Lane } from '../../../shared/trace.ts';
import type { ServerLanes } from '../lanes.ts';

/** The two ends of one channel: the lane's own thread holds `lane`, the other thread `peer`. */
export interface ChannelEnds {
  lane: MessagePort;
  peer: MessagePort;
}

/** The event loop's ports: its channel to the sync-http thread. */
export interface LoopPorts {
  lane: Lane;
  syncHttp: ChannelEnds;
}

/** An executor's or sync worker's ports: to the sync-http thread, and from the server thread. */
export interface HandedPorts extends LoopPorts {
  /** `peer` is the server thread's end. */
  server: ChannelEnds;
}

/** One uvicorn process's ports: its loop's, and its executors' (handed by that loop's thread). */
export interface ProcessPorts {
  loop: LoopPorts;
  executors: HandedPorts[];
}

export interface LanePortMap {
  processes: ProcessPorts[];
  workers: HandedPorts[];
  /** Which executor each executor lane (by id) belongs to (see lanes.ts). */
  executorGroup: ServerLanes['executorGroup'];
  /** The sync-http thread's ends, one per view lane: each process's loop and executors, then workers. */
  syncHttpPeers: MessagePort[];
}

function channel(): ChannelEnds {
  const { port1, port2 } = new MessageChannel();
  return { lane: port2, peer: port1 };
}

/** Opens one channel per lane and link, as the lanes plan needs. */
export function wireLanes(plan: ServerLanes): LanePortMap {
  const handed = (lane: Lane): HandedPorts => ({ lane, syncHttp: channel(), server: channel() });
  const processes = plan.processes.map((p) => ({
    loop: { lane: p.loop, syncHttp: channel() },
    executors: p.executors.map(handed),
  }));
  const workers = plan.workers.map(handed);
  const viewLanes: LoopPorts[] = [...processes.flatMap((p) => [p.loop, ...p.executors]), ...workers];
  return {
    processes,
    workers,
    executorGroup: plan.executorGroup,
    syncHttpPeers: viewLanes.map((p) => p.syncHttp.peer),
  };
}
