/** Exact percentiles of whole-number sizes, counted by value: sizes repeat, so memory stays small. */
export class SizeCounts {
  private readonly counts = new Map<number, number>()
  total = 0

  add(size: number, times = 1): void {
    this.counts.set(size, (this.counts.get(size) ?? 0) + times)
    this.total += times
  }

  /** The smallest size with at least q of the counted sizes at or below it, for each q in 0..1. */
  quantiles(qs: readonly number[]): number[] {
    const sorted = [...this.counts.entries()].sort((a, b) => a[0] - b[0])
    return qs.map((q) => {
      const wanted = Math.max(1, Math.ceil(q * this.total))
      let seen = 0
      for (const [size, count] of sorted) {
        seen += count
        if (seen >= wanted) return size
      }
      return sorted.length === 0 ? 0 : sorted[sorted.length - 1][0]
    })
  }

  mean(): number {
    let sum = 0
    for (const [size, count] of this.counts) sum += size * count
    return this.total === 0 ? 0 : sum / this.total
  }

  stddev(): number {
    const mean = this.mean()
    let sum = 0
    for (const [size, count] of this.counts) sum += (size - mean) ** 2 * count
    return this.total === 0 ? 0 : Math.sqrt(sum / this.total)
  }
}
