import {grownInt32} from '../engine/typed-array-growth.js'
import type {RequestStream} from './trace-requests.js'

/**
 * What reading a trace request by request adds up: the operation counts, the time span, the
 * value sizes, and each key's first size. A first pass (scanTrace) and a replay that reads the
 * trace once (openTraceReplay) count alike, so their figures agree.
 */
export class TraceTally {
  reads = 0
  writes = 0
  deletes = 0
  /** First and last arrival, in the trace's ms; null when the format carries no times. */
  firstMs: number | null = null
  lastMs: number | null = null
  sizeTotal = 0
  sized = 0
  /** Per key id: the first non-zero value size the trace gives it (0 when none yet). */
  firstSizes: Int32Array = new Int32Array(1024)
  /** Some write gives a TTL. */
  hasTtls = false
  /** Some key is given a value size other than its first one, or one only after it was first requested without. */
  resizes = false
  /** Keys seen so far: ids are dense in order of first appearance, so id = seen is a new key. */
  seen = 0

  /** Counts the request `requests` stands on. */
  add(requests: RequestStream): void {
    // Counters in fields rather than an object keyed by the operation's name: this runs once per request.
    const operation = requests.operation
    if (operation === 'read') this.reads++
    else if (operation === 'write') {
      this.writes++
      if (requests.ttlSeconds > 0) this.hasTtls = true
    } else this.deletes++
    const time = requests.timeMs
    if (time === time) {
      this.firstMs ??= time
      this.lastMs = time
    }
    const bytes = requests.valueBytes
    const key = requests.keyId
    const isNew = key === this.seen
    if (isNew) this.seen++
    if (bytes > 0) {
      this.sizeTotal += bytes
      this.sized++
      let firstSizes = this.firstSizes
      if (key >= firstSizes.length) firstSizes = this.firstSizes = grownInt32(firstSizes, firstSizes.length * 2, 0)
      if (firstSizes[key] === 0) {
        firstSizes[key] = bytes
        if (!isNew) this.resizes = true
      } else if (firstSizes[key] !== bytes) this.resizes = true
    }
  }

  get requests(): number {
    return this.reads + this.writes + this.deletes
  }

  /** Mean value size over all requests that give one, in bytes (0 when none does). */
  get meanValueBytes(): number {
    return this.sized === 0 ? 0 : this.sizeTotal / this.sized
  }
}
