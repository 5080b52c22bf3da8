/** One measured figure of a benchmark run. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  note?: string
}
