import {DEFAULT_EVICTION, MODEL_EVICTIONS, MODEL_NAMES, type ModelName, type Workload} from '../workload/types.js'

/** The engine models a workload's `cache.model` names (docs/contracts.md, Workload format). */
export const ENGINE_MODELS = MODEL_NAMES
export type EngineModel = ModelName

export function engineModelOf(workload: Workload): EngineModel {
  return workload.cache.model
}

/**
 * The workload with its cache modelling `model` (`plan --engine`). An eviction the model does
 * not know gives way to the model's evicting default: a capacity plan for Redis assumes a cache
 * that evicts (allkeys-lru), not redis.conf's noeviction.
 */
export function withEngineModel(workload: Workload, model: EngineModel): Workload {
  const accepted: readonly string[] = MODEL_EVICTIONS[model]
  const eviction = accepted.includes(workload.cache.eviction) ? workload.cache.eviction : model === 'redis' ? 'allkeys-lru' : DEFAULT_EVICTION[model]
  return {...workload, cache: {...workload.cache, model, eviction}}
}
