import {CountedLists} from './counted-lists.js'
import type {EvictionPolicy, PolicyContext} from './eviction-policy.js'
import {GhostKeys} from './ghost-keys.js'

/** The probation queue new keys enter (2Q's A1in, S3-FIFO's S). */
export const PROBATION = 0
/** The queue for keys seen again (2Q's Am, S3-FIFO's M). */
export const PROTECTED = 1
const NONE = -1

/**
 * What 2Q and S3-FIFO share: two queues of slots, and a ghost FIFO of keys evicted from the
 * probation queue; a new key found among the ghosts enters the protected queue directly.
 * Subclasses choose victims and call evictFromProbation() for one whose key becomes a ghost.
 */
export abstract class GhostedQueues implements EvictionPolicy {
  protected readonly queues: CountedLists
  protected readonly counts: number[]
  private readonly ghosts = new GhostKeys()
  /** The probation victim last handed out: its key becomes a ghost when the engine removes it. */
  private pendingGhost = NONE

  constructor(
    initialCapacity: number,
    private readonly context: PolicyContext,
  ) {
    this.queues = new CountedLists(initialCapacity, 2)
    this.counts = this.queues.counts
  }

  abstract touched(slot: number): void
  abstract victim(): number
  /** How many ghosts to keep, asked as one is added. */
  protected abstract ghostLimit(): number

  inserted(slot: number): void {
    const key = this.context.keyOf(slot)
    const list = this.ghosts.has(key) ? PROTECTED : PROBATION
    this.ghosts.delete(key)
    this.queues.link(slot, list)
  }

  removed(slot: number): void {
    if (slot === this.pendingGhost) {
      this.pendingGhost = NONE
      this.ghosts.add(this.context.keyOf(slot), Math.max(1, this.ghostLimit()))
    }
    this.queues.unlink(slot)
  }

  grow(capacity: number): void {
    this.queues.grow(capacity)
  }

  /** PROBATION or PROTECTED (for inspection and tests). */
  queueOf(slot: number): number {
    return this.queues.listOf(slot)
  }

  /** Hands out the oldest probation entry as the victim; its key will be remembered. */
  protected evictFromProbation(): number {
    this.pendingGhost = this.queues.first(PROBATION)
    return this.pendingGhost
  }

  protected evictPlainly(slot: number): number {
    this.pendingGhost = NONE
    return slot
  }
}
