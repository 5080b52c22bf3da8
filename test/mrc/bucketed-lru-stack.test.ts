import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {ABSENT, BucketedLruStack} from '../../src/mrc/bucketed-lru-stack.js'

/** The region by first principles: walk a plain most-recent-first list summing weights. */
class PlainStack {
  entries: Array<{key: number; weight: number}> = []
  constructor(private limits: number[]) {}

  regionOf(key: number): number {
    let depth = 0
    for (const entry of this.entries) {
      depth += entry.weight
      if (entry.key !== key) continue
      const region = this.limits.findIndex((limit) => depth <= limit)
      return region === -1 ? this.limits.length : region
    }
    return ABSENT
  }

  access(key: number, weight: number): number {
    const region = this.regionOf(key)
    this.remove(key)
    this.entries.unshift({key, weight})
    return region
  }

  remove(key: number): void {
    this.entries = this.entries.filter((entry) => entry.key !== key)
  }

  scale(limits: number[]): void {
    this.limits = limits
  }
}

describe('LRU stack cut at the grid sizes', () => {
  const cases = [
    ['dense keys', 400, true],
    ['sparse keys', null, true],
    ['keys of weight 1, dense', 400, false],
    ['keys of weight 1, sparse', null, false],
  ] as const
  for (const [label, keyCount, weighted] of cases) {
    it(`finds every key in the region a plain list gives, through weight changes, removals and rescaling: ${label}`, () => {
      const limits = weighted ? [1, 7, 60, 250, 1_200, 4_000] : [1, 7, 30, 90, 200, 330]
      const stack = new BucketedLruStack(limits, {keyCount, weighted})
      const plain = new PlainStack(limits)
      const random = createRandom(7)
      const seen = new Set<number>()
      for (let step = 0; step < 20_000; step++) {
        const key = Math.floor(random.next() ** 2 * 400)
        // Removals put every region right again (they settle the whole stack), so the unweighted runs go without them for a first half.
        if (random.next() < (weighted || step > 10_000 ? 0.05 : 0)) {
          stack.remove(key)
          plain.remove(key)
          continue
        }
        // Weights mostly stay, sometimes change, so depths both grow and shrink.
        const weight = !weighted ? 1 : random.next() < 0.8 ? 1 + (key % 13) : 1 + Math.floor(random.next() * 40)
        const found = stack.access(key, weight)
        seen.add(found)
        expect(found).toBe(plain.access(key, weight))
        if (step === 10_000) {
          const rate = 0.5
          const unit = weighted ? 0 : 1
          stack.scaleLimits(rate, unit)
          plain.scale(limits.map((limit) => unit + (limit - unit) * rate))
        }
      }
      expect(stack.size).toBe(plain.entries.length)
      // Every region and first accesses occurred, so the walk above checked them all.
      expect([...seen].sort((a, b) => a - b)).toEqual([ABSENT, 0, 1, 2, 3, 4, 5, 6])
    })
  }

  it('holds slots for the live keys only, however long the stream', () => {
    const stack = new BucketedLruStack([10, 100], {keyCount: null, weighted: false})
    for (let step = 0; step < 200_000; step++) {
      stack.access(step)
      if (step >= 500) stack.remove(step - 500)
    }
    expect(stack.size).toBe(500)
    expect(stack.slotCapacity).toBeLessThanOrEqual(4 * 500 + 1024)
  })
})
