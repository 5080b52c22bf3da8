import type {EvictionPolicyName} from '../workload/types.js'
import type {EvictionPolicy} from './eviction-policy.js'
import {FifoPolicy} from './fifo.js'
import {LfuPolicy} from './lfu.js'
import {LruPolicy} from './lru.js'

type EvictionPolicyFactory = (initialCapacity: number) => EvictionPolicy

/** Adding a policy: one file, one line here, one name in EVICTION_POLICY_NAMES. */
const FACTORIES: Record<EvictionPolicyName, EvictionPolicyFactory> = {
  lru: (capacity) => new LruPolicy(capacity),
  lfu: (capacity) => new LfuPolicy(capacity),
  fifo: (capacity) => new FifoPolicy(capacity),
}

export function createEvictionPolicy(name: EvictionPolicyName, initialCapacity: number): EvictionPolicy {
  const factory = FACTORIES[name]
  if (factory === undefined) throw new RangeError(`unknown eviction policy "${name}"`)
  return factory(initialCapacity)
}
