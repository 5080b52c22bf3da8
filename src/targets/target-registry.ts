import {InputError} from '../errors.js'
import {createBuiltinTarget} from './builtin-url.js'
import {createRedisTarget} from './redis/redis-target.js'
import {createMemcachedTarget} from './memcached/memcached-target.js'
import type {CacheTarget} from './cache-target.js'
import type {TargetContext} from './target-context.js'
import {parseTargetUrl, type TargetUrl} from './target-url.js'

interface TargetKind {
  /** Simulated time is only possible when the cache itself is simulated. */
  clock: 'virtual' | 'real'
  /** Eviction control: the cache sizes and evicts itself as the workload's `cache:` section and the URL say; real servers keep their own memory limit. */
  evictionControl: boolean
  create(url: TargetUrl, context: TargetContext): CacheTarget
}

/** Adding a target: one file, one line here. */
const KINDS: Record<string, TargetKind> = {
  builtin: {clock: 'virtual', evictionControl: true, create: createBuiltinTarget},
  redis: {clock: 'real', evictionControl: false, create: createRedisTarget},
  memcached: {clock: 'real', evictionControl: false, create: createMemcachedTarget},
  rediss: {clock: 'real', evictionControl: false, create: createRedisTarget},
  'redis-cluster': {clock: 'real', evictionControl: false, create: createRedisTarget},
}

export const DEFAULT_TARGET = 'builtin://'

export function resolveTargetKind(text: string): {url: TargetUrl; kind: TargetKind} {
  const url = parseTargetUrl(text)
  const kind = KINDS[url.scheme]
  if (!kind) {
    throw new InputError(`Unknown target scheme "${url.scheme}://"; supported: ${Object.keys(KINDS).map((s) => `${s}://`).join(', ')}.`)
  }
  return {url, kind}
}

export type {TargetContext} from './target-context.js'
