/** One measured figure of a benchmark run. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  note?: string
}

/** The middle of an odd number of rounds (the upper middle of an even number): the figure a noisy machine disturbs least. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
