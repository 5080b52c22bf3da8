import {InputError} from '../../errors.js'
import {mixesOf, structureOperationsOf, type Workload} from '../../workload/types.js'
import type {RedisClientPath} from './redis-connections.js'
import type {RedisEndpoint} from './redis-endpoint.js'

/**
 * The lean path speaks GET, SET, DEL and what cleanup and counters need, to one server; ioredis
 * keeps Redis Cluster (MOVED/ASK) and the data-structure commands. Without `client=` the lean
 * path runs wherever it can serve the run.
 */
export function chooseClientPath(endpoint: RedisEndpoint, workload: Workload): RedisClientPath {
  const reason = leanCannotServe(endpoint, workload)
  if (endpoint.client === 'lean' && reason !== null) {
    throw new InputError(`Target ${endpoint.displayUrl} asks for client=lean, but ${reason}: drop client= or write client=ioredis.`)
  }
  return endpoint.client ?? (reason === null ? 'lean' : 'ioredis')
}

function leanCannotServe(endpoint: RedisEndpoint, workload: Workload): string | null {
  if (endpoint.scheme === 'redis-cluster') return 'the lean path serves one server and redis-cluster:// runs on ioredis'
  if (mixesOf(workload).some((mix) => structureOperationsOf(mix).length > 0)) {
    return 'the workload sends data-structure commands (sorted sets, hashes, lists), which run on ioredis'
  }
  return null
}
