import {CappedLists} from '../engine/structures/capped-lists.js'
import {ExpiringHashes} from '../engine/structures/expiring-hashes.js'
import {SortedSet} from '../engine/structures/sorted-set.js'
import type {CachedValue} from './cache-target.js'
import {memberId, memberName, requirePositiveCount, type ScoredMember, type StructureCommands} from './structure-target.js'

/**
 * The builtin engine's Redis data structures, on the run clock. `beforeCommand` waits out the
 * modelled latency of one command (the same model as the plain cache commands).
 */
export class BuiltinStructures implements StructureCommands {
  private readonly boards = new Map<number, SortedSet>()
  readonly hashes: ExpiringHashes<CachedValue>
  private readonly lists = new CappedLists<CachedValue>()

  constructor(
    now: () => number,
    private readonly beforeCommand: () => Promise<void> | undefined = () => undefined,
  ) {
    this.hashes = new ExpiringHashes(now)
  }

  async zincrby(board: number, member: number, by: number): Promise<number> {
    await this.beforeCommand()
    let set = this.boards.get(board)
    if (!set) {
      set = new SortedSet()
      this.boards.set(board, set)
    }
    return set.incrementBy(memberName(member), by)
  }

  async zrevrangeTop(board: number, n: number): Promise<ScoredMember[]> {
    requirePositiveCount('zrevrangeTop', n)
    await this.beforeCommand()
    return (this.boards.get(board)?.top(n) ?? []).map(({name, score}) => ({member: memberId(name), score}))
  }

  async zrevrank(board: number, member: number): Promise<number | null> {
    await this.beforeCommand()
    return this.boards.get(board)?.reverseRank(memberName(member)) ?? null
  }

  async hset(key: number, field: number, value: CachedValue): Promise<boolean> {
    await this.beforeCommand()
    return this.hashes.set(key, field, {...value})
  }

  async hgetall(key: number): Promise<Map<number, CachedValue> | null> {
    await this.beforeCommand()
    const fields = this.hashes.getAll(key)
    if (fields) for (const [field, value] of fields) fields.set(field, {...value})
    return fields
  }

  async expire(key: number, ms: number): Promise<boolean> {
    await this.beforeCommand()
    // Whole milliseconds, as PEXPIRE takes them.
    return this.hashes.expire(key, Math.round(ms))
  }

  async lpushCapped(list: number, value: CachedValue, maxLength: number): Promise<number> {
    requirePositiveCount('lpushCapped', maxLength)
    await this.beforeCommand()
    return this.lists.push(list, {...value}, maxLength)
  }

  async lrange(list: number, n: number): Promise<CachedValue[]> {
    requirePositiveCount('lrange', n)
    await this.beforeCommand()
    return this.lists.head(list, n).map((value) => ({...value}))
  }
}
