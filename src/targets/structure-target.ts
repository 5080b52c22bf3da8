import type {StructuresSpec} from '../workload/types.js'
import type {CachedValue} from './cached-value.js'
import {WrittenKeys} from './written-keys.js'

/** One entry of a leaderboard read back from the top. */
export interface ScoredMember {
  member: number
  score: number
}

/**
 * Redis data-structure commands, for targets that have them (builtin, redis, redis-cluster).
 * Boards, hashes, lists, members and fields are integer ids; each target names them the same
 * way (see `memberName`, `StructureKeys`), so ordering by name — which decides ties in a sorted
 * set — agrees between targets. Values are `CachedValue`s, written to real servers with the
 * value codec, so a read can say which write it sees and how old it is.
 */
export interface StructureCommands {
  /** ZINCRBY: adds `by` to the member's score (absent counts as 0); returns the new score. */
  zincrby(board: number, member: number, by: number): Promise<number>
  /** ZREVRANGE board 0 n−1 WITHSCORES: highest score first, ties by member name descending. */
  zrevrangeTop(board: number, n: number): Promise<ScoredMember[]>
  /** ZREVRANK: 0 for the highest score (same order as zrevrangeTop); null when absent. */
  zrevrank(board: number, member: number): Promise<number | null>
  /** HSET: true when the field is new. Keeps any time to live the hash has, as Redis does. */
  hset(key: number, field: number, value: CachedValue): Promise<boolean>
  /** HGETALL: field → value; null when the hash does not exist (or has expired). */
  hgetall(key: number): Promise<ReadonlyMap<number, CachedValue> | null>
  /** PEXPIRE: true when the hash existed and now expires `ms` from now. */
  expire(key: number, ms: number): Promise<boolean>
  /** LPUSH, then LTRIM 0 maxLength−1, as one atomic step; returns the length afterwards. */
  lpushCapped(list: number, value: CachedValue, maxLength: number): Promise<number>
  /** LRANGE 0 n−1: the newest `n` entries, newest first. */
  lrange(list: number, n: number): Promise<CachedValue[]>
}

/**
 * The same commands as the simulation core applies them: at once, when a command's modelled
 * latency has passed. A value written is kept as it is given (the caller makes it for this
 * command) and a read answers only its size — what the core counts — so applying a command
 * allocates nothing beyond what the structure keeps.
 */
export interface SimulatedStructureCommands {
  zincrby(board: number, member: number, by: number): number
  /** How many entries ZREVRANGE board 0 n−1 answers. */
  zrevrangeTop(board: number, n: number): number
  zrevrank(board: number, member: number): number | null
  hset(key: number, field: number, value: CachedValue): boolean
  /** How many fields HGETALL answers; null when the hash does not exist (or has expired). */
  hgetall(key: number): number | null
  expire(key: number, ms: number): boolean
  lpushCapped(list: number, value: CachedValue, maxLength: number): number
  /** How many entries LRANGE 0 n−1 answers. */
  lrange(list: number, n: number): number
}

/** A member's (or hash field's) name on every target: its id in decimal. */
export function memberName(id: number): string {
  return String(id)
}

/** The id a member name stands for; NaN for a name cache-bench did not write. */
export function memberId(name: string): number {
  return /^\d+$/.test(name) ? Number(name) : Number.NaN
}

export type StructureKind = 'sortedSet' | 'hash' | 'list'

/** Tags keep structure keys apart from each other and from the plain keys under the same run prefix. */
const KEY_TAGS: Record<StructureKind, string> = {sortedSet: 'lb:', hash: 'h:', list: 'feed:'}

/**
 * Names of structure keys under the run prefix (`cb:<run id>:lb:3`), and which of them a run has
 * written, so cleanup deletes exactly those.
 */
export class StructureKeys {
  private readonly writtenIds: Record<StructureKind, WrittenKeys>

  constructor(
    readonly prefix: string,
    counts: Record<StructureKind, number>,
  ) {
    this.writtenIds = {
      sortedSet: new WrittenKeys(counts.sortedSet),
      hash: new WrittenKeys(counts.hash),
      list: new WrittenKeys(counts.list),
    }
  }

  name(kind: StructureKind, id: number): string {
    return `${this.prefix}${KEY_TAGS[kind]}${id}`
  }

  /** The name, recorded for cleanup: for commands that can create the key (recorded before sending, in case it times out after taking effect). */
  written(kind: StructureKind, id: number): string {
    this.writtenIds[kind].add(id)
    return this.name(kind, id)
  }

  get size(): number {
    return this.writtenIds.sortedSet.size + this.writtenIds.hash.size + this.writtenIds.list.size
  }

  /** Every written name, in batches. */
  *batches(size: number): Generator<string[]> {
    for (const kind of Object.keys(KEY_TAGS) as StructureKind[]) {
      for (const ids of this.writtenIds[kind].batches(size)) yield ids.map((id) => this.name(kind, id))
    }
  }
}

/** How many ids of each kind a workload can use: its boards, one hash per key, its lists. */
export function structureKeyCounts(structures: StructuresSpec, keyCount: number): Record<StructureKind, number> {
  return {sortedSet: structures.sortedSets.keys, hash: keyCount, list: structures.lists.keys}
}

/**
 * Counts in the structure commands start at 1: Redis reads `0 n−1` with n = 0 as "everything"
 * (the stop index −1 is the last entry), which no caller means.
 */
export function requirePositiveCount(command: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${command} needs a whole count ≥ 1 (got ${n}).`)
}
