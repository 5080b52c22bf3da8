import {totalmem} from 'node:os'
import {InputError} from '../errors.js'
import type {Workload} from '../workload/types.js'
import {formatSize} from '../workload/units.js'

/**
 * Bytes a run keeps for every key id of its keyspace once the keys have been touched, whatever
 * the cache's size: the origin's version, commit time, cached version and its successor's commit
 * time (8 B each), value size and pinned-version chain (4 B each), the engine's key table and the
 * origin reads in flight (4 B each), and the wasted-write flag (1 B). A run of 100M keys measured
 * 3.6 GB resident before most keys were touched.
 */
export const BYTES_PER_KEY = 49
/** Share of the machine's memory the per-key state of a run's copies may take, leaving room for the rest. */
const MEMORY_SHARE = 0.8

/**
 * Refuses a run whose per-key state, in each of its `copies` (worker threads, compare's threads:
 * each keeps its own), cannot fit in this machine's memory: past it the process is killed by the
 * system mid-run, with no result and no sentence. Traces size their keyspace as they are read.
 */
export function checkMemoryFor(workload: Workload, copies: number, copiesAre: 'workers' | 'threads' = 'workers', memoryBytes = machineMemory()): void {
  if (workload.trace !== undefined || workload.messaging) return
  const keys = workload.keyspace.count
  const needed = keys * BYTES_PER_KEY * copies
  if (needed <= memoryBytes * MEMORY_SHARE) return
  const each = copies > 1 ? ` in ${copies} ${copiesAre} (each keeps its own)` : ''
  const fewer = copies === 1 ? 'fewer keys' : copiesAre === 'workers' ? 'fewer keys or workers, or split the run over hosts with --shard' : 'fewer keys or --threads'
  throw new InputError(
    `keyspace.count ${keys.toLocaleString('en-US')}${each} needs about ${formatSize(needed)} of memory for per-key state (${BYTES_PER_KEY} B a key), more than ${Math.round(MEMORY_SHARE * 100)}% of this machine's ${formatSize(memoryBytes)}; use ${fewer}.`,
  )
}

/** The memory this process may use: the machine's, or a container's limit when one is set below it. */
function machineMemory(): number {
  const total = totalmem()
  const limit = process.constrainedMemory?.() ?? 0
  return limit > 0 && limit < total ? limit : total
}
