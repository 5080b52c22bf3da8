import {InputError} from '../errors.js'
import type {CacheTarget} from './cache-target.js'
import type {TargetContext} from './target-context.js'
import {parseTargetUrl, type TargetUrl} from './target-url.js'

interface TargetKind {
  /** Simulated time is only possible when the cache itself is simulated. */
  clock: 'virtual' | 'real'
  /** Eviction control: the cache sizes and evicts itself as the workload's `cache:` section and the URL say; real servers keep their own memory limit. */
  evictionControl: boolean
  /**
   * Its per-key tables grow as a trace replay meets keys (CacheTarget.reserveKeys): the replay then
   * needs no first pass to count them. Not memcached: it cannot list keys, so its check that the
   * run's prefix is free probes key names spread over the whole key count, and its key-length
   * check needs the longest name, both before the load.
   */
  growsKeyTables: boolean
  create(url: TargetUrl, context: TargetContext): Promise<CacheTarget>
}

// Each target's module (and its client library) is imported when a run asks for that target: a
// built-in run never loads ioredis or memjs, which cost about a third of a second of CPU at every
// start of the command.
const builtin = async (url: TargetUrl, context: TargetContext) => (await import('./builtin-url.js')).createBuiltinTarget(url, context)
const redis = async (url: TargetUrl, context: TargetContext) => (await import('./redis/redis-target.js')).createRedisTarget(url, context)
const memcached = async (url: TargetUrl, context: TargetContext) => (await import('./memcached/memcached-target.js')).createMemcachedTarget(url, context)

/** Adding a target: one file, its loader above and one line here. */
const KINDS: Record<string, TargetKind> = {
  builtin: {clock: 'virtual', evictionControl: true, growsKeyTables: true, create: builtin},
  redis: {clock: 'real', evictionControl: false, growsKeyTables: true, create: redis},
  memcached: {clock: 'real', evictionControl: false, growsKeyTables: false, create: memcached},
  rediss: {clock: 'real', evictionControl: false, growsKeyTables: true, create: redis},
  'redis-cluster': {clock: 'real', evictionControl: false, growsKeyTables: true, create: redis},
}

export const DEFAULT_TARGET = 'builtin://'

/** The built-in engine (the default target): simulated anew by each run, nothing kept between runs. */
export function isBuiltinTarget(target: string | undefined): boolean {
  return target === undefined || target.startsWith('builtin:')
}

export function resolveTargetKind(text: string): {url: TargetUrl; kind: TargetKind} {
  const url = parseTargetUrl(text)
  const kind = KINDS[url.scheme]
  if (!kind) {
    throw new InputError(`Unknown target scheme "${url.scheme}://"; supported: ${Object.keys(KINDS).map((s) => `${s}://`).join(', ')}.`)
  }
  return {url, kind}
}

export type {TargetContext} from './target-context.js'
