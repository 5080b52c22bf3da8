import {describe, expect, it} from 'vitest'
import type {EvictionPolicy} from '../../src/engine/eviction-policy.js'
import {LfuPolicy} from '../../src/engine/lfu.js'
import {createEvictionPolicy} from '../../src/engine/policy-registry.js'
import {EVICTION_POLICY_NAMES} from '../../src/workload/types.js'

/** Evicts victims until the policy is empty and returns them in order. */
function drain(policy: EvictionPolicy): number[] {
  const order: number[] = []
  for (let victim = policy.victim(); victim !== -1; victim = policy.victim()) {
    order.push(victim)
    policy.removed(victim)
  }
  return order
}

/**
 * Insert 1, 2, 3; touch 2, 2, 3, 1. Hand-worked:
 * - LRU: last uses 2@t5, 3@t6, 1@t7 → victim 2.
 * - FIFO: insertion order 1, 2, 3 → victim 1.
 * - LFU: counts 1:2, 2:3, 3:2; tie between 1 and 3 broken by least recent use (3@t6) → victim 3.
 */
function handWorkedSequence(policy: EvictionPolicy): void {
  for (const slot of [1, 2, 3]) policy.inserted(slot)
  for (const slot of [2, 2, 3, 1]) policy.touched(slot)
}

describe('eviction policies', () => {
  it('registers every policy name', () => {
    for (const name of EVICTION_POLICY_NAMES) {
      const policy = createEvictionPolicy(name, 4)
      expect(policy.victim()).toBe(-1)
    }
  })

  it('pick different victims on the same hand-worked sequence', () => {
    const victims = Object.fromEntries(
      EVICTION_POLICY_NAMES.map((name) => {
        const policy = createEvictionPolicy(name, 4)
        handWorkedSequence(policy)
        return [name, drain(policy)]
      }),
    )
    expect(victims.lru).toEqual([2, 3, 1])
    expect(victims.fifo).toEqual([1, 2, 3])
    // After 3 goes, 1 (count 2) precedes 2 (count 3).
    expect(victims.lfu).toEqual([3, 1, 2])
  })

  it('LFU breaks ties least recently used first', () => {
    const policy = new LfuPolicy(4)
    policy.inserted(0)
    policy.inserted(1)
    policy.inserted(2)
    // All at count 1: the oldest use goes first.
    expect(policy.victim()).toBe(0)
    policy.touched(1)
    policy.touched(0)
    // 0 and 1 at count 2, 2 at count 1; among the count-2 pair, 1 was used before 0.
    expect(drain(policy)).toEqual([2, 1, 0])
  })

  it('LFU counts every touch and restarts a returning entry at 1', () => {
    const policy = new LfuPolicy(4)
    policy.inserted(0)
    policy.inserted(1)
    for (let i = 0; i < 5; i++) policy.touched(0)
    policy.touched(1)
    expect(policy.frequency(0)).toBe(6)
    expect(policy.frequency(1)).toBe(2)
    policy.removed(0)
    policy.inserted(0)
    expect(policy.frequency(0)).toBe(1)
    expect(drain(policy)).toEqual([0, 1])
  })

  it('LFU removes from the middle of the bucket chain', () => {
    const policy = new LfuPolicy(4)
    for (const slot of [0, 1, 2]) policy.inserted(slot)
    policy.touched(1)
    policy.touched(2)
    policy.touched(2)
    // Buckets: 1:{0}, 2:{1}, 3:{2}. Removing 1 empties the middle bucket.
    policy.removed(1)
    policy.inserted(3)
    policy.touched(3)
    expect(policy.frequency(3)).toBe(2)
    expect(drain(policy)).toEqual([0, 3, 2])
  })

  it('FIFO ignores touches; LRU does not', () => {
    const fifo = createEvictionPolicy('fifo', 2)
    const lru = createEvictionPolicy('lru', 2)
    for (const policy of [fifo, lru]) {
      policy.inserted(0)
      policy.inserted(1)
      policy.touched(0)
    }
    expect(fifo.victim()).toBe(0)
    expect(lru.victim()).toBe(1)
  })

  it('grow past the initial capacity keeps the order', () => {
    for (const name of EVICTION_POLICY_NAMES) {
      const policy = createEvictionPolicy(name, 2)
      policy.inserted(0)
      policy.inserted(1)
      policy.grow(4)
      policy.inserted(2)
      policy.grow(8)
      policy.inserted(7)
      // No touches: every policy evicts in insertion order.
      expect(drain(policy), name).toEqual([0, 1, 2, 7])
    }
  })
})
