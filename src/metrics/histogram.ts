import {inflateSync} from 'node:zlib'
import hdr from 'hdr-histogram-js'
import {BucketTally, lowestValueOf} from './bucket-tally.js'
import type {EncodedHistogram, LatencySummary} from './result.js'

const NS_PER_MS = 1e6

/** The unit in the last place of x, as hdr-histogram-js computes it for a percentile's count. */
function ulp(x: number): number {
  return Math.pow(2, Math.floor(Math.log2(x)) - 52)
}

/**
 * A histogram's buckets and exact figures, to be added to another histogram of this process
 * later (`add`): taking one scans the counts, where `encode` also compresses them, and a whole
 * run never writes out what it would be encoded for (the timeline's per-interval reads).
 */
export interface HistogramSnapshot {
  count: number
  sumMs: number
  minMs: number
  maxMs: number
  /** Each bucket used, as a pair: its counts-array slot (bucket-tally.ts), then its count. */
  slots: Float64Array
}

/** A histogram to be added to another: written out (encoded), or kept in memory (a snapshot). */
export type HistogramPart = EncodedHistogram | HistogramSnapshot

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
  /** A tallied slot into the histogram (the tally's slot is the histogram's counts index for the value), and into the one it feeds. */
  private readonly drainInto = (value: number, count: number, slot: number): void => {
    this.addBucket(value, count, slot)
    this.fed?.drainInto(value, count, slot)
  }
  private sum = 0
  private minimum = Infinity
  private maximum = 0
  count = 0
  /** Where this histogram's values go too (see `alsoRecordInto`). */
  private fed: DurationHistogram | undefined
  /** The histograms whose values reach this one too. */
  private readonly feeders: DurationHistogram[] = []

  /**
   * Receives every value recorded here too: a phase's histogram feeding the whole run's. Its
   * count, sum, min and max take each value as it comes (the same sum, in the same order), but
   * its buckets take this one's tally as it drains, so a value is counted into one tally
   * rather than two (each tally of a run is tens of kB of counts, touched per value).
   */
  set alsoRecordInto(whole: DurationHistogram | undefined) {
    this.stopFeeding()
    this.fed = whole
    whole?.feeders.push(this)
  }

  /** Hands what this histogram still owes the one it feeds, and feeds it no more. */
  private stopFeeding(): void {
    const fed = this.fed
    if (fed === undefined) return
    this.settle()
    fed.feeders.splice(fed.feeders.indexOf(this), 1)
    this.fed = undefined
  }

  get alsoRecordInto(): DurationHistogram | undefined {
    return this.fed
  }

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
    } else this.recordUntallied(ns)
    this.countExactly(value)
  }

  /** A value's exact figures, here and in the histogram fed; its bucket comes with the tally's drain. */
  private countExactly(value: number): void {
    this.count++
    this.sum += value
    if (value > this.maximum) this.maximum = value
    if (value < this.minimum) this.minimum = value
    this.fed?.countExactly(value)
  }

  /** A value past the tally's range goes into the histogram at once, and so into the histogram fed. */
  private recordUntallied(ns: number): void {
    this.histogram.recordValue(ns)
    this.fed?.recordUntallied(ns)
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

  /** The buckets and exact figures, kept in memory for `add` (see HistogramSnapshot). */
  snapshot(): HistogramSnapshot {
    this.settle()
    const histogram = this.histogram
    const length = histogram.countsArrayLength
    let used = 0
    for (let slot = 0; slot < length; slot++) if (histogram.getCountAtIndex(slot) > 0) used++
    const slots = new Float64Array(used * 2)
    let next = 0
    for (let slot = 0; slot < length && next < slots.length; slot++) {
      const count = histogram.getCountAtIndex(slot)
      if (count === 0) continue
      slots[next++] = slot
      slots[next++] = count
    }
    return {count: this.count, sumMs: this.sum, minMs: this.count === 0 ? 0 : this.minimum, maxMs: this.maximum, slots}
  }

  /**
   * Percentiles (each above 0, at most 100) and a snapshot, then the values are taken away: read
   * from the tally alone while it holds every value recorded since the last reset, without handing
   * it to the HDR histogram and scanning that histogram's whole counts array twice (a timeline
   * closes an interval a second, at ~0.18 ms each that way). The same figures as `percentile` and
   * `snapshot` give, by hdr-histogram-js's rule for the count a percentile reaches. Undefined,
   * taking nothing, when the histogram has values from elsewhere or feeds another.
   */
  takeFromTally(percentiles: readonly number[]): {values: number[]; snapshot: HistogramSnapshot} | undefined {
    // The HDR histogram holds nothing yet (no tally handed over, nothing added or past the tally's range).
    if (this.histogram.totalCount > 0 || this.fed !== undefined || this.feeders.length > 0 || this.count === 0) return undefined
    const slots = this.tally.takeSlots()
    const values = percentiles.map((p) => this.percentileOfSlots(slots, p))
    const snapshot = {count: this.count, sumMs: this.sum, minMs: this.minimum, maxMs: this.maximum, slots}
    this.reset()
    return {values, snapshot}
  }

  /** getValueAtPercentile over a snapshot's slots: the first slot whose running count reaches the percentile's, at its highest equivalent value. */
  private percentileOfSlots(slots: Float64Array, percentile: number): number {
    const atPercentile = (Math.min(percentile, 100) / 100) * this.count
    // Rounded up, less one ulp first so that a count computed 1 ulp high is not taken for the next one.
    const wanted = Math.max(Math.ceil(atPercentile - ulp(atPercentile)), 1)
    let reached = 0
    for (let index = 0; index < slots.length; index += 2) {
      reached += slots[index + 1]
      if (reached >= wanted) return Math.min(this.histogram.highestEquivalentValue(lowestValueOf(slots[index])) / NS_PER_MS, this.maximum)
    }
    return 0
  }

  /** Adds the values of an encoded histogram or a snapshot, bucket by bucket, so percentiles are as if recorded here. */
  add(encoded: HistogramPart): void {
    if (encoded.count === 0) return
    if ('slots' in encoded) this.addSlots(encoded.slots)
    else {
      const decoded = hdr.decodeFromCompressedBase64(encoded.hdr, 32, false) as hdr.JsHistogram
      try {
        this.histogram.add(decoded)
      } finally {
        decoded.destroy()
      }
    }
    this.count += encoded.count
    this.sum += encoded.sumMs
    if (encoded.maxMs > this.maximum) this.maximum = encoded.maxMs
    if (encoded.minMs < this.minimum) this.minimum = encoded.minMs
  }

  /** A snapshot's buckets, the highest first (the histogram then grows at most once, as in `settle`). */
  private addSlots(slots: Float64Array): void {
    for (let index = slots.length - 2; index >= 0; index -= 2) {
      const slot = slots[index]
      this.addBucket(lowestValueOf(slot), slots[index + 1], slot)
    }
  }

  /**
   * `count` values of a bucket into the histogram: within the counts array added at its slot
   * directly, with the same min, max and total bookkeeping recordValueWithCount does after it has
   * worked the index out (with a log2 and a pow: that took most of a timeline interval's close);
   * a slot beyond the array takes the library's path, which grows the histogram first.
   */
  private addBucket(value: number, count: number, slot: number): void {
    const histogram = this.histogram
    if (slot < histogram.countsArrayLength) {
      histogram.addToCountAtIndex(slot, count)
      histogram.updateMinAndMax(value)
      histogram.addToTotalCount(count)
    } else histogram.recordValueWithCount(value, count)
  }

  /** Forgets this histogram's values; those recorded here still reach the histogram it feeds, and those of its feeders are forgotten with its own. */
  reset(): void {
    if (this.fed !== undefined || this.feeders.length > 0) this.settle()
    this.tally.clear()
    this.tallied = false
    // An HDR reset clears its whole counts array: skipped when it holds nothing (see takeFromTally).
    if (this.histogram.totalCount > 0) this.histogram.reset()
    this.count = 0
    this.sum = 0
    this.minimum = Infinity
    this.maximum = 0
  }

  /** Hands the tallied values to the histogram. */
  private settle(): void {
    for (const feeder of this.feeders) feeder.settle()
    if (!this.tallied) return
    this.tally.drainHighestFirst(this.drainInto)
    this.tallied = false
  }

  destroy(): void {
    this.stopFeeding()
    this.histogram.destroy()
  }
}

