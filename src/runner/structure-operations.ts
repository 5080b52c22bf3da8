import {InputError} from '../errors.js'
import {createKeyDistribution} from '../generators/distributions.js'
import {createRandom, Stream} from '../generators/random.js'
import {uniformIndex} from '../generators/uniform.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {StructureCommands} from '../targets/structure-target.js'
import {structureOperationsOf} from '../workload/sections/mix.js'
import type {StructureOperationKind, Workload} from '../workload/types.js'
import type {Clock} from './clock.js'

/**
 * Carries out one data-structure operation of the mix, timed (from `start`, the operation's
 * start on the run clock unless given) and counted when measured.
 */
export type StructureOperation = (kind: StructureOperationKind, measured: boolean, start?: number) => Promise<void>

const FAMILY: Record<StructureOperationKind, string> = {
  zincrby: 'sorted-set',
  zrevrange: 'sorted-set',
  zrank: 'sorted-set',
  hset: 'hash',
  hgetall: 'hash',
  expire: 'hash',
  lpush: 'list',
  lrange: 'list',
}

/**
 * Refuses, before anything connects, a mix with structure operations on a target without them
 * (Memcached): a run that could only count failures is a mistake in the input.
 */
export function requireStructureSupport(workload: Workload, scheme: string, target: CacheTarget): void {
  const [first] = structureOperationsOf(workload.mix)
  if (first === undefined || target.structures) return
  throw new InputError(
    `${scheme}:// does not support ${first} (a Redis ${FAMILY[first]} operation); use redis://, redis-cluster:// or builtin://.`,
  )
}

/** The structure operations of a run, or undefined when its mix has none (or the target cannot, already refused). */
export function structureOperationsFor(workload: Workload, target: CacheTarget, clock: Clock, metrics: RunMetrics): StructureOperation | undefined {
  if (structureOperationsOf(workload.mix).length === 0 || !target.structures) return undefined
  return createStructureOperations(workload, target.structures, clock, metrics)
}

/**
 * Chooses the parameters of each structure operation from the workload's `structures` section
 * — board and list uniformly, member by the keyspace distribution over `members`, hash key by
 * the keyspace distribution, field uniformly — and sends it to the target. Every choice comes
 * from its own seeded stream, so the same seed replays the same commands on every target.
 */
export function createStructureOperations(
  workload: Workload,
  structures: StructureCommands,
  clock: Clock,
  metrics: RunMetrics,
): StructureOperation {
  const {sortedSets, hashes, lists} = workload.structures
  const seed = workload.seed
  const choices = createRandom(seed, Stream.structureChoices)
  const members = createKeyDistribution({...workload.keyspace, count: sortedSets.members}, createRandom(seed, Stream.structureMembers))
  const sessions = createKeyDistribution(workload.keyspace, createRandom(seed, Stream.structureKeys))
  const sizes = createValueSizeGenerator(workload.values, createRandom(seed, Stream.structureValueSizes))
  // Numbers every value written, so a read can tell which write it sees.
  let writes = 0
  const newValue = (size: number) => ({version: ++writes, committedAt: clock.now(), size})

  const commands: Record<StructureOperationKind, () => Promise<unknown>> = {
    zincrby: () => structures.zincrby(uniformIndex(choices, sortedSets.keys), members.nextKey(), sortedSets.increment),
    zrevrange: () => structures.zrevrangeTop(uniformIndex(choices, sortedSets.keys), sortedSets.top),
    zrank: () => structures.zrevrank(uniformIndex(choices, sortedSets.keys), members.nextKey()),
    hset: () => {
      const key = sessions.nextWriteKey()
      const field = uniformIndex(choices, hashes.fields)
      // Each field holds its share of the workload's value size, so a whole session weighs about one value.
      return structures.hset(key, field, newValue(Math.max(1, Math.round(sizes.next() / hashes.fields))))
    },
    hgetall: () => structures.hgetall(sessions.nextKey()),
    expire: () => structures.expire(sessions.nextKey(), hashes.ttlMs),
    lpush: () => structures.lpushCapped(uniformIndex(choices, lists.keys), newValue(sizes.next()), lists.maxLength),
    lrange: () => structures.lrange(uniformIndex(choices, lists.keys), lists.range),
  }

  return async (kind, measured, start = clock.now()) => {
    let reply: unknown
    try {
      reply = await commands[kind]()
    } catch (error) {
      if (measured) {
        metrics.structures[kind]++
        metrics.noteError(error, clock.now())
      }
      return
    }
    if (!measured) return
    metrics.latency[kind].record(clock.now() - start)
    metrics.structures[kind]++
    if (kind === 'hgetall' && reply !== null) metrics.structures.hgetallHits++
  }
}
