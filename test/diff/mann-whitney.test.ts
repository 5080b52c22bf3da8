import {describe, expect, it} from 'vitest'
import {mannWhitneyPValue, median} from '../../src/diff/mann-whitney.js'

/** Two-sided exact p by brute force: every way of choosing which pooled values are "a". */
function bruteForceP(a: number[], b: number[]): number {
  const pooled = [...a, ...b]
  const ranks = pooled.map((v) => pooled.filter((w) => w < v).length + (pooled.filter((w) => w === v).length + 1) / 2)
  const n = a.length
  const mean = (n * (pooled.length + 1)) / 2
  const observed = Math.abs(ranks.slice(0, n).reduce((s, r) => s + r, 0) - mean)
  let extreme = 0
  let all = 0
  for (let mask = 0; mask < 1 << pooled.length; mask++) {
    let bits = 0
    let sum = 0
    for (let i = 0; i < pooled.length; i++) if (mask & (1 << i)) {
      bits++
      sum += ranks[i]
    }
    if (bits !== n) continue
    all++
    if (Math.abs(sum - mean) >= observed - 1e-9) extreme++
  }
  return extreme / all
}

describe('Mann-Whitney U, exact two-sided', () => {
  it('gives the textbook p for fully separated samples: 2 / C(n+m, n)', () => {
    expect(mannWhitneyPValue([1, 2, 3, 4], [5, 6, 7, 8])).toBeCloseTo(2 / 70, 12)
    expect(mannWhitneyPValue([1, 2, 3], [4, 5, 6])).toBeCloseTo(2 / 20, 12)
    expect(mannWhitneyPValue([10, 11, 12, 13, 14], [1, 2, 3, 4, 5])).toBeCloseTo(2 / 252, 12)
  })

  it('is 1 for identical samples (all ties) and for one empty side', () => {
    expect(mannWhitneyPValue([3, 3, 3], [3, 3, 3, 3])).toBe(1)
    expect(mannWhitneyPValue([], [1, 2])).toBe(1)
  })

  it('matches brute-force enumeration, ties included', () => {
    const cases: [number[], number[]][] = [
      [[1.2, 3.4, 2.2, 5.0], [2.2, 6.1, 7.3, 4.4, 3.4]],
      [[1, 1, 2, 2, 3], [2, 3, 3, 4, 4]],
      [[5, 1, 4], [2, 6, 3, 7]],
      [[0.5, 0.7, 0.9, 1.1, 1.3, 1.5], [0.6, 0.8, 1.0, 1.2, 1.4, 1.6]],
    ]
    for (const [a, b] of cases) expect(mannWhitneyPValue(a, b)).toBeCloseTo(bruteForceP(a, b), 10)
  })

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})
