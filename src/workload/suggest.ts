/**
 * "Did you mean …" for mistyped field names, enum values and workload names.
 */

/**
 * The candidate nearest to `input` by edit distance (case-insensitive), or undefined when none
 * is close enough to be a plausible typo of it.
 */
export function suggestNearest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best === undefined) return undefined
  // About one edit per three letters of the intended word: catches a dropped, doubled or swapped
  // letter in short names ("cnt" → "count") without pairing unrelated short words ("mix" / "max").
  const tolerance = Math.max(1, Math.ceil(best.length / 3))
  if (bestDistance <= tolerance) return best
  // An abbreviation ("distrib", "warm") is too far from its word by edits: the one name it begins.
  const extended = needle.length >= MIN_ABBREVIATION ? candidates.filter((candidate) => candidate.toLowerCase().startsWith(needle)) : []
  return extended.length === 1 ? extended[0] : undefined
}

/** Letters an abbreviation needs before it is taken for the one name it begins. */
const MIN_ABBREVIATION = 4

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * adjacent letters each cost one, since a swap ("zipfain") is the commonest typo of all.
 */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1
  let twoRowsBack = new Uint32Array(width)
  let previousRow = new Uint32Array(width)
  let currentRow = new Uint32Array(width)
  for (let j = 0; j < width; j++) previousRow[j] = j
  for (let i = 1; i <= a.length; i++) {
    currentRow[0] = i
    for (let j = 1; j < width; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1
      let cost = Math.min(previousRow[j] + 1, currentRow[j - 1] + 1, previousRow[j - 1] + substitution)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cost = Math.min(cost, twoRowsBack[j - 2] + 1)
      }
      currentRow[j] = cost
    }
    const recycled = twoRowsBack
    twoRowsBack = previousRow
    previousRow = currentRow
    currentRow = recycled
  }
  return previousRow[b.length]
}
