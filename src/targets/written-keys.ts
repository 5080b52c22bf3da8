import {grownLength, grownUint8} from '../engine/typed-array-growth.js'

/**
 * The key ids a run has written to a real server, so it can delete exactly those at the end
 * and never anything outside its prefix.
 */
export class WrittenKeys {
  private written: Uint8Array
  private count = 0

  constructor(keyCount: number) {
    this.written = new Uint8Array(keyCount)
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    if (count > this.written.length) this.written = grownUint8(this.written, grownLength(this.written.length, count))
  }

  add(key: number): void {
    if (this.written[key] === 0) {
      this.written[key] = 1
      this.count++
    }
  }

  get size(): number {
    return this.count
  }

  /** The written ids in batches, for batched deletes. */
  *batches(size: number): Generator<number[]> {
    let batch: number[] = []
    for (let key = 0; key < this.written.length; key++) {
      if (this.written[key] === 0) continue
      batch.push(key)
      if (batch.length === size) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
  }
}
