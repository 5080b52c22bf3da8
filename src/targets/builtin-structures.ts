import {CappedLists} from '../engine/structures/capped-lists.js'
import {ExpiringHashes} from '../engine/structures/expiring-hashes.js'
import {SortedSet} from '../engine/structures/sorted-set.js'
import type {CachedValue} from './cache-target.js'
import {
  requirePositiveCount,
  type ScoredMember,
  type SimulatedStructureCommands,
  type StructureCommands,
} from './structure-target.js'

/**
 * The builtin engine's Redis data structures, answering at once: what each command does when it
 * arrives. The simulation core applies the commands from its events, reads answering their size
 * (SimulatedStructureCommands); `BuiltinStructures` waits out the command's latency first and
 * reads the entries themselves, for the async path.
 */
export class BuiltinStructureState implements SimulatedStructureCommands {
  private readonly boards = new Map<number, SortedSet>()
  readonly hashes: ExpiringHashes<CachedValue>
  private readonly lists = new CappedLists<CachedValue>()

  constructor(now: () => number) {
    this.hashes = new ExpiringHashes(now)
  }

  zincrby(board: number, member: number, by: number): number {
    let set = this.boards.get(board)
    if (!set) {
      set = new SortedSet()
      this.boards.set(board, set)
    }
    // By id: a member's name is its id in decimal (structure-target.ts, memberName), built once per member.
    return set.incrementById(member, by)
  }

  zrevrangeTop(board: number, n: number): number {
    return Math.min(n, this.boards.get(board)?.size ?? 0)
  }

  /** ZREVRANGE board 0 n−1 WITHSCORES, the entries themselves. */
  topOf(board: number, n: number): ScoredMember[] {
    return this.boards.get(board)?.topIds(n) ?? []
  }

  zrevrank(board: number, member: number): number | null {
    return this.boards.get(board)?.reverseRankById(member) ?? null
  }

  // What a write stores is the value it was given, made for it and never changed afterwards:
  // readers get the stored values themselves, not a second copy of each value (which cost
  // session-store-hash's HGETALL of 8 fields 8 objects and 8 map sets an operation), in a new
  // array or, for a hash, a map that later writes do not change (as a server's reply does not).

  hset(key: number, field: number, value: CachedValue): boolean {
    return this.hashes.set(key, field, value)
  }

  hgetall(key: number): number | null {
    return this.hashes.fieldCount(key)
  }

  /** HGETALL, the fields themselves. */
  fieldsOf(key: number): ReadonlyMap<number, CachedValue> | null {
    return this.hashes.getShared(key)
  }

  expire(key: number, ms: number): boolean {
    // Whole milliseconds, as PEXPIRE takes them.
    return this.hashes.expire(key, Math.round(ms))
  }

  lpushCapped(list: number, value: CachedValue, maxLength: number): number {
    return this.lists.push(list, value, maxLength)
  }

  lrange(list: number, n: number): number {
    return Math.min(n, this.lists.length(list))
  }

  /** LRANGE 0 n−1, the entries themselves. */
  entriesOf(list: number, n: number): CachedValue[] {
    return this.lists.head(list, n)
  }
}

/**
 * The builtin engine's Redis data structures on the run clock. `beforeCommand` waits out the
 * modelled latency of one command (the same model as the plain cache commands).
 */
export class BuiltinStructures implements StructureCommands {
  readonly now: BuiltinStructureState

  constructor(
    now: () => number,
    private readonly beforeCommand: () => Promise<void> | undefined = () => undefined,
  ) {
    this.now = new BuiltinStructureState(now)
  }

  get hashes(): ExpiringHashes<CachedValue> {
    return this.now.hashes
  }

  async zincrby(board: number, member: number, by: number): Promise<number> {
    await this.beforeCommand()
    return this.now.zincrby(board, member, by)
  }

  async zrevrangeTop(board: number, n: number): Promise<ScoredMember[]> {
    requirePositiveCount('zrevrangeTop', n)
    await this.beforeCommand()
    return this.now.topOf(board, n)
  }

  async zrevrank(board: number, member: number): Promise<number | null> {
    await this.beforeCommand()
    return this.now.zrevrank(board, member)
  }

  async hset(key: number, field: number, value: CachedValue): Promise<boolean> {
    await this.beforeCommand()
    // A copy of its own: the caller may go on using `value`.
    return this.now.hset(key, field, {...value})
  }

  async hgetall(key: number): Promise<ReadonlyMap<number, CachedValue> | null> {
    await this.beforeCommand()
    return this.now.fieldsOf(key)
  }

  async expire(key: number, ms: number): Promise<boolean> {
    await this.beforeCommand()
    return this.now.expire(key, ms)
  }

  async lpushCapped(list: number, value: CachedValue, maxLength: number): Promise<number> {
    requirePositiveCount('lpushCapped', maxLength)
    await this.beforeCommand()
    return this.now.lpushCapped(list, {...value}, maxLength)
  }

  async lrange(list: number, n: number): Promise<CachedValue[]> {
    requirePositiveCount('lrange', n)
    await this.beforeCommand()
    return this.now.entriesOf(list, n)
  }
}
