import type {EvictionPolicyName} from '../workload/types.js'
import type {EvictionPolicy, PolicyContext} from './eviction-policy.js'
import {FifoPolicy} from './fifo.js'
import {LfuPolicy} from './lfu.js'
import {LruPolicy} from './lru.js'

type EvictionPolicyFactory = (initialCapacity: number, context: PolicyContext) => EvictionPolicy

/** A context for policies that read nothing from the engine (unit tests, exact policies). */
const NO_CONTEXT: PolicyContext = {now: () => 0, expiresAt: () => Infinity, seed: 0}

/** Adding a policy of the ideal model: one file, one line here, one name in EVICTION_POLICY_NAMES. */
const FACTORIES: Record<EvictionPolicyName, EvictionPolicyFactory> = {
  lru: (capacity) => new LruPolicy(capacity),
  lfu: (capacity) => new LfuPolicy(capacity),
  fifo: (capacity) => new FifoPolicy(capacity),
}

export function createEvictionPolicy(name: EvictionPolicyName, initialCapacity: number, context: PolicyContext = NO_CONTEXT): EvictionPolicy {
  const factory = FACTORIES[name]
  if (factory === undefined) throw new RangeError(`unknown eviction policy "${name}"`)
  return factory(initialCapacity, context)
}
