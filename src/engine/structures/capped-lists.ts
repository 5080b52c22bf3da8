/** Below this many dropped entries a list is not worth compacting. */
const COMPACT_AFTER = 64

/**
 * One list used as LPUSH + LTRIM 0 cap−1 uses it: entries stored oldest first with the head
 * (newest) at the end, so a push is an array push and a trim only advances `start`; the
 * dropped prefix is cut off once it outweighs the live part, which keeps pushes O(1) amortised.
 */
class CappedList<Value> {
  private items: Value[] = []
  private start = 0

  get length(): number {
    return this.items.length - this.start
  }

  push(value: Value, maxLength: number): number {
    this.items.push(value)
    const excess = this.length - maxLength
    if (excess > 0) this.start += excess
    if (this.start > COMPACT_AFTER && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start)
      this.start = 0
    }
    return this.length
  }

  /** LRANGE 0 n−1: newest first. */
  head(n: number): Value[] {
    const out: Value[] = []
    for (let index = this.items.length - 1; index >= this.start && out.length < n; index--) out.push(this.items[index])
    return out
  }
}

/** Capped lists by id (feeds, dashboards); a list that was never pushed to reads as empty, as in Redis. */
export class CappedLists<Value> {
  private readonly lists = new Map<number, CappedList<Value>>()

  /** LPUSH then LTRIM 0 maxLength−1 (maxLength ≥ 1): returns the length afterwards. */
  push(list: number, value: Value, maxLength: number): number {
    let entry = this.lists.get(list)
    if (!entry) {
      entry = new CappedList()
      this.lists.set(list, entry)
    }
    return entry.push(value, maxLength)
  }

  head(list: number, n: number): Value[] {
    return this.lists.get(list)?.head(n) ?? []
  }

  /** Entries in the list; 0 for one never pushed to. */
  length(list: number): number {
    return this.lists.get(list)?.length ?? 0
  }
}
