import type {EvictionPolicyName} from '../workload/types.js'
import {ArcPolicy} from './arc.js'
import type {EvictionPolicy, PolicyContext} from './eviction-policy.js'
import {FifoPolicy} from './fifo.js'
import {LfuPolicy} from './lfu.js'
import {LruPolicy} from './lru.js'
import {S3FifoPolicy} from './s3-fifo.js'
import {SievePolicy} from './sieve.js'
import {TwoQPolicy} from './two-q.js'

type EvictionPolicyFactory = (initialCapacity: number, context: PolicyContext) => EvictionPolicy

/** A context for a policy on its own (unit tests): no clock, no TTLs, each slot its own key. */
const NO_CONTEXT: PolicyContext = {now: () => 0, expiresAt: () => Infinity, keyOf: (slot) => slot, seed: 0}

/** Adding a policy of the ideal model: one file, one line here, one name in EVICTION_POLICY_NAMES. */
const FACTORIES: Record<EvictionPolicyName, EvictionPolicyFactory> = {
  lru: (capacity) => new LruPolicy(capacity),
  lfu: (capacity) => new LfuPolicy(capacity),
  fifo: (capacity) => new FifoPolicy(capacity),
  sieve: (capacity) => new SievePolicy(capacity),
  's3-fifo': (capacity, context) => new S3FifoPolicy(capacity, context),
  '2q': (capacity, context) => new TwoQPolicy(capacity, context),
  arc: (capacity, context) => new ArcPolicy(capacity, context),
}

export function createEvictionPolicy(name: EvictionPolicyName, initialCapacity: number, context: PolicyContext = NO_CONTEXT): EvictionPolicy {
  const factory = FACTORIES[name]
  if (factory === undefined) throw new RangeError(`unknown eviction policy "${name}"`)
  return factory(initialCapacity, context)
}
