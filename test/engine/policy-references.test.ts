import {describe, expect, it} from 'vitest'
import {CacheEngine} from '../../src/engine/cache-engine.js'
import {createRandom} from '../../src/generators/random.js'
import {createZipfRanks} from '../../src/generators/zipf-ranks.js'
import {ReferenceWTinyLfu} from './reference-w-tinylfu.js'

/**
 * SIEVE, S3-FIFO, 2Q, ARC and W-TinyLFU (reference-w-tinylfu.ts) written again from their papers' definitions, naively (arrays of keys,
 * oldest first), and replayed against the engine on the same lazy-loading stream: read a key,
 * store it on a miss, in a cache of `capacity` entries.
 */
interface Reference {
  /** true on a hit; on a miss the key is stored, evicting as the policy says. */
  access(key: number): boolean
}

function remove(list: number[], key: number): void {
  list.splice(list.indexOf(key), 1)
}

/** NSDI '24: one FIFO, visited bits, a hand from old to new that stays where it evicted. */
class ReferenceSieve implements Reference {
  private readonly queue: number[] = []
  private readonly visited = new Set<number>()
  private hand: number | null = null

  constructor(private readonly capacity: number) {}

  access(key: number): boolean {
    if (this.queue.includes(key)) {
      this.visited.add(key)
      return true
    }
    if (this.queue.length === this.capacity) {
      let at = this.hand ?? 0
      while (this.visited.has(this.queue[at])) {
        this.visited.delete(this.queue[at])
        at = (at + 1) % this.queue.length
      }
      this.queue.splice(at, 1)
      // The hand now points at the entry that was newer than the victim, or wraps.
      this.hand = at === this.queue.length ? null : at
    }
    this.queue.push(key)
    return false
  }
}

/** VLDB '94 full 2Q: FIFO A1in (Kin = 25 %), ghost FIFO A1out (Kout = 50 %), LRU Am. */
class ReferenceTwoQ implements Reference {
  private readonly a1in: number[] = []
  private readonly am: number[] = []
  private readonly a1out: number[] = []

  constructor(private readonly capacity: number) {}

  access(key: number): boolean {
    if (this.am.includes(key)) {
      remove(this.am, key)
      this.am.push(key)
      return true
    }
    if (this.a1in.includes(key)) return true
    if (this.a1in.length + this.am.length === this.capacity) {
      const resident = this.a1in.length + this.am.length
      const kin = Math.max(1, Math.floor(resident / 4))
      if (this.a1in.length > kin || this.am.length === 0) {
        const out = this.a1in.shift()!
        const kout = Math.max(1, Math.floor(resident / 2))
        if (this.a1out.includes(out)) remove(this.a1out, out)
        this.a1out.push(out)
        while (this.a1out.length > kout) this.a1out.shift()
      } else {
        this.am.shift()
      }
    }
    if (this.a1out.includes(key)) {
      remove(this.a1out, key)
      this.am.push(key)
    } else {
      this.a1in.push(key)
    }
    return false
  }
}

/** SOSP '23: S (10 %), M, ghost G as large as M, 2-bit frequencies, promotion on one hit. */
class ReferenceS3Fifo implements Reference {
  private readonly small: number[] = []
  private readonly main: number[] = []
  private readonly ghost: number[] = []
  private readonly frequency = new Map<number, number>()

  constructor(private readonly capacity: number) {}

  access(key: number): boolean {
    if (this.small.includes(key) || this.main.includes(key)) {
      this.frequency.set(key, Math.min(3, this.frequency.get(key)! + 1))
      return true
    }
    if (this.small.length + this.main.length === this.capacity) this.evict()
    this.frequency.set(key, 0)
    if (this.ghost.includes(key)) {
      remove(this.ghost, key)
      this.main.push(key)
    } else {
      this.small.push(key)
    }
    return false
  }

  private evict(): void {
    for (;;) {
      const total = this.small.length + this.main.length
      if (this.small.length > 0 && (this.small.length >= 0.1 * total || this.main.length === 0)) {
        const oldest = this.small.shift()!
        if (this.frequency.get(oldest) === 0) {
          this.ghost.push(oldest)
          while (this.ghost.length > Math.max(1, this.main.length)) this.ghost.shift()
          return
        }
        this.frequency.set(oldest, 0)
        this.main.push(oldest)
      } else {
        const oldest = this.main.shift()!
        const frequency = this.frequency.get(oldest)!
        if (frequency === 0) return
        this.frequency.set(oldest, frequency - 1)
        this.main.push(oldest)
      }
    }
  }
}

