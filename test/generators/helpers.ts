import type {KeyspaceSpec} from '../../src/workload/types.js'
import type {Random} from '../../src/generators/random.js'

/** A keyspace with YCSB's defaults, overridden per test. */
export function keyspace(overrides: Partial<KeyspaceSpec> = {}): KeyspaceSpec {
  return {
    count: 1000,
    distribution: 'uniform',
    theta: 0.99,
    hotspot: {hotFraction: 0.2, hotOpFraction: 0.8},
    exponential: {percentile: 95, fraction: 0.8571428571},
    ...overrides,
  }
}

/** How often each value in [0, bins) came out of `draw` in `draws` calls. */
export function histogram(draw: () => number, bins: number, draws: number): Uint32Array {
  const counts = new Uint32Array(bins)
  for (let i = 0; i < draws; i++) counts[draw()]++
  return counts
}

export function argmax(counts: ArrayLike<number>): number {
  let best = 0
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i
  return best
}

/** Pearson's statistic of counts against equal expected frequencies. */
export function chiSquareUniform(counts: ArrayLike<number>, from = 0, to = counts.length): number {
  let total = 0
  for (let i = from; i < to; i++) total += counts[i]
  const expected = total / (to - from)
  let statistic = 0
  for (let i = from; i < to; i++) statistic += (counts[i] - expected) ** 2 / expected
  return statistic
}

/**
 * Bounds for a chi-square statistic with df degrees of freedom: mean df, variance 2·df. Six
 * standard deviations either side; the lower bound also catches output that is too regular.
 */
export function chiSquareBounds(df: number): [number, number] {
  const spread = 6 * Math.sqrt(2 * df)
  return [df - spread, df + spread]
}

/**
 * Five binomial standard deviations for `draws` trials of probability p: every seeded test then
 * has a chance below 1e-6 of failing for an arbitrary seed.
 */
export function binomialTolerance(draws: number, p: number): number {
  return 5 * Math.sqrt(draws * p * (1 - p))
}

export function expectNear(actual: number, expected: number, tolerance: number): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${actual} to be within ${tolerance} of ${expected}`)
  }
}

/**
 * zeta(n, theta) = Σ_{i=1..n} i^−theta by Euler–Maclaurin, independent of the summing code under
 * test: the first 99 terms exactly, the rest as integral + end corrections up to f'''. The
 * remainder after the f''' term is below 1e-10 for m = 100.
 */
export function zetaEulerMaclaurin(n: number, theta: number): number {
  const m = 100
  const f = (x: number) => x ** -theta
  let head = 0
  for (let i = 1; i <= Math.min(n, m - 1); i++) head += f(i)
  if (n < m) return head
  const d1 = (x: number) => -theta * x ** (-theta - 1)
  const d3 = (x: number) => -theta * (theta + 1) * (theta + 2) * x ** (-theta - 3)
  const integral = (n ** (1 - theta) - m ** (1 - theta)) / (1 - theta)
  return head + integral + (f(m) + f(n)) / 2 + (d1(n) - d1(m)) / 12 - (d3(n) - d3(m)) / 720
}

/** Standard normal CDF via Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** Returns the given uniforms in turn, to reach edges a seeded generator would rarely hit. */
export function scriptedRandom(values: number[]): Random {
  let index = 0
  return {
    next: () => values[index++ % values.length],
    nextUint32: () => Math.floor(values[index++ % values.length] * 4294967296),
  }
}

const MASK_64 = (1n << 64n) - 1n

/** The textbook FNV-1a 64 over bytes, on BigInt: the reference for the BigInt-free hash. */
export function referenceFnv1a64(bytes: number[]): bigint {
  let hash = 0xcbf29ce484222325n
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & MASK_64
  return hash
}

/** The 8 little-endian bytes of a non-negative integer below 2^64. */
export function littleEndianBytes(value: number): number[] {
  let rest = BigInt(value)
  const bytes: number[] = []
  for (let i = 0; i < 8; i++) {
    bytes.push(Number(rest & 0xffn))
    rest >>= 8n
  }
  return bytes
}
