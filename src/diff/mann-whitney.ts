/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum), exact: the p-value is read from the
 * permutation distribution of the rank sum given the observed ranks, so it holds for the handful
 * of repetitions a CI job can afford and stays valid with ties (mid-ranks). No npm package offers
 * an exact, tie-aware version small enough to vendor, hence this one; see Mann & Whitney (1947)
 * and Hollander & Wolfe, "Nonparametric Statistical Methods", ch. 4, for the statistic.
 */
export function mannWhitneyPValue(a: readonly number[], b: readonly number[]): number {
  const n = a.length
  const m = b.length
  if (n === 0 || m === 0) return 1
  const doubledRanks = midRanksDoubled([...a, ...b])
  const observed = doubledRanks.slice(0, n).reduce((sum, rank) => sum + rank, 0)
  const total = n + m
  const mean = (n * (total + 1)) // doubled: 2 · n(N+1)/2
  const distance = Math.abs(observed - mean)
  if (total > EXACT_LIMIT) return normalApproximation(distance / 2, n, m, doubledRanks)
  // counts[k][s]: subsets of k of the ranks seen so far whose doubled ranks add up to s.
  const maxSum = total * (total + 1)
  let counts: Float64Array[] = Array.from({length: n + 1}, () => new Float64Array(maxSum + 1))
  counts[0][0] = 1
  for (const rank of doubledRanks) {
    const next = counts.map((row) => row.slice())
    for (let k = 1; k <= n; k++) {
      const from = counts[k - 1]
      const to = next[k]
      for (let s = rank; s <= maxSum; s++) to[s] += from[s - rank]
    }
    counts = next
  }
  let extreme = 0
  let all = 0
  counts[n].forEach((ways, sum) => {
    all += ways
    // A small epsilon: doubled mid-ranks are integers, so equality is exact up to float sums.
    if (Math.abs(sum - mean) >= distance - 1e-9) extreme += ways
  })
  return Math.min(1, extreme / all)
}

/** Beyond this many pooled samples the exact table grows large; the normal approximation is good there. */
const EXACT_LIMIT = 80

/** Two-sided p from the normal approximation with the tie-corrected variance of the rank sum. */
function normalApproximation(distance: number, n: number, m: number, doubledRanks: readonly number[]): number {
  const total = n + m
  const ranks = doubledRanks.map((rank) => rank / 2)
  const meanRank = (total + 1) / 2
  const spread = ranks.reduce((sum, rank) => sum + (rank - meanRank) ** 2, 0) / (total - 1)
  const z = distance / Math.sqrt((n * m * spread) / total)
  return Math.min(1, 2 * (1 - standardNormalCdf(z)))
}

/** Abramowitz & Stegun 7.1.26 for erf (error below 1.5e-7). */
function standardNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** Ranks 1..N of the pooled values, ties sharing their mean rank, times two so they stay integers. */
function midRanksDoubled(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({value, index})).sort((x, y) => x.value - y.value)
  const ranks = new Array<number>(values.length)
  for (let start = 0; start < order.length; ) {
    let end = start
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++
    // Ranks start+1 .. end+1 share their mean; doubled: start + end + 2.
    for (let i = start; i <= end; i++) ranks[order[i].index] = start + end + 2
    start = end + 1
  }
  return ranks
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
