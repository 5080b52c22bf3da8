import {grownFloat64, grownInt32, grownLength} from '../typed-array-growth.js'

/** One member of a sorted set, as read back. */
export interface ScoredName {
  name: string
  score: number
}

/** One member of a sorted set read back by id: the number its all-digit name stands for. */
export interface ScoredId {
  member: number
  score: number
}

const INITIAL_CAPACITY = 64
/** The longest all-digit name a tie key orders exactly: 11^15 < 2^53. */
const MAX_KEYED_DIGITS = 15
const ALL_DIGITS = /^\d+$/
/**
 * Ids below this are looked up in a table indexed by id (a workload's members are 0 … members−1,
 * at most 10,000,000: workload/limits.ts); larger ones by their name. A sparse JavaScript array
 * there fell back to a dictionary once ids arrived out of order, a hash lookup per command.
 */
const ID_TABLE_LIMIT = 1 << 24

/** Whether an id is looked up in the table indexed by id: a whole number below ID_TABLE_LIMIT. */
function isTableId(id: number): boolean {
  return id >>> 0 === id && id < ID_TABLE_LIMIT
}

/**
 * A number that orders all-digit names as their bytes do ("10" before "9"), so ties between the
 * names cache-bench writes compare as numbers instead of strings: digit d counts d + 1 in base
 * 11, the name padded to MAX_KEYED_DIGITS places with 0, which is below every digit, so a name
 * comes before the longer names it begins. NaN for any other name, which compares as a string.
 */
function tieKeyOf(name: string): number {
  if (name.length > MAX_KEYED_DIGITS || !ALL_DIGITS.test(name)) return Number.NaN
  let key = 0
  for (let place = 0; place < MAX_KEYED_DIGITS; place++) key = key * 11 + (place < name.length ? name.charCodeAt(place) - 47 : 0)
  return key
}

/**
 * A sorted set with Redis's order: ascending score, ties broken by member name in byte order
 * (for the ASCII names cache-bench writes, JavaScript's string comparison is that order).
 * "Reverse" reads (ZREVRANGE, ZREVRANK) walk it from the end: highest score first, ties by name
 * descending.
 *
 * Layout: the members in that order as two parallel typed arrays (member number, score), and a
 * map from name to member number. A rank is a binary search and a top-N read a walk from the
 * end; an increment moves the member to its new place with one `copyWithin` (a memmove) of the
 * entries in between. Redis's skip list makes that move O(log n), but at the sizes leaderboards
 * run at here the memmove is cheaper than the pointer chasing: measured on 100,000 members
 * (zipfian and uniform picks, increments of 1, so many members tie and a move crosses a whole
 * tier), ZINCRBY costs about 1.3 µs (zipfian) to 5 µs (uniform), ZREVRANK under 0.5 µs and a
 * top-10 read 0.05 µs — against 30–80 µs for the same moves as element-by-element array shifts.
 *
 * Members may also be named by id (`incrementById`, `reverseRankById`, `topIds`), the decimal
 * number their name is: the builtin target's commands then build no name string for a member
 * it holds, and ties between such names compare by tie key (see tieKeyOf), not as strings.
 */
export class SortedSet {
  /** Member numbers in order, and their scores. */
  private order: Int32Array = new Int32Array(INITIAL_CAPACITY)
  private scores: Float64Array = new Float64Array(INITIAL_CAPACITY)
  private count = 0
  /** By member number: name, score, tie key (tieKeyOf) and the id an all-digit name stands for (else NaN). */
  private readonly names: string[] = []
  private readonly scoreOf: number[] = []
  private readonly tieKeys: number[] = []
  private readonly ids: number[] = []
  private readonly numberOf = new Map<string, number>()
  /** By id below ID_TABLE_LIMIT: member number + 1 for members already met by id, 0 for the others. */
  private numberOfId: Int32Array = new Int32Array(0)

  get size(): number {
    return this.count
  }

  score(name: string): number | undefined {
    const member = this.numberOf.get(name)
    return member === undefined ? undefined : this.scoreOf[member]
  }

  /** ZINCRBY: returns the new score. */
  incrementBy(name: string, by: number): number {
    const member = this.numberOf.get(name)
    if (member !== undefined) return this.incrementMember(member, by)
    const score = 0 + by
    // Redis refuses an increment that would make the score NaN (+inf plus −inf), leaving it unchanged.
    if (Number.isNaN(score)) throw new Error('resulting score is not a number (NaN)')
    const added = this.names.length
    this.names.push(name)
    this.scoreOf.push(score)
    this.tieKeys.push(tieKeyOf(name))
    const id = ALL_DIGITS.test(name) ? Number(name) : Number.NaN
    this.ids.push(id)
    this.numberOf.set(name, added)
    // Found by id from now on, when the name is how the id is written ("7", not "07").
    if (isTableId(id) && String(id) === name) this.knowId(id, added)
    this.insert(this.lowerBound(score, added), added, score)
    return score
  }

