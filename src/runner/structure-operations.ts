import {InputError} from '../errors.js'
import {createKeyDistribution} from '../generators/distributions.js'
import {createRandom, Stream} from '../generators/random.js'
import {uniformIndex} from '../generators/uniform.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {SimulatedStructureCommands, StructureCommands} from '../targets/structure-target.js'
import {structureOperationsOf} from '../workload/sections/mix.js'
import type {StructureOperationKind, Workload} from '../workload/types.js'
import type {Clock} from '../time/clock.js'

/**
 * Carries out one data-structure operation of the mix, timed (from `start`, the operation's
 * start on the run clock unless given) and counted when measured.
 */
export type StructureOperation = (kind: StructureOperationKind, measured: boolean, start?: number) => Promise<void>

/** A structure operation whose parameters are drawn, not yet sent. */
export interface PreparedStructureOperation {
  kind: StructureOperationKind
  /** The structure it acts on (board, session hash or list): the key a partition of the run goes by. */
  key: number
  send(): Promise<unknown>
  /** What the command does when it arrives, on a simulated target (the simulation core); absent elsewhere. */
  apply?(): unknown
}

/**
 * Drawing and sending are separate, so a run that executes only part of the operation stream
 * can draw every operation (keeping each seeded stream in step with the whole run) and send
 * only its own.
 */
export interface StructureOperations {
  prepare(kind: StructureOperationKind): PreparedStructureOperation
  run(operation: PreparedStructureOperation, measured: boolean, start?: number): Promise<void>
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

/** One command of the structures' vocabulary with its arguments, to send (async) or apply (simulated). */
type StructureCall = {[Name in keyof StructureCommands]: [Name, ...Parameters<StructureCommands[Name]>]}[keyof StructureCommands]

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
  // Numbers every value written, so a read can tell which write it sees.
  let writes = 0
  const newValue = (size: number) => ({version: ++writes, committedAt: clock.now(), size})

  // Each draws its parameters in a fixed order, then returns the structure's key and the command,
  // made when it is sent (a value written is numbered and timed then).
  const draws: Record<StructureOperationKind, () => [number, () => StructureCall]> = {
    zincrby: () => {
      const board = uniformIndex(choices, sortedSets.keys)
      const member = members.nextKey()
      return [board, () => ['zincrby', board, member, sortedSets.increment]]
    },
    zrevrange: () => {
      const board = uniformIndex(choices, sortedSets.keys)
      return [board, () => ['zrevrangeTop', board, sortedSets.top]]
    },
    zrank: () => {
      const board = uniformIndex(choices, sortedSets.keys)
      const member = members.nextKey()
      return [board, () => ['zrevrank', board, member]]
    },
    hset: () => {
      const key = sessions.nextWriteKey()
      const field = uniformIndex(choices, hashes.fields)
      // Each field holds its share of the workload's value size, so a whole session weighs about one value.
      const size = Math.max(1, Math.round(sizes.next() / hashes.fields))
      return [key, () => ['hset', key, field, newValue(size)]]
    },
    hgetall: () => {
      const key = sessions.nextKey()
      return [key, () => ['hgetall', key]]
    },
    expire: () => {
      const key = sessions.nextKey()
      return [key, () => ['expire', key, hashes.ttlMs]]
    },
    lpush: () => {
      const list = uniformIndex(choices, lists.keys)
      const size = sizes.next()
      return [list, () => ['lpushCapped', list, newValue(size), lists.maxLength]]
    },
    lrange: () => {
      const list = uniformIndex(choices, lists.keys)
      return [list, () => ['lrange', list, lists.range]]
    },
  }
  const invoke = (commands: StructureCommands | SimulatedStructureCommands, [name, ...args]: StructureCall): unknown =>
    (commands[name] as (...values: unknown[]) => unknown).apply(commands, args)

  const run = async (operation: PreparedStructureOperation, measured: boolean, start = clock.now()): Promise<void> => {
    const {kind} = operation
    let reply: unknown
    try {
      reply = await operation.send()
    } catch (error) {
      if (measured) countStructureError(metrics, kind, error, start)
      return
    }
    if (measured) countStructureReply(metrics, kind, reply, clock.now() - start)
  }

  return {
    prepare: (kind) => {
      const [key, call] = draws[kind]()
      const send = (): Promise<unknown> => invoke(structures, call()) as Promise<unknown>
      return simulated ? {kind, key, send, apply: () => invoke(simulated, call())} : {kind, key, send}
    },
    run,
  }
}
