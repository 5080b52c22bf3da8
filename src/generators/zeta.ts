const memo = new Map<string, number>()

/**
 * zeta(n, theta) = Σ_{i=1..n} 1 / i^theta, the normalising constant of a zipfian over n ranks.
 * Memoised because every zipfian-family generator of a run (one per worker) needs the same value
 * and the sum costs O(n).
 */
export function zeta(n: number, theta: number): number {
  const key = `${n}:${theta}`
  let value = memo.get(key)
  if (value === undefined) {
    value = sumZeta(n, theta)
    memo.set(key, value)
  }
  return value
}

/** The sums this thread has computed, for a thread that will need the same ones (see rememberZetas). */
export function knownZetas(): ZetaEntries {
  return [...memo]
}

/** Takes sums another thread computed (see knownZetas): the same values, without summing again. */
export function rememberZetas(entries: ZetaEntries): void {
  for (const [key, value] of entries) if (!memo.has(key)) memo.set(key, value)
}

/** Memo entries as they cross a thread boundary. */
export type ZetaEntries = Array<[string, number]>

function sumZeta(n: number, theta: number): number {
  let sum = 0
  // Smallest terms first, so they are not rounded away against a large running sum.
  for (let i = n; i >= 1; i--) sum += Math.pow(i, -theta)
  return sum
}