/** FAST '03, the paper's ARC(c) case by case: LRU lists T1, T2, ghosts B1, B2, target p. */
class ReferenceArc implements Reference {
  private readonly t1: number[] = []
  private readonly t2: number[] = []
  private readonly b1: number[] = []
  private readonly b2: number[] = []
  private p = 0

  constructor(private readonly c: number) {}

  access(key: number): boolean {
    if (this.t1.includes(key) || this.t2.includes(key)) {
      remove(this.t1.includes(key) ? this.t1 : this.t2, key)
      this.t2.push(key)
      return true
    }
    if (this.b1.includes(key)) {
      this.p = Math.min(this.c, this.p + (this.b1.length >= this.b2.length ? 1 : this.b2.length / this.b1.length))
      this.replace(false)
      remove(this.b1, key)
      this.t2.push(key)
    } else if (this.b2.includes(key)) {
      this.p = Math.max(0, this.p - (this.b2.length >= this.b1.length ? 1 : this.b1.length / this.b2.length))
      this.replace(true)
      remove(this.b2, key)
      this.t2.push(key)
    } else {
      const l1 = this.t1.length + this.b1.length
      const total = l1 + this.t2.length + this.b2.length
      if (l1 === this.c) {
        if (this.t1.length < this.c) {
          this.b1.shift()
          this.replace(false)
        } else {
          this.t1.shift()
        }
      } else if (total >= this.c) {
        if (total === 2 * this.c) this.b2.shift()
        this.replace(false)
      }
      this.t1.push(key)
    }
    return false
  }

  private replace(inB2: boolean): void {
    if (this.t1.length >= 1 && ((inB2 && this.t1.length === this.p) || this.t1.length > this.p)) this.b1.push(this.t1.shift()!)
    else this.b2.push(this.t2.shift()!)
  }
}

function engineAccess(engine: CacheEngine, key: number): boolean {
  if (engine.lookup(key) >= 0) return true
  engine.set(key, 1, 0, 10, null)
  return false
}

const REFERENCES = {
  sieve: (capacity: number) => new ReferenceSieve(capacity),
  '2q': (capacity: number) => new ReferenceTwoQ(capacity),
  's3-fifo': (capacity: number) => new ReferenceS3Fifo(capacity),
  arc: (capacity: number) => new ReferenceArc(capacity),
  'w-tinylfu': (capacity: number) => new ReferenceWTinyLfu(capacity),
} as const

describe.each(Object.keys(REFERENCES) as Array<keyof typeof REFERENCES>)('%s against its paper, written naively', (eviction) => {
  it.each([
    [8, 40],
    [50, 400],
    // W-TinyLFU's window holds more than one entry from 200 entries up.
    [300, 3000],
  ])('hits and misses agree access by access (%i entries, %i keys, skewed)', (capacity, keys) => {
    const engine = new CacheEngine({maxItems: capacity, capacityBytes: null, eviction, now: () => 0})
    const reference = REFERENCES[eviction](capacity)
    const random = createRandom(31, 0)
    let hits = 0
    // The first disagreement, checked once after the loop: an expect() per access cost seconds
    // over 20,000 accesses. The run stops there, as a failing expect() in the loop would.
    let disagreement: {step: number; key: number; engine: boolean; reference: boolean} | null = null
    for (let step = 0; step < 20_000 && disagreement === null; step++) {
      // Cubing a uniform draw skews towards low keys; key ids are spread apart.
      const key = Math.floor(random.next() ** 3 * keys) * 7919
      const expected = reference.access(key)
      const hit = engineAccess(engine, key)
      if (hit !== expected) disagreement = {step, key, engine: hit, reference: expected}
      if (expected) hits++
    }
    expect(disagreement).toBeNull()
    // Neither all hits nor all misses: the policy really chose victims.
    expect(hits).toBeGreaterThan(2000)
    expect(hits).toBeLessThan(19_000)
  })
})

