/**
 * The Zipf exponent θ of key popularity by maximum likelihood: with the keys ranked by their
 * request counts c₁ ≥ c₂ ≥ … ≥ cₙ and P(rank i) = i^−θ / Σⱼ j^−θ, the log-likelihood is
 * −θ·Σ cᵢ ln i − N·ln Σⱼ j^−θ, which is concave in θ; a golden-section search finds its peak.
 * Maximum likelihood weighs every request, where a log-log regression over the ranks would let
 * the noisy tail of rarely seen keys pull the slope.
 */
const LOWEST = 0
const HIGHEST = 4
const TOLERANCE = 1e-5

export function fitZipfTheta(counts: ArrayLike<number>): number {
  const sorted = Float64Array.from(counts).sort().reverse()
  let n = sorted.length
  while (n > 0 && sorted[n - 1] === 0) n--
  if (n < 2) return 0
  const logRank = new Float64Array(n)
  let total = 0
  let weighted = 0
  for (let index = 0; index < n; index++) {
    logRank[index] = Math.log(index + 1)
    total += sorted[index]
    weighted += sorted[index] * logRank[index]
  }
  const logLikelihood = (theta: number): number => {
    let normaliser = 0
    for (let index = 0; index < n; index++) normaliser += Math.exp(-theta * logRank[index])
    return -theta * weighted - total * Math.log(normaliser)
  }
  const ratio = (Math.sqrt(5) - 1) / 2
  let low = LOWEST
  let high = HIGHEST
  let left = high - ratio * (high - low)
  let right = low + ratio * (high - low)
  let leftValue = logLikelihood(left)
  let rightValue = logLikelihood(right)
  while (high - low > TOLERANCE) {
    if (leftValue < rightValue) {
      low = left
      left = right
      leftValue = rightValue
      right = low + ratio * (high - low)
      rightValue = logLikelihood(right)
    } else {
      high = right
      right = left
      rightValue = leftValue
      left = high - ratio * (high - low)
      leftValue = logLikelihood(left)
    }
  }
  return (low + high) / 2
}
