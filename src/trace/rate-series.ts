/** Most intervals a rate series keeps: past this, neighbours merge and the interval doubles. */
const MAX_INTERVALS = 120

/** Requests per interval of trace time, at an interval that widens to keep the series short. */
export class RateSeries {
  private counts: number[] = []
  private intervalMs = 1000
  private startMs: number | null = null

  /** Counts `times` requests at `timeMs` (a request repeated, as op_count repeats one). */
  add(timeMs: number, times = 1): void {
    // No time (NaN), or one past any clock (a 400-digit MONITOR stamp): it has no interval.
    if (!Number.isFinite(timeMs)) return
    this.startMs ??= timeMs
    // A trace's clock can step back (merged logs): the series then starts earlier, whole intervals back.
    if (timeMs < this.startMs) this.startEarlier(timeMs)
    let index = Math.floor((timeMs - this.startMs) / this.intervalMs)
    while (index >= MAX_INTERVALS) {
      this.widen()
      index = Math.floor((timeMs - this.startMs) / this.intervalMs)
    }
    while (this.counts.length <= index) this.counts.push(0)
    this.counts[index] += times
  }

  private startEarlier(timeMs: number): void {
    const start = this.startMs as number
    let before = Math.ceil((start - timeMs) / this.intervalMs)
    while (before + this.counts.length > MAX_INTERVALS) {
      this.widen()
      before = Math.ceil((start - timeMs) / this.intervalMs)
    }
    this.counts.unshift(...new Array<number>(before).fill(0))
    this.startMs = start - before * this.intervalMs
  }

  /** Neighbours merge and the interval doubles, its boundaries still whole intervals from the start. */
  private widen(): void {
    const merged: number[] = []
    for (let at = 0; at < this.counts.length; at += 2) merged.push((this.counts[at] ?? 0) + (this.counts[at + 1] ?? 0))
    this.counts = merged
    this.intervalMs *= 2
  }

  /** Each interval's start (ms from the series' start, at or just before the earliest request) and its rate in requests per second. */
  points(): {atMs: number; perSecond: number}[] {
    return this.counts.map((count, index) => ({atMs: index * this.intervalMs, perSecond: (count * 1000) / this.intervalMs}))
  }
}
