import type {CachedValue} from '../targets/cache-target.js'
import {Completion} from './completion.js'
import type {StrategySpec} from '../workload/types.js'
import type {Flow, FlowIo} from './flow.js'
import {PlainReadFlow} from './plain-read.js'
import type {ReadPathHooks} from './read-path-hooks.js'
import type {ReadAnswer} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/** The read of every lazily filling strategy: answer from the cache, or read the origin and fill. */
export interface ReadPath {
  read(key: number, io: FlowIo): Flow<ReadAnswer>
}

/**
 * The plain read path, or one protected against stampedes: `singleFlight` shares one origin
 * read among this process's concurrent misses on a key; `lease` lets the cache pick one filler
 * per key and voids the lease on a write, which also stops stale sets.
 */
export function createReadPath(spec: StrategySpec, ttl: TtlPolicy, hooks: ReadPathHooks = {}): ReadPath {
  if (spec.lease) return {read: leasedRead(ttl, spec.lease.retryAfterMs, hooks)}
  if (spec.singleFlight) return {read: singleFlightRead(ttl, hooks)}
  return {read: plainRead(ttl, hooks)}
}

function plainRead(ttl: TtlPolicy, hooks: ReadPathHooks): ReadPath['read'] {
  return (key, io) => {
    const reused = io.readFlow
    // Made on the io's first read, for this read path (an io serves one strategy), then reused.
    const flow = reused instanceof PlainReadFlow && reused.madeFor(ttl, hooks) ? reused : new PlainReadFlow(io, ttl, hooks)
    io.readFlow = flow
    return flow.start(key)
  }
}

/** The origin read a key's first miss makes, which later misses of the key wait for. */
interface SharedLoad {
  /** Done when the origin has answered: `value` holds the answer. */
  loaded: Completion
  value: CachedValue | null
}

/**
 * The first miss on a key reads the origin and fills; misses of the key while its read is on the
 * way wait for it (FlowIo.join) and answer with the same value, without a read or a fill of their
 * own. The key stays claimed until the fill lands, or a miss in between would read the origin again.
 */
function singleFlightRead(ttl: TtlPolicy, hooks: ReadPathHooks): ReadPath['read'] {
  const loading = new Map<number, SharedLoad>()
  return function* (key, io) {
    yield io.cacheGet(key)
    const cached = io.value
    if (cached !== null) {
      hooks.hit?.(key, io)
      return {value: cached, fromCache: true}
    }
    const shared = loading.get(key)
    if (shared !== undefined) {
      if (!shared.loaded.done) yield io.join(shared.loaded)
      return {value: shared.value, fromCache: false}
    }
    const load: SharedLoad = {loaded: new Completion(), value: null}
    loading.set(key, load)
    try {
      yield io.originRead(key)
      const value = io.value as CachedValue
      load.value = value
      load.loaded.complete()
      yield* fill(key, value, io, ttl, hooks)
      return {value, fromCache: false}
    } finally {
      loading.delete(key)
    }
  }
}

function leasedRead(ttl: TtlPolicy, retryAfterMs: number, hooks: ReadPathHooks): ReadPath['read'] {
  return function* (key, io) {
    // Ends: the holder fills the key, a write voids its lease, or the lease lapses — and each
    // retry lets time pass.
    for (;;) {
      yield io.leaseGet(key)
      const answer = io.lease
      if (answer.kind === 'hit') {
        hooks.hit?.(key, io)
        return {value: answer.value, fromCache: true}
      }
      if (answer.kind === 'lease') {
        yield io.originRead(key)
        const value = io.value as CachedValue
        const ttlMs = ttl.next()
        yield io.leaseSet(key, value, ttlMs, answer.token)
        if (io.stored) hooks.filled?.(key, ttlMs)
        return {value, fromCache: false}
      }
      yield io.wait(retryAfterMs)
    }
  }
}

function* fill(key: number, value: CachedValue, io: FlowIo, ttl: TtlPolicy, hooks: ReadPathHooks): Flow<void> {
  const ttlMs = ttl.next()
  yield io.cacheSet(key, value, ttlMs)
  hooks.filled?.(key, ttlMs)
}
