import {createRandom, Stream, type Random} from '../../generators/random.js'
import type {EvictionPolicy, PolicyContext} from '../eviction-policy.js'
import {grownFloat64, grownInt32} from '../typed-array-growth.js'
import {LFU_INIT_VAL, lfuDecayed, lfuIncremented} from './redis-lfu-counter.js'

/** What a sampled key is scored by (evict.c evictionPoolPopulate). */
export type RedisScore = 'lru' | 'lfu' | 'ttl' | 'random' | 'none'

/*
 * redis 7.0 evict.c: EVPOOL_SIZE 16; maxmemory-samples 5 (redis.conf default); server.h
 * LRU_CLOCK_RESOLUTION 1000 ms; LFU time in minutes (LFUGetTimeInMinutes).
 */
const POOL_SIZE = 16
const SAMPLES = 5
const LRU_RESOLUTION_MS = 1000
const MINUTE_MS = 60_000
const NONE = -1

/**
 * Redis's approximated eviction (evict.c performEvictions): each round samples 5 keys (from
 * every key, or only keys with a TTL for volatile-*), scores them — idle time in whole seconds
 * (LRU), 255 − the decayed LFU counter, or nearness of expiry (volatile-ttl) — and merges them
 * into a 16-entry pool ordered by score, where a sample only enters ahead of a lower score;
 * the best live entry of the pool is evicted. Pool entries keep the score they were sampled
 * with. The random policies evict a uniformly random key; noeviction evicts nothing, so a
 * write that needs room is refused (Redis answers OOM), as is a volatile policy's with no TTL key.
 * Redis samples neighbouring hash buckets (dictGetSomeKeys); this samples distinct keys uniformly.
 */
export class RedisSampledEviction implements EvictionPolicy {
  private readonly random: Random
  /** The keys eviction may pick from: dense, with each slot's position (or -1). */
  private members: Int32Array
  private positions: Int32Array
  private memberCount = 0
  /** LRU: last access in whole seconds; LFU: counter and last decrement minute. */
  private accessed: Float64Array
  private counters: Int32Array
  /** Bumped when a slot is emptied, so a pool entry for a departed key is seen as a ghost. */
  private generations: Int32Array
  private readonly poolSlots = new Int32Array(POOL_SIZE).fill(NONE)
  private readonly poolGenerations = new Int32Array(POOL_SIZE)
  private readonly poolScores = new Float64Array(POOL_SIZE)

  constructor(
    initialCapacity: number,
    private readonly context: PolicyContext,
    private readonly score: RedisScore,
    private readonly volatileOnly: boolean,
  ) {
    this.random = createRandom(context.seed, Stream.cacheEviction)
    this.members = new Int32Array(initialCapacity)
    this.positions = new Int32Array(initialCapacity).fill(NONE)
    this.accessed = new Float64Array(initialCapacity)
    this.counters = new Int32Array(initialCapacity)
    this.generations = new Int32Array(initialCapacity)
  }

  inserted(slot: number): void {
    if (this.score === 'lfu') {
      this.counters[slot] = LFU_INIT_VAL
      this.accessed[slot] = this.minutes()
    } else {
      this.accessed[slot] = this.seconds()
    }
    this.updateMembership(slot)
  }

  touched(slot: number): void {
    if (this.score === 'lfu') {
      const minutes = this.minutes()
      const decayed = lfuDecayed(this.counters[slot], minutes - this.accessed[slot])
      this.counters[slot] = lfuIncremented(decayed, this.random.next())
      this.accessed[slot] = minutes
    } else {
      this.accessed[slot] = this.seconds()
    }
  }

  rewritten(slot: number): void {
    this.updateMembership(slot)
  }

  removed(slot: number): void {
    this.leave(slot)
    this.generations[slot]++
  }

  victim(): number {
    return this.victimFor()
  }

