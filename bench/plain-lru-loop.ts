import {createKeyDistribution, createRandom} from '../src/generators/index.js'
import type {Workload} from '../src/workload/types.js'

const NONE = -1

/**
 * The reference a simulation's speed is judged against: an in-process loop doing what a
 * hit-ratio simulator does per request and nothing more — draw the workload's next key and look
 * it up in an LRU of the workload's item count. The LRU is a doubly linked list threaded through
 * typed arrays indexed by key (keys are small integers), as a C simulator keeps it; a JavaScript
 * Map in recency order would be slower, as finding its oldest entry skips the holes that moved keys leave.
 * No time, latency, origin or staleness: the floor under the cost of one simulated operation.
 */
export function plainLruLoop(workload: Workload, operations: number): {hits: number; perSecond: {wall: number; cpu: number}} {
  const count = workload.keyspace.count
  const keys = createKeyDistribution(workload.keyspace, createRandom(workload.seed))
  const capacity = workload.cache.maxItems ?? count
  const newer = new Int32Array(count).fill(NONE)
  const older = new Int32Array(count).fill(NONE)
  const cached = new Uint8Array(count)
  let newest = NONE
  let oldest = NONE
  let size = 0
  let hits = 0
  const unlink = (key: number): void => {
    if (newer[key] === NONE) newest = older[key]
    else older[newer[key]] = older[key]
    if (older[key] === NONE) oldest = newer[key]
    else newer[older[key]] = newer[key]
  }
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (let operation = 0; operation < operations; operation++) {
    const key = keys.nextKey()
    if (cached[key] === 1) {
      hits++
      unlink(key)
    } else {
      if (size === capacity) {
        const evicted = oldest
        unlink(evicted)
        cached[evicted] = 0
      } else size++
      cached[key] = 1
    }
    newer[key] = NONE
    older[key] = newest
    if (newest === NONE) oldest = key
    else newer[newest] = key
    newest = key
  }
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return {hits, perSecond: {wall: (operations / wallMs) * 1000, cpu: (operations / ((cpu.user + cpu.system) / 1000)) * 1000}}
}
