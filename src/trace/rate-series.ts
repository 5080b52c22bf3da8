/** Most intervals a rate series keeps: past this, neighbours merge and the interval doubles. */
const MAX_INTERVALS = 120

/** Requests per interval of trace time, at an interval that widens to keep the series short. */
export class RateSeries {
  private counts: number[] = []
  private intervalMs = 1000
  private startMs: number | null = null

  add(timeMs: number): void {
    if (timeMs !== timeMs) return
    this.startMs ??= timeMs
    let index = Math.floor((timeMs - this.startMs) / this.intervalMs)
    while (index >= MAX_INTERVALS) {
      const merged: number[] = []
      for (let at = 0; at < this.counts.length; at += 2) merged.push((this.counts[at] ?? 0) + (this.counts[at + 1] ?? 0))
      this.counts = merged
      this.intervalMs *= 2
      index = Math.floor((timeMs - this.startMs) / this.intervalMs)
    }
    if (index < 0) index = 0
    while (this.counts.length <= index) this.counts.push(0)
    this.counts[index]++
  }

  /** Each interval's start (ms from the first request) and its rate in requests per second. */
  points(): {atMs: number; perSecond: number}[] {
    return this.counts.map((count, index) => ({atMs: index * this.intervalMs, perSecond: (count * 1000) / this.intervalMs}))
  }
}
