/**
 * The key ids a run has written to a real server, so it can delete exactly those at the end
 * and never anything outside its prefix.
 */
export class WrittenKeys {
  private readonly written: Uint8Array
  private count = 0

  constructor(keyCount: number) {
    this.written = new Uint8Array(keyCount)
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
