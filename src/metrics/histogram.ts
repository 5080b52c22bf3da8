import hdr from 'hdr-histogram-js'
import {BucketTally} from './bucket-tally.js'
import type {EncodedHistogram, LatencySummary} from './result.js'

const NS_PER_MS = 1e6

/**
 * An HDR histogram of durations in milliseconds, held as integer nanoseconds at 3 significant
 * digits. Count, mean, min and max are tracked exactly beside it; percentiles come from the
 * histogram (within 0.1%). `destroy()` releases it.
 */
export class DurationHistogram {
  private readonly histogram: hdr.JsHistogram
  /** Values recorded but not yet in `histogram`: counted per bucket here, handed over when read. */
  private readonly tally = new BucketTally()
  private tallied = false
  /**
   * A tallied slot into the histogram. The tally's slot is the histogram's counts index for the
   * value, so within the counts array it is added there directly, with the same min, max and total
   * bookkeeping recordValueWithCount does after it has worked the index out (with a log2 and a
   * pow: that took most of a timeline interval's close). A slot beyond the array takes the
   * library's path, which grows the histogram first.
   */
  private readonly drainInto = (value: number, count: number, slot: number): void => {
    const histogram = this.histogram
    if (slot < histogram.countsArrayLength) {
      histogram.addToCountAtIndex(slot, count)
      histogram.updateMinAndMax(value)
      histogram.addToTotalCount(count)
    } else histogram.recordValueWithCount(value, count)
  }
  private sum = 0
  private minimum = Infinity
  private maximum = 0
  count = 0
  /** Receives every value recorded here too: a phase's histogram feeding the whole run's. */
  alsoRecordInto: DurationHistogram | undefined

  constructor() {
    // The JavaScript build, not the WebAssembly one: values reach it through the tally, a bucket at
    // a time, so the two record at the same speed (a 1M-operation run: 3.3 vs 3.0 CPU-s, the same
    // result to the byte), while loading the WebAssembly cost every start ~60–240 ms (inflating
    // the module, and Node's fetch implementation that its loader touches).
    this.histogram = hdr.build({useWebAssembly: false, numberOfSignificantValueDigits: 3}) as hdr.JsHistogram
  }

  record(ms: number): void {
    const value = ms > 0 ? ms : 0
    const ns = Math.round(value * NS_PER_MS)
    if (ns <= Number.MAX_SAFE_INTEGER) {
      this.tally.add(ns)
      this.tallied = true
    } else this.histogram.recordValue(ns)
    this.count++
    this.sum += value
    if (value > this.maximum) this.maximum = value
    if (value < this.minimum) this.minimum = value
    this.alsoRecordInto?.record(ms)
  }

  /** Value at a percentile in 0..100, in ms. */
  percentile(p: number): number {
    if (this.count === 0) return 0
    this.settle()
    return Math.min(this.histogram.getValueAtPercentile(p) / NS_PER_MS, this.maximum)
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      mean: this.count === 0 ? 0 : this.sum / this.count,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.maximum,
      min: this.count === 0 ? 0 : this.minimum,
    }
  }

  /** Everything needed to merge this histogram exactly with others: HDR's compressed form and the exact sum, min and max. */
  encode(): EncodedHistogram {
    this.settle()
    return {
      count: this.count,
      sumMs: this.sum,
      minMs: this.count === 0 ? 0 : this.minimum,
      maxMs: this.maximum,
      hdr: hdr.encodeIntoCompressedBase64(this.histogram),
    }
  }

  /** Adds the values of an encoded histogram, bucket by bucket, so percentiles are as if recorded here. */
  add(encoded: EncodedHistogram): void {
    if (encoded.count === 0) return
    const decoded = hdr.decodeFromCompressedBase64(encoded.hdr, 32, false) as hdr.JsHistogram
    try {
      this.histogram.add(decoded)
    } finally {
      decoded.destroy()
    }
    this.count += encoded.count
    this.sum += encoded.sumMs
    if (encoded.maxMs > this.maximum) this.maximum = encoded.maxMs
    if (encoded.minMs < this.minimum) this.minimum = encoded.minMs
  }

  reset(): void {
    this.tally.clear()
    this.tallied = false
    this.histogram.reset()
    this.count = 0
    this.sum = 0
    this.minimum = Infinity
    this.maximum = 0
  }

  /** Hands the tallied values to the histogram. */
  private settle(): void {
    if (!this.tallied) return
    this.tally.drainHighestFirst(this.drainInto)
    this.tallied = false
  }

  destroy(): void {
    this.histogram.destroy()
  }
}