  victimFor(): number {
    if (this.score === 'none' || this.memberCount === 0) return NONE
    if (this.score === 'random') return this.members[this.randomIndex()]
    for (;;) {
      this.populatePool()
      for (let k = POOL_SIZE - 1; k >= 0; k--) {
        const slot = this.poolSlots[k]
        if (slot === NONE) continue
        this.poolSlots[k] = NONE
        if (this.poolGenerations[k] === this.generations[slot] && this.positions[slot] !== NONE) return slot
      }
    }
  }

  grow(capacity: number): void {
    this.members = grownInt32(this.members, capacity, 0)
    this.positions = grownInt32(this.positions, capacity, NONE)
    this.accessed = grownFloat64(this.accessed, capacity, 0)
    this.counters = grownInt32(this.counters, capacity, 0)
    this.generations = grownInt32(this.generations, capacity, 0)
  }

  /** The LFU counter of the entry in slot (for inspection and tests). */
  lfuCounter(slot: number): number {
    return this.counters[slot]
  }

  private populatePool(): void {
    // Distinct keys, as dictGetSomeKeys returns: a partial Fisher–Yates shuffle of the members.
    const samples = Math.min(SAMPLES, this.memberCount)
    for (let sample = 0; sample < samples; sample++) {
      const chosen = sample + Math.floor(this.random.next() * (this.memberCount - sample))
      const slot = this.members[chosen]
      this.swapMembers(sample, chosen)
      this.insertIntoPool(slot, this.scoreOf(slot))
    }
  }

  /** Higher is a better victim. */
  private scoreOf(slot: number): number {
    if (this.score === 'lru') return this.seconds() - this.accessed[slot]
    if (this.score === 'lfu') return 255 - lfuDecayed(this.counters[slot], this.minutes() - this.accessed[slot])
    return -this.context.expiresAt(slot)
  }

  /** The pool is ascending by score with empty places on the right, as evict.c keeps it. */
  private insertIntoPool(slot: number, score: number): void {
    const slots = this.poolSlots
    const scores = this.poolScores
    let k = 0
    while (k < POOL_SIZE && slots[k] !== NONE && scores[k] < score) k++
    if (k === 0 && slots[POOL_SIZE - 1] !== NONE) return
    if (k < POOL_SIZE && slots[k] === NONE) {
      // An empty place: nothing to shift.
    } else if (slots[POOL_SIZE - 1] === NONE) {
      slots.copyWithin(k + 1, k, POOL_SIZE - 1)
      scores.copyWithin(k + 1, k, POOL_SIZE - 1)
      this.poolGenerations.copyWithin(k + 1, k, POOL_SIZE - 1)
    } else {
      // Full: drop the lowest score on the left and insert just before k.
      k--
      slots.copyWithin(0, 1, k + 1)
      scores.copyWithin(0, 1, k + 1)
      this.poolGenerations.copyWithin(0, 1, k + 1)
    }
    slots[k] = slot
    scores[k] = score
    this.poolGenerations[k] = this.generations[slot]
  }

  private updateMembership(slot: number): void {
    const eligible = !this.volatileOnly || this.context.expiresAt(slot) !== Infinity
    if (eligible && this.positions[slot] === NONE) {
      this.positions[slot] = this.memberCount
      this.members[this.memberCount++] = slot
    } else if (!eligible) {
      this.leave(slot)
    }
  }

  private leave(slot: number): void {
    const position = this.positions[slot]
    if (position === NONE) return
    const last = this.members[--this.memberCount]
    this.members[position] = last
    this.positions[last] = position
    this.positions[slot] = NONE
  }

  private swapMembers(a: number, b: number): void {
    const slotA = this.members[a]
    const slotB = this.members[b]
    this.members[a] = slotB
    this.positions[slotB] = a
    this.members[b] = slotA
    this.positions[slotA] = b
  }

  private randomIndex(): number {
    return Math.floor(this.random.next() * this.memberCount)
  }

  private seconds(): number {
    return Math.floor(this.context.now() / LRU_RESOLUTION_MS)
  }

  private minutes(): number {
    return Math.floor(this.context.now() / MINUTE_MS)
  }
}