/**
 * Why an encoded histogram read from a file cannot be added (`add`): its data does not decode,
 * or holds another number of values than its count says. Undefined when it can; one with no
 * values is never decoded by `add`, so it is not checked either.
 */
export function encodedHistogramProblem(encoded: EncodedHistogram): string | undefined {
  if (encoded.count === 0) return undefined
  const oversized = oversizedProblem(encoded.hdr)
  if (oversized) return oversized
  let decoded: hdr.Histogram
  try {
    decoded = hdr.decodeFromCompressedBase64(encoded.hdr, 32, false)
  } catch (error) {
    return `does not decode (${(error as Error).message})`
  }
  try {
    const held = decoded.totalCount
    return held === encoded.count ? undefined : `holds ${held} values where its count says ${encoded.count}`
  } finally {
    decoded.destroy()
  }
}

/**
 * A histogram of ours, inflated, stays far below this: at 3 significant digits, its counts over
 * every duration from a nanosecond to years are about 50,000, at most 9 bytes each. Data that
 * inflates past it is not one of ours, and hdr-histogram-js would inflate all of it first: 1.4 MB
 * of a file's text can hold a gigabyte of zeros.
 */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024

/** Bytes 0–3 of the decoded text are the encoding's cookie, 4–7 the compressed length; the zlib stream follows. */
const COMPRESSED_HEADER_BYTES = 8

/** Deflate expands its input at most 1,032-fold (zlib's documented limit for its format). */
const MAX_DEFLATE_EXPANSION = 1032

function oversizedProblem(base64: string): string | undefined {
  // Base64 carries 3 bytes in 4 characters: a stream too short to inflate past the limit is not inflated twice.
  if ((base64.length * 3) / 4 <= MAX_INFLATED_BYTES / MAX_DEFLATE_EXPANSION) return undefined
  const bytes = Buffer.from(base64, 'base64')
  try {
    inflateSync(bytes.subarray(COMPRESSED_HEADER_BYTES), {maxOutputLength: MAX_INFLATED_BYTES})
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE') return `inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB, far more than a histogram holds`
    // Other failures are named by the decoder itself.
  }
  return undefined
}
