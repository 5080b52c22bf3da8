import type {EngineEvictionName, EvictionPolicyName, ModelName} from '../../workload/types.js'
import {MODEL_EVICTIONS} from '../../workload/types.js'
import type {EvictionPolicy, PolicyContext} from '../eviction-policy.js'
import {createEvictionPolicy} from '../policy-registry.js'
import {IdealMemory} from './ideal-memory.js'
import {MemcachedMemory} from './memcached-memory.js'
import {MemcachedSegmentedLru} from './memcached-segmented-lru.js'
import type {MemoryModel} from './memory-model.js'
import {RedisMemory} from './redis-memory.js'
import {RedisSampledEviction, type RedisScore} from './redis-sampled-eviction.js'

/** memcached's default -m (memcached.c settings_init: maxbytes 64 MiB). */
const MEMCACHED_DEFAULT_BYTES = 64 * 1024 * 1024

/** A model: how it counts memory and how it picks victims; one entry per model below. */
interface EngineModel {
  /** The server's own memory limit when none is given (memcached's -m default); null: unbounded. */
  defaultCapacityBytes: number | null
  /** The memory of a cache of this limit (null: unbounded). */
  memory(capacityBytes: number | null): MemoryModel
  policy(eviction: EngineEvictionName, initialCapacity: number, context: PolicyContext): EvictionPolicy
}

const REDIS_POLICIES: Record<string, {score: RedisScore; volatileOnly: boolean}> = {
  noeviction: {score: 'none', volatileOnly: false},
  'allkeys-lru': {score: 'lru', volatileOnly: false},
  'allkeys-lfu': {score: 'lfu', volatileOnly: false},
  'allkeys-random': {score: 'random', volatileOnly: false},
  'volatile-lru': {score: 'lru', volatileOnly: true},
  'volatile-lfu': {score: 'lfu', volatileOnly: true},
  'volatile-random': {score: 'random', volatileOnly: true},
  'volatile-ttl': {score: 'ttl', volatileOnly: true},
}

const MODELS: Record<ModelName, EngineModel> = {
  ideal: {
    defaultCapacityBytes: null,
    memory: (capacityBytes) => new IdealMemory(capacityBytes ?? Infinity),
    policy: (eviction, capacity, context) => createEvictionPolicy(eviction as EvictionPolicyName, capacity, context),
  },
  memcached: {
    defaultCapacityBytes: MEMCACHED_DEFAULT_BYTES,
    // Never null here: createMemoryModel gives the default above when no limit is set.
    memory: (capacityBytes) => new MemcachedMemory(capacityBytes as number),
    policy: (_eviction, capacity, context) => new MemcachedSegmentedLru(capacity, context),
  },
  redis: {
    // redis.conf's maxmemory 0: no limit.
    defaultCapacityBytes: null,
    memory: (capacityBytes) => new RedisMemory(capacityBytes ?? Infinity),
    policy: (eviction, capacity, context) => {
      const {score, volatileOnly} = REDIS_POLICIES[eviction]
      return new RedisSampledEviction(capacity, context, score, volatileOnly)
    },
  },
}

function checkEviction(model: ModelName, eviction: EngineEvictionName): void {
  const accepted: readonly string[] = MODEL_EVICTIONS[model]
  if (!accepted.includes(eviction)) throw new RangeError(`model ${model} has no eviction "${eviction}"; it accepts ${accepted.join(', ')}`)
}

/** The memory limit a model runs with: the one given, else the server's own default (memcached's 64 MiB; none for the others). */
export function modelCapacityBytes(model: ModelName, capacityBytes: number | null): number | null {
  return capacityBytes ?? MODELS[model].defaultCapacityBytes
}

export function createMemoryModel(model: ModelName, capacityBytes: number | null): MemoryModel {
  return MODELS[model].memory(modelCapacityBytes(model, capacityBytes))
}

export function createModelPolicy(model: ModelName, eviction: EngineEvictionName, initialCapacity: number, context: PolicyContext): EvictionPolicy {
  checkEviction(model, eviction)
  return MODELS[model].policy(eviction, initialCapacity, context)
}
