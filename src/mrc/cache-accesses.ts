import {createKeyDistribution} from '../generators/distributions.js'
import {createOperationMix} from '../generators/operation-mix.js'
import {createRandom, Stream} from '../generators/random.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import {itemBytes} from '../engine/item-size.js'
import {InputError} from '../errors.js'
import {structureOperationsOf, type Workload} from '../workload/types.js'
import {engineModelOf} from './engine-model.js'
import {LOOKUP, REMOVE, STORE, type CacheAccessKind, type CacheAccessVisitor, type StreamLength} from './cache-access.js'
import {replayTraceAccesses, traceObstacle} from './trace-accesses.js'

export {LOOKUP, REMOVE, STORE, type CacheAccessKind, type CacheAccessVisitor, type StreamLength} from './cache-access.js'

/**
 * Why a stack-distance curve would not equal LRU simulation of this workload, or null when it
 * does. LRU is a stack algorithm only while entries leave by eviction alone: a delete (or an
 * entry shrinking) frees room at one size that a recency stack would wrongly hand back to keys
 * already evicted. TTLs, strategies whose misses do not fill, other policies or engine models,
 * events and phases change what is cached in ways a recency stack does not capture either.
 */
export function stackDistanceObstacle(workload: Workload, unit: 'items' | 'bytes'): string | null {
  const {strategy, cache, mix} = workload
  if (mix.delete > 0) return 'the mix has deletes'
  if (strategy.name === 'lazy-loading' && strategy.invalidateOnWrite && mix.write > 0) return 'writes invalidate cached entries'
  if (unit === 'bytes' && mix.write > 0 && workload.values.distribution !== 'fixed') return 'writes change the size of values'
  if (!['lazy-loading', 'write-through', 'write-behind'].includes(strategy.name)) return `the strategy is ${strategy.name}`
  if (strategy.ttlMs !== null) return 'entries have a TTL'
  if (strategy.lease !== null) return 'leases are on'
  if (cache.eviction !== 'lru') return `the eviction policy is ${cache.eviction}`
  if (engineModelOf(workload) !== 'ideal') return `the engine model is ${engineModelOf(workload)}`
  if (workload.phases) return 'the workload has phases'
  if (workload.events) return 'the workload has events'
  if (structureOperationsOf(workload.mix).length > 0) return 'the mix has data-structure operations'
  return workload.trace ? traceObstacle(workload, workload.trace, unit) : null
}

/**
 * An open-loop phased run's starts: each phase's mean rate (a ramp's is the middle of its ends)
 * over its duration, as the run makes them; null for a closed loop or a run without phases.
 */
function phasedStarts(workload: Workload, untilMs = Number.POSITIVE_INFINITY): number | null {
  const phases = workload.phases
  if (phases === undefined || phases.some((phase) => phase.rate === null)) return null
  let starts = 0
  let phaseStart = 0
  for (const phase of phases) {
    const within = Math.min(phase.durationMs, untilMs - phaseStart)
    if (within <= 0) break
    const {from, to} = phase.rate!
    // A ramp's rate grows linearly across its phase: the mean over the part within is the middle of its ends there.
    const rateAtEnd = from + ((to - from) * within) / phase.durationMs
    starts += ((from + rateAtEnd) / 2) * (within / 1000)
    phaseStart += phase.durationMs
  }
  return Math.round(starts)
}

/** The stream length the workload's load section describes. */
export function streamLengthOf(workload: Workload): StreamLength {
  const {load} = workload
  const rate = load.rate
  const total = load.operations ?? phasedStarts(workload) ?? (rate !== null && load.durationMs !== null ? Math.round((rate * load.durationMs) / 1000) : null)
  if (total === null && workload.phases) {
    // --operations is refused beside phases: the advice below would lead nowhere.
    throw new InputError(
      `${workload.file ?? workload.name}: a curve needs a fixed number of operations, and a closed-loop phased run has none (its phases set concurrency, not a rate); give every phase a rate instead of a concurrency.`,
    )
  }
  if (total === null) {
    throw new InputError(`${workload.file ?? workload.name}: a closed-loop run of fixed duration has no fixed number of operations for a curve; give --operations.`)
  }
  const warmup =
    'operations' in load.warmup
      ? load.warmup.operations
      : (phasedStarts(workload, load.warmup.durationMs) ?? (rate === null ? 0 : Math.round((rate * load.warmup.durationMs) / 1000)))
  return {requests: total, warmup: Math.min(warmup, total - 1)}
}

/**
 * Replays the workload's operations as a run with one operation in flight draws them — the same
 * seeded keys, mix and value sizes, or the trace's requests — and tells `visit` what each does
 * to the cache. Value sizes follow the origin's: one initial draw per key, a new draw per write,
 * 0 after a delete.
 */
export function replayCacheAccesses(workload: Workload, length: StreamLength, visit: CacheAccessVisitor): void {
  // Lazy loading's writes go to the origin only; the other strategies store what they write.
  const writeKind: CacheAccessKind | null =
    workload.strategy.name === 'lazy-loading' ? (workload.strategy.invalidateOnWrite ? REMOVE : null) : STORE
  if (workload.trace) {
    replayTraceAccesses(workload, workload.trace, length, writeKind, visit)
    return
  }
  const seed = workload.seed
  const keys = createKeyDistribution(workload.keyspace, createRandom(seed, Stream.keys))
  const mix = createOperationMix(workload.mix, createRandom(seed, Stream.mix))
  const sizes = originSizes(workload)
  const {requests, warmup} = length
  for (let i = 0; i < requests; i++) {
    const measured = i >= warmup
    const kind = mix.next()
    if (kind === 'read') {
      const key = keys.nextKey()
      visit(LOOKUP, key, sizes.bytes(key), measured)
    } else if (kind === 'write') {
      const key = keys.nextWriteKey()
      sizes.write(key)
      if (writeKind !== null) visit(writeKind, key, sizes.bytes(key), measured)
    } else if (kind === 'delete') {
      const key = keys.nextKey()
      sizes.remove(key)
      visit(REMOVE, key, 0, measured)
    }
  }
}

interface OriginSizes {
  bytes(key: number): number
  write(key: number): void
  remove(key: number): void
}

/** Item bytes of each key as the origin would serve it; one number for all keys when values have a fixed size. */
function originSizes(workload: Workload): OriginSizes {
  const {values, seed, keyspace} = workload
  if (values.distribution === 'fixed') {
    const size = Math.round(values.bytes)
    return {bytes: (key) => itemBytes(key, size), write: () => undefined, remove: () => undefined}
  }
  const initial = createValueSizeGenerator(values, createRandom(seed, Stream.initialSizes))
  const written = createValueSizeGenerator(values, createRandom(seed, Stream.valueSizes))
  const sizes = new Int32Array(keyspace.count)
  for (let key = 0; key < keyspace.count; key++) sizes[key] = initial.next()
  return {
    bytes: (key) => itemBytes(key, sizes[key]),
    write: (key) => {
      sizes[key] = written.next()
    },
    remove: (key) => {
      sizes[key] = 0
    },
  }
}
