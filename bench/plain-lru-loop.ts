import {createKeyDistribution, createRandom} from '../src/generators/index.js'
import type {Workload} from '../src/workload/types.js'

/**
 * The reference a simulation's speed is judged against: an in-process loop doing what a
 * hit-ratio simulator does per request and nothing more — draw the workload's next key and look
 * it up in an LRU of the workload's item count (a Map in recency order: a hit moves the key to
 * the back, a miss inserts it and drops the front when full). No time, latency, origin or
 * staleness: the floor under the cost of one simulated operation.
 */
export function plainLruLoop(workload: Workload, operations: number): {hits: number; perSecond: {wall: number; cpu: number}} {
  const keys = createKeyDistribution(workload.keyspace, createRandom(workload.seed))
  const capacity = workload.cache.maxItems ?? workload.keyspace.count
  const lru = new Map<number, true>()
  let hits = 0
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (let operation = 0; operation < operations; operation++) {
    const key = keys.nextKey()
    if (lru.delete(key)) hits++
    else if (lru.size >= capacity) lru.delete(lru.keys().next().value as number)
    lru.set(key, true)
  }
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return {hits, perSecond: {wall: (operations / wallMs) * 1000, cpu: (operations / ((cpu.user + cpu.system) / 1000)) * 1000}}
}
