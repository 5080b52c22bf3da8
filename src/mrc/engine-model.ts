import type {Workload} from '../workload/types.js'

/** The engine models a workload's `cache.model` names (DESIGN §8). */
export const ENGINE_MODELS = ['ideal', 'memcached', 'redis'] as const
export type EngineModel = (typeof ENGINE_MODELS)[number]

/** `cache.model` may be absent from the workload type; it means `ideal` then. */
type CacheWithModel = Workload['cache'] & {model?: EngineModel}

export function engineModelOf(workload: Workload): EngineModel {
  return (workload.cache as CacheWithModel).model ?? 'ideal'
}

/** The workload with its cache modelling `model` (`plan --engine`). */
export function withEngineModel(workload: Workload, model: EngineModel): Workload {
  const cache: CacheWithModel = {...workload.cache, model}
  return {...workload, cache}
}
