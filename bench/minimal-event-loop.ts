import {CacheEngine} from '../src/engine/index.js'
import {createKeyDistribution, createRandom} from '../src/generators/index.js'
import {createLatencyModel} from '../src/generators/latency-model.js'
import {Stream} from '../src/generators/random.js'
import {DurationHistogram} from '../src/metrics/histogram.js'
import {TimerHeap} from '../src/time/timer-heap.js'
import type {Workload} from '../src/workload/types.js'

const GET = 0
const ORIGIN_READ = 1
const SET = 2
const ORIGIN_WRITE = 3

/**
 * A second reference for a lazy-loading closed loop (read-heavy): the least a discrete-event
 * simulation of it does per operation, written out by hand with no strategy, no slot and no
 * bookkeeping — `concurrency` slots in a timer heap, the workload's key and mix draws, a fixed
 * cache latency, lognormal (or any modelled) origin latencies, the engine's get and set with the
 * TTL, and five histograms. No staleness, pins, origin queue, timeline or wasted writes: it
 * shows what the figures the core adds on top cost, and what one JavaScript thread does at all.
 */
export function minimalEventLoop(workload: Workload, operations: number): {hitRatio: number; perSecond: {wall: number; cpu: number}} {
  const seed = workload.seed
  const cacheLatency = workload.cache.latency
  if (cacheLatency.distribution !== 'fixed') throw new Error('the minimal event loop models a fixed cache latency only')
  const cacheMs = cacheLatency.ms
  const ttlMs = workload.strategy.ttlMs
  const jitter = workload.strategy.ttlJitter
  const slots = workload.load.concurrency
  const heap = new TimerHeap()
  let now = 0
  const engine = new CacheEngine({maxItems: workload.cache.maxItems, capacityBytes: null, eviction: workload.cache.eviction, seed, now: () => now})
  const keys = createKeyDistribution(workload.keyspace, createRandom(seed, Stream.keys))
  const mix = createRandom(seed, Stream.mix)
  const ttlRandom = createRandom(seed, Stream.ttlJitter)
  const readLatency = createLatencyModel(workload.origin.latency, createRandom(seed, Stream.originLatency))
  const writeLatency = createLatencyModel(workload.origin.writeLatency ?? workload.origin.latency, createRandom(seed, Stream.originLatency, 1))
  const readShare = workload.mix.read / (workload.mix.read + workload.mix.write + workload.mix.delete)
  const histograms = Array.from({length: 5}, () => new DurationHistogram())
  const [getLatency, readOverall, setLatency, originRead, originWrite] = histograms
  const started = new Float64Array(slots)
  const commandStart = new Float64Array(slots)
  const keyOf = new Int32Array(slots)
  const step = new Int32Array(slots)
  let issued = 0
  let reads = 0
  let hits = 0
  const arrive: Array<() => void> = []

  const start = (slot: number): void => {
    issued++
    started[slot] = now
    commandStart[slot] = now
    keyOf[slot] = keys.nextKey()
    if (mix.next() < readShare) {
      step[slot] = GET
      heap.push(now + cacheMs, arrive[slot])
    } else {
      step[slot] = ORIGIN_WRITE
      heap.push(now + writeLatency.sample(), arrive[slot])
    }
  }
  const finish = (slot: number): void => {
    if (issued < operations) start(slot)
  }
  for (let slot = 0; slot < slots; slot++) {
    arrive.push(() => {
      const key = keyOf[slot]
      switch (step[slot]) {
        case GET:
          getLatency.record(now - commandStart[slot])
          if (engine.lookup(key) >= 0) {
            reads++
            hits++
            readOverall.record(now - started[slot])
            return finish(slot)
          }
          step[slot] = ORIGIN_READ
          commandStart[slot] = now
          return heap.push(now + readLatency.sample(), arrive[slot])
        case ORIGIN_READ:
          originRead.record(now - commandStart[slot])
          step[slot] = SET
          commandStart[slot] = now
          return heap.push(now + cacheMs, arrive[slot])
        case SET:
          setLatency.record(now - commandStart[slot])
          engine.set(key, 1, now, 1024, ttlMs === null ? null : ttlMs * (1 - jitter + 2 * jitter * ttlRandom.next()))
          reads++
          readOverall.record(now - started[slot])
          return finish(slot)
        default:
          originWrite.record(now - commandStart[slot])
          return finish(slot)
      }
    })
  }
  const cpuBefore = process.cpuUsage()
  const wallBefore = performance.now()
  for (let slot = 0; slot < slots; slot++) start(slot)
  while (heap.size > 0) {
    now = heap.peekTime()
    heap.pop()()
  }
  const wallMs = performance.now() - wallBefore
  const cpu = process.cpuUsage(cpuBefore)
  for (const histogram of histograms) histogram.destroy()
  return {hitRatio: hits / reads, perSecond: {wall: (issued / wallMs) * 1000, cpu: issued / ((cpu.user + cpu.system) / 1e6)}}
}
