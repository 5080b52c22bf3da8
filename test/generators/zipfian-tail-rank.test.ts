import {describe, expect, it} from 'vitest'
import {createRandom, type Random} from '../../src/generators/random.js'
import {zeta} from '../../src/generators/zeta.js'
import {ZipfianRanks} from '../../src/generators/zipfian-ranks.js'

/** YCSB's zipfian draw written out with Math.pow, as ZipfianRanks drew before its faster tail. */
function referenceRanks(n: number, theta: number, random: Random): () => number {
  const zetaN = zeta(n, theta)
  const alpha = 1 / (1 - theta)
  const rankOneLimit = 1 + Math.pow(0.5, theta)
  const eta = n > 2 ? (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta(2, theta) / zetaN) : 0
  return () => {
    const u = random.next()
    const uz = u * zetaN
    if (uz < 1) return 0
    if (uz < rankOneLimit) return 1
    const rank = Math.floor(n * Math.pow(eta * u - eta + 1, alpha))
    if (rank < 2) return 2
    return rank < n ? rank : n - 1
  }
}

/** Uniforms given in turn: draws placed where the tail's formula lands near a whole number. */
class GivenUniforms implements Random {
  private index = 0
  constructor(private readonly values: number[]) {}
  next(): number {
    return this.values[this.index++ % this.values.length]
  }
  nextUint32(): number {
    return Math.floor(this.next() * 2 ** 32)
  }
}

describe('zipfian ranks drawn through exp and log', () => {
  it.each([
    [100_000, 0.99],
    [10_000_000, 0.99],
    [1000, 0.5],
    [20_000_000, 0.9],
    [50, 0.01],
  ])('give the same rank as Math.pow for every draw: n %d, theta %d', (n, theta) => {
    const fast = new ZipfianRanks(n, theta, createRandom(7, 3))
    const reference = referenceRanks(n, theta, createRandom(7, 3))
    let differing = 0
    for (let draw = 0; draw < 1_000_000; draw++) if (fast.next() !== reference()) differing++
    expect(differing).toBe(0)
  })

  it('stay within a hundredth of the margin that sends a draw to Math.pow', () => {
    // The largest relative gap between exp(alpha · log(base)) and pow(base, alpha) over the bases a
    // draw can meet (n · base^alpha from 2 to n), for the steepest exponents theta below 1 allows.
    const random = createRandom(11)
    for (const [n, theta] of [[100_000, 0.99], [1e9, 0.9999], [10, 0.01]]) {
      const alpha = 1 / (1 - theta)
      let largest = 0
      for (let draw = 0; draw < 200_000; draw++) {
        // log-uniform in the share r/n: base = (r/n)^(1/alpha)
        const share = Math.exp(Math.log(2 / n) * random.next())
        const base = Math.pow(share, 1 / alpha)
        const viaPow = Math.pow(base, alpha)
        const gap = Math.abs(Math.exp(alpha * Math.log(base)) - viaPow) / viaPow
        if (gap > largest) largest = gap
      }
      expect(largest).toBeLessThan(2 ** -40 / 100)
    }
  })

  it('give the same rank where the formula lands on or beside a whole number', () => {
    const n = 100_000
    const theta = 0.99
    const zetaN = zeta(n, theta)
    const eta = (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta(2, theta) / zetaN)
    // u whose base^alpha is r/n, and the doubles either side of it: the floor's boundaries.
    const uniforms: number[] = []
    for (let rank = 2; rank < n; rank += 997) {
      const u = (Math.pow(rank / n, 1 - theta) - 1 + eta) / eta
      if (!(u > 0 && u < 1)) continue
      uniforms.push(u, u + Number.EPSILON * u, u - Number.EPSILON * u, u + 4 * Number.EPSILON * u, u - 4 * Number.EPSILON * u)
    }
    expect(uniforms.length).toBeGreaterThan(400)
    const fast = new ZipfianRanks(n, theta, new GivenUniforms(uniforms))
    const reference = referenceRanks(n, theta, new GivenUniforms(uniforms))
    const mismatches = uniforms.map(() => [fast.next(), reference()]).filter(([a, b]) => a !== b)
    expect(mismatches).toEqual([])
  })

  it('give the same rank from the memo of the uniform\'s buckets, at both edges of every bucket and beside each rank\'s edge', () => {
    const n = 1_000_000
    const theta = 0.99
    const buckets = 2 ** 18
    const zetaN = zeta(n, theta)
    const eta = (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta(2, theta) / zetaN)
    // First each bucket's middle, so that the memo learns every bucket; then the draws to check.
    const uniforms: number[] = []
    for (let bucket = 0; bucket < buckets; bucket++) uniforms.push((bucket + 0.5) / buckets)
    const learnt = uniforms.length
    for (let bucket = 0; bucket < buckets; bucket++) {
      const high = (bucket + 1) / buckets
      uniforms.push(bucket / buckets, high - Number.EPSILON * high)
    }
    // The first uniform of each rank (and the doubles beside it) for the ranks a bucket can hold.
    for (let rank = 2; rank < 70_000; rank++) {
      const u = (Math.pow(rank / n, 1 - theta) - 1 + eta) / eta
      uniforms.push(u, u + Number.EPSILON * u, u - Number.EPSILON * u)
    }
    const fast = new ZipfianRanks(n, theta, new GivenUniforms(uniforms))
    const reference = referenceRanks(n, theta, new GivenUniforms(uniforms))
    const mismatches: number[][] = []
    uniforms.forEach((u, index) => {
      const [mine, theirs] = [fast.next(), reference()]
      if (index >= learnt && mine !== theirs) mismatches.push([u, mine, theirs])
    })
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})