describe('hand-worked traces', () => {
  function missesOf(eviction: keyof typeof REFERENCES | 'lru', capacity: number, trace: string): string {
    const engine = new CacheEngine({maxItems: capacity, capacityBytes: null, eviction, now: () => 0})
    return [...trace].filter((letter) => !engineAccess(engine, letter.charCodeAt(0))).join('')
  }

  it('SIEVE: a visited entry survives the hand once; the hand stays where it evicted', () => {
    // A B C fill 3 entries; A is hit. D: the hand clears A, evicts B (queue A C D, hand at C).
    // E evicts C (hand at D); A is hit again; F evicts D. Then B, C, D all miss, A still hits.
    expect(missesOf('sieve', 3, 'ABCADEAFA')).toBe('ABCDEF')
    expect(missesOf('sieve', 3, 'ABCADEAFAB')).toBe('ABCDEFB')
  })

  it('2Q: a key seen again after leaving A1in enters Am and outlives one-time keys', () => {
    // 4 entries, Kin 1: A B C D fill A1in; E pushes A out to A1out; A comes back into Am.
    // The scan F G H I then only cycles through A1in, and A still hits.
    expect(missesOf('2q', 4, 'ABCDEAFGHIA')).toBe('ABCDEAFGHI')
  })

  it('S3-FIFO: one-hit keys leave from S; a key hit in S is promoted to M and stays', () => {
    // 10 entries, S is 10 %: A is read twice, then a scan of 12 new keys. A moves to M when it
    // reaches the end of S and the scan keys, never read again, are evicted from S.
    expect(missesOf('s3-fifo', 10, 'AABCDEFGHIJKLMA')).toBe('ABCDEFGHIJKLM')
  })

  it('W-TinyLFU: a scan does not flush the frequent items', () => {
    // 10 entries, window 1. A–E are read three times, then 20 keys are read once each. Once the
    // cache is full each scan key, leaving the window with a count of 1, meets a main victim of
    // equal or higher count and is not admitted, so A–E all still hit; LRU has lost them.
    const trace = 'ABCDEABCDEABCDE' + 'FGHIJKLMNOPQRSTUVWXY' + 'ABCDE'
    expect(missesOf('w-tinylfu', 10, trace)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXY')
    expect(missesOf('lru', 10, trace)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYABCDE')
  })

  it('W-TinyLFU: a one-hit wonder is not admitted over a frequent victim', () => {
    // 4 entries. A B C are read twice (window [C], probation [A], protected [B]); X fills the
    // 4th entry, C moving on to probation. Y: the window victim X (count 1) loses to the main
    // victim A (count 2) and is evicted; Z: so is Y. A B C still hit and X misses again.
    expect(missesOf('w-tinylfu', 4, 'ABCABCXYZABCX')).toBe('ABCXYZX')
    // LRU keeps the newcomers and drops A, then B.
    expect(missesOf('lru', 4, 'ABCABCXYZABCX')).toBe('ABCXYZABCX')
  })

  it('W-TinyLFU: a window victim seen more often than the main victim is admitted in its place', () => {
    // 5 entries: A B C D fill the main cache in order, X is read three times in the window. Y:
    // X (count 3) beats A (count 1), so A is evicted and X joins probation; Z: Y (count 1) ties
    // with B and the incumbent stays. X and B hit, A misses.
    expect(missesOf('w-tinylfu', 5, 'ABCDXXXYZXBA')).toBe('ABCDXYZA')
  })
})

describe('w-tinylfu under zipfian keys', () => {
  /** Read-through hit ratio of each policy on the same zipfian stream. */
  function hitRatios(cache: {maxItems: number | null; capacityBytes: number | null}, keys: number, accesses: number): number[] {
    return (['w-tinylfu', 'lru'] as const).map((eviction) => {
      const engine = new CacheEngine({...cache, eviction, now: () => 0})
      const ranks = createZipfRanks(keys, 0.9, createRandom(11, 0))
      let hits = 0
      for (let step = 0; step < accesses; step++) if (engineAccess(engine, ranks.next())) hits++
      // Every entry is still in the policy's lists: clearing asks it for each one as a victim.
      const held = engine.items
      expect(engine.clear()).toBe(held)
      expect(engine.items).toBe(0)
      return hits / accesses
    })
  }

  it('hits at least as often as LRU (100 entries of 2000 keys)', () => {
    const [tinyLfu, lru] = hitRatios({maxItems: 100, capacityBytes: null}, 2000, 100_000)
    expect(tinyLfu).toBeGreaterThanOrEqual(lru)
  })

  it('hits at least as often as LRU with a byte capacity past the first slot table (~2900 entries)', () => {
    // A 10-byte value under a key of 3-7 bytes costs 69-73 B: 210 000 B hold about 2 900 entries.
    const [tinyLfu, lru] = hitRatios({maxItems: null, capacityBytes: 210_000}, 30_000, 200_000)
    expect(tinyLfu).toBeGreaterThanOrEqual(lru)
  })
})
