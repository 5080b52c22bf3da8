import {InputError} from '../errors.js'
import {createKeyDistribution} from '../generators/distributions.js'
import {createRandom, Stream} from '../generators/random.js'
import {uniformIndex} from '../generators/uniform.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import type {CachedValue, CacheTarget} from '../targets/cache-target.js'
import type {SimulatedStructureCommands, StructureCommands} from '../targets/structure-target.js'
import {structureOperationsOf, type StructureOperationKind, type Workload} from '../workload/types.js'
import type {Clock} from '../time/clock.js'

/**
 * Carries out one data-structure operation of the mix, timed (from `start`, the operation's
 * start on the run clock unless given) and counted when measured.
 */
export type StructureOperation = (kind: StructureOperationKind, measured: boolean, start?: number) => Promise<void>

/**
 * A structure operation whose parameters are drawn, not yet sent: plain numbers, so that one
 * record serves operation after operation (the simulation core keeps one per slot) and drawing,
 * sending or applying one allocates no tuple, closure or argument list.
 */
export class PreparedStructureOperation {
  kind: StructureOperationKind = 'zincrby'
  /** The structure it acts on (board, session hash or list): the key a partition of the run goes by. */
  key = 0
  /** The sorted-set member or hash field; 0 for a command without one. */
  item = 0
  /** Bytes of the value written (hset, lpush); 0 for a command that writes none. */
  size = 0
  /** The operations that drew it, which carry it out. */
  drawnBy: StructureOperations | undefined = undefined

  /** Takes over another record's operation, e.g. the one just drawn into its operations' own record. */
  copyFrom(other: PreparedStructureOperation): void {
    this.kind = other.kind
    this.key = other.key
    this.item = other.item
    this.size = other.size
    this.drawnBy = other.drawnBy
  }
}

/**
 * Drawing and sending are separate, so a run that executes only part of the operation stream
 * can draw every operation (keeping each seeded stream in step with the whole run) and send
 * only its own.
 */
export interface StructureOperations {
  /** Draws the next operation of that kind into a record of its own, which the next draw overwrites. */
  prepare(kind: StructureOperationKind): PreparedStructureOperation
  /** Sends the operation (read before the first wait, so its record may be drawn into again at once), timed and counted. */
  run(operation: PreparedStructureOperation, measured: boolean, start?: number): Promise<void>
  /** What the operation does when it arrives, on a simulated target (the simulation core); absent elsewhere. */
  apply?(operation: PreparedStructureOperation): unknown
}

/** Draws and sends at once: the whole run's way. */
export function performStructureOperations(operations: StructureOperations): StructureOperation {
  return (kind, measured, start) => operations.run(operations.prepare(kind), measured, start)
}

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
export function structureOperationsFor(workload: Workload, target: CacheTarget, clock: Clock, metrics: RunMetrics): StructureOperations | undefined {
  if (structureOperationsOf(workload.mix).length === 0 || !target.structures) return undefined
  return createStructureOperations(workload, target.structures, clock, metrics, target.simulated?.structuresNow)
}

/** Counts a structure command that answered `reply`, `tookMs` after its operation's start (measured operations only). */
export function countStructureReply(metrics: RunMetrics, kind: StructureOperationKind, reply: unknown, tookMs: number): void {
  metrics.latency[kind].record(tookMs)
  metrics.structures[kind]++
  if (kind === 'hgetall' && reply !== null) metrics.structures.hgetallHits++
}

/** Counts a structure command that failed, at its operation's start (measured operations only). */
export function countStructureError(metrics: RunMetrics, kind: StructureOperationKind, error: unknown, start: number): void {
  metrics.structures[kind]++
  metrics.noteError(error, start)
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
  /** The same structures answering at once, when the target is simulated. */
  simulated?: SimulatedStructureCommands,
): StructureOperations {
  const {sortedSets, hashes, lists} = workload.structures
  const seed = workload.seed
  const choices = createRandom(seed, Stream.structureChoices)
  const members = createKeyDistribution({...workload.keyspace, count: sortedSets.members}, createRandom(seed, Stream.structureMembers))
  const sessions = createKeyDistribution(workload.keyspace, createRandom(seed, Stream.structureKeys))
  const sizes = createValueSizeGenerator(workload.values, createRandom(seed, Stream.structureValueSizes))
  // Numbers every value written, so a read can tell which write it sees: when it is sent (or, on
  // the simulation core, applied), as a server would see the writes.
  let writes = 0
  const prepared = new PreparedStructureOperation()

  // Draws the parameters of one operation, in a fixed order per kind, into `prepared`.
  const draw = (kind: StructureOperationKind): PreparedStructureOperation => {
    const operation = prepared
    operation.kind = kind
    operation.item = 0
    operation.size = 0
    operation.drawnBy = operations
    switch (kind) {
      case 'zincrby':
      case 'zrank':
        operation.key = uniformIndex(choices, sortedSets.keys)
        operation.item = members.nextKey()
        break
      case 'zrevrange':
        operation.key = uniformIndex(choices, sortedSets.keys)
        break
      case 'hset':
        operation.key = sessions.nextWriteKey()
        operation.item = uniformIndex(choices, hashes.fields)
        // Each field holds its share of the workload's value size, so a whole session weighs about one value.
        operation.size = Math.max(1, Math.round(sizes.next() / hashes.fields))
        break
      case 'hgetall':
      case 'expire':
        operation.key = sessions.nextKey()
        break
      case 'lpush':
        operation.key = uniformIndex(choices, lists.keys)
        operation.size = sizes.next()
        break
      case 'lrange':
        operation.key = uniformIndex(choices, lists.keys)
        break
    }
    return operation
  }

  const newValue = (size: number): CachedValue => ({version: ++writes, committedAt: clock.now(), size})

  // One switch for both ways: the async structures answer with a promise, the simulated ones at once.
  const call = (commands: StructureCommands | SimulatedStructureCommands, {kind, key, item, size}: PreparedStructureOperation): unknown => {
    switch (kind) {
      case 'zincrby':
        return commands.zincrby(key, item, sortedSets.increment)
      case 'zrevrange':
        return commands.zrevrangeTop(key, sortedSets.top)
      case 'zrank':
        return commands.zrevrank(key, item)
      case 'hset':
        return commands.hset(key, item, newValue(size))
      case 'hgetall':
        return commands.hgetall(key)
      case 'expire':
        return commands.expire(key, hashes.ttlMs)
      case 'lpush':
        return commands.lpushCapped(key, newValue(size), lists.maxLength)
      case 'lrange':
        return commands.lrange(key, lists.range)
    }
  }

  const run = async (operation: PreparedStructureOperation, measured: boolean, start = clock.now()): Promise<void> => {
    const {kind} = operation
    let reply: unknown
    try {
      reply = await call(structures, operation)
    } catch (error) {
      if (measured) countStructureError(metrics, kind, error, start)
      return
    }
    if (measured) countStructureReply(metrics, kind, reply, clock.now() - start)
  }

  const operations: StructureOperations = simulated
    ? {prepare: draw, run, apply: (operation) => call(simulated, operation)}
    : {prepare: draw, run}
  return operations
}
