export const COMPARISON_OPS = ['<', '<=', '>', '>=', '==', '!='] as const
export type ComparisonOp = (typeof COMPARISON_OPS)[number]

/**
 * Relative tolerance for equality. Thresholds are written in decimal (`93.4%`, `0.1ms`) and
 * measured values are quotients, so both sides carry binary rounding error; without a tolerance
 * `hitRatio >= 93.4%` could fail on a ratio of exactly 0.934.
 */
const RELATIVE_TOLERANCE = 1e-9

export function compare(actual: number, op: ComparisonOp, expected: number): boolean {
  const equal = Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected))
  switch (op) {
    case '<':
      return actual < expected && !equal
    case '<=':
      return actual < expected || equal
    case '>':
      return actual > expected && !equal
    case '>=':
      return actual > expected || equal
    case '==':
      return equal
    case '!=':
      return !equal
  }
}