  /** ZINCRBY of the member named `id` in decimal. */
  incrementById(id: number, by: number): number {
    const member = this.memberById(id)
    if (member !== undefined) return this.incrementMember(member, by)
    return this.incrementBy(String(id), by)
  }

  /** ZREVRANK: 0 for the highest; null when absent. */
  reverseRank(name: string): number | null {
    return this.reverseRankOf(this.numberOf.get(name))
  }

  /** ZREVRANK of the member named `id` in decimal. */
  reverseRankById(id: number): number | null {
    return this.reverseRankOf(this.memberById(id))
  }

  /** ZREVRANGE 0 n−1 WITHSCORES. */
  top(n: number): ScoredName[] {
    const out: ScoredName[] = []
    for (let index = this.count - 1; index >= 0 && out.length < n; index--) {
      out.push({name: this.names[this.order[index]], score: this.scores[index]})
    }
    return out
  }

  /** ZREVRANGE 0 n−1 WITHSCORES, each member by the id its name stands for (NaN for a name that is not all digits). */
  topIds(n: number): ScoredId[] {
    const out: ScoredId[] = []
    for (let index = this.count - 1; index >= 0 && out.length < n; index--) {
      out.push({member: this.ids[this.order[index]], score: this.scores[index]})
    }
    return out
  }

  private memberById(id: number): number | undefined {
    // Every member whose name is a table id is in the table (incrementBy): no name to build.
    if (!isTableId(id)) return this.numberOf.get(String(id))
    const known = id < this.numberOfId.length ? this.numberOfId[id] : 0
    return known === 0 ? undefined : known - 1
  }

  private knowId(id: number, member: number): void {
    if (id >= this.numberOfId.length) this.numberOfId = grownInt32(this.numberOfId, grownLength(this.numberOfId.length, id + 1), 0)
    this.numberOfId[id] = member + 1
  }

  private incrementMember(member: number, by: number): number {
    const old = this.scoreOf[member]
    const score = old + by
    if (Number.isNaN(score)) throw new Error('resulting score is not a number (NaN)')
    this.scoreOf[member] = score
    this.move(this.lowerBound(old, member), member, old, score)
    return score
  }

  private reverseRankOf(member: number | undefined): number | null {
    if (member === undefined) return null
    return this.count - 1 - this.lowerBound(this.scoreOf[member], member)
  }

  /** First index whose entry is not below (score, member's name); searched between `low` and `high` when known to lie there. */
  private lowerBound(score: number, member: number, low = 0, high = this.count): number {
    const key = this.tieKeys[member]
    while (low < high) {
      const middle = (low + high) >>> 1
      const middleScore = this.scores[middle]
      const below = middleScore < score || (middleScore === score && this.tieBelow(this.order[middle], member, key))
      if (below) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Whether `other`'s name comes before `member`'s (whose tie key is `key`): by tie keys when both have one. */
  private tieBelow(other: number, member: number, key: number): boolean {
    const otherKey = this.tieKeys[other]
    // NaN on either side: a name not all digits, compared as a string.
    if (otherKey === otherKey && key === key) return otherKey < key
    return this.names[other] < this.names[member]
  }

  private insert(at: number, member: number, score: number): void {
    if (this.count === this.order.length) {
      this.order = grownInt32(this.order, this.count * 2, 0)
      this.scores = grownFloat64(this.scores, this.count * 2, 0)
    }
    this.order.copyWithin(at + 1, at, this.count)
    this.scores.copyWithin(at + 1, at, this.count)
    this.count++
    this.order[at] = member
    this.scores[at] = score
  }

  /** Moves the entry at `from`, scored `old`, to where (score, name) belongs, shifting the entries in between by one. */
  private move(from: number, member: number, old: number, score: number): void {
    // Found with the entry still in place: when it moves up, the slot below the bound is its own.
    // Only the side it moves to is searched: every entry up to `from` is below a higher score, none from `from` on below a lower one.
    let to = score > old ? this.lowerBound(score, member, from + 1) : this.lowerBound(score, member, 0, from)
    if (to > from) {
      to--
      this.order.copyWithin(from, from + 1, to + 1)
      this.scores.copyWithin(from, from + 1, to + 1)
    } else {
      this.order.copyWithin(to + 1, to, from)
      this.scores.copyWithin(to + 1, to, from)
    }
    this.order[to] = member
    this.scores[to] = score
  }
}
