import {modelCapacityBytes} from '../engine/models/model-registry.js'
import {InputError} from '../errors.js'
import {ownStream} from '../generators/random.js'
import {DEFAULT_EVICTION, isModelName, MODEL_EVICTIONS, MODEL_NAMES, structureOperationsOf, type CacheSpec, type EngineEvictionName} from '../workload/types.js'
import {itemLimitOfModel} from '../workload/sections/cache.js'
import {parseSize} from '../workload/units.js'
import {BuiltinPool} from './builtin-pool.js'
import {BuiltinTarget} from './builtin-target.js'
import type {CacheTarget} from './cache-target.js'
import type {TargetContext} from './target-context.js'
import type {TargetUrl} from './target-url.js'

const BUILTIN_PARAMS = ['model', 'maxItems', 'capacity', 'eviction', 'nodes'] as const
/** Node indexes are kept in 16 bits per key. */
const MAX_POOL_NODES = 1024

/**
 * `builtin://?maxItems=10000&capacity=64MiB&eviction=lfu` overrides the workload's `cache:`
 * section (`model=redis&eviction=allkeys-lru` too; a model without an eviction takes the
 * model's default); `nodes=N` makes it a pool of N engines behind a consistent-hash ring.
 */
export function createBuiltinTarget(url: TargetUrl, context: TargetContext): CacheTarget {
  const spec: CacheSpec = {...context.workload.cache}
  let nodes: number | null = null
  for (const [name, value] of url.params) {
    if (name === 'maxItems') {
      const items = Number(value)
      if (!Number.isInteger(items) || items < 1) throw new InputError(`builtin://?maxItems must be a whole number ≥ 1 (got "${value}").`)
      spec.maxItems = items
    } else if (name === 'capacity') {
      spec.capacityBytes = parseSize(value, 'builtin://?capacity')
      if (spec.capacityBytes < 1) throw new InputError(`builtin://?capacity must be at least 1B (got "${value}").`)
    } else if (name === 'model') {
      if (!isModelName(value)) {
        throw new InputError(`builtin://?model must be one of ${MODEL_NAMES.join(', ')} (got "${value}").`)
      }
      spec.model = value
      if (!url.params.has('eviction')) spec.eviction = DEFAULT_EVICTION[spec.model]
    } else if (name === 'eviction') {
      spec.eviction = value as EngineEvictionName
    } else if (name === 'nodes') {
      nodes = Number(value)
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_POOL_NODES) {
        throw new InputError(`builtin://?nodes must be a whole number from 1 to ${MAX_POOL_NODES} (got "${value}").`)
      }
    } else {
      throw new InputError(`builtin:// has no parameter "${name}"; use ${BUILTIN_PARAMS.join(', ')}.`)
    }
  }
  if (spec.model !== 'ideal' && spec.maxItems !== null) {
    if (url.params.has('maxItems')) throw new InputError(`builtin://?maxItems ${itemLimitOfModel(spec.model, '?capacity')}.`)
    // The file's limit was for its ideal cache; the URL's model stands for a node (the result says so).
    spec.maxItems = null
  }
  // A model's own limit when none is given (memcached's 64 MiB), set here so the result says what ran: each node of a pool has its own.
  spec.capacityBytes ??= scaled(modelCapacityBytes(spec.model, null), nodes ?? 1)
  const accepted: readonly string[] = MODEL_EVICTIONS[spec.model]
  if (!accepted.includes(spec.eviction)) {
    throw new InputError(`builtin://?eviction "${spec.eviction}" is not an eviction of model ${spec.model}; it accepts ${accepted.join(', ')}.`)
  }
  if (url.hosts.length > 0) throw new InputError(`builtin:// takes no host (got "${url.url}").`)
  const {workload, clock} = context
  const leaseTimeoutMs = workload.strategy.lease?.timeoutMs
  const latencyDraws = ownStream(context.part)
  if (nodes === null) return new BuiltinTarget(url.url, spec, clock, workload.seed, leaseTimeoutMs, latencyDraws)
  const [structureOperation] = structureOperationsOf(workload.mix)
  if (structureOperation !== undefined) {
    throw new InputError(`builtin://?nodes=${nodes} does not support ${structureOperation}; data-structure operations run on builtin:// without nodes, or on redis://.`)
  }
  return new BuiltinPool(url.url, spec, nodes, workload.keyspace.count, clock, workload.seed, leaseTimeoutMs, latencyDraws)
}

function scaled(bytes: number | null, nodes: number): number | null {
  return bytes === null ? null : bytes * nodes
}
