/**
 * W-TinyLFU written again from the paper's definition (ACM ToS 2017), naively: arrays of keys,
 * oldest first, and a count-min sketch of 4 rows of 4-bit counters with the same fixed
 * multiply-shift hashes, so both estimate the same frequencies. C is the most entries held.
 */
export class ReferenceWTinyLfu {
  private readonly window: number[] = []
  private readonly probation: number[] = []
  private readonly protected: number[] = []
  private readonly rows: number[][]
  private readonly width: number
  private samples = 0
  private c = 0

  constructor(private readonly capacity: number) {
    this.width = 2 ** Math.max(4, Math.ceil(Math.log2(capacity)))
    this.rows = [0, 1, 2, 3].map(() => new Array<number>(this.width).fill(0))
  }

  access(key: number): boolean {
    this.add(key)
    const hit = this.hit(key)
    if (hit) return true
    if (this.window.length + this.probation.length + this.protected.length === this.capacity) this.evict()
    this.window.push(key)
    this.c = Math.max(this.c, this.window.length + this.probation.length + this.protected.length)
    if (this.window.length > this.windowSize()) this.probation.push(this.window.shift()!)
    return false
  }

  private hit(key: number): boolean {
    if (this.window.includes(key) || this.protected.includes(key)) {
      const list = this.window.includes(key) ? this.window : this.protected
      list.splice(list.indexOf(key), 1)
      list.push(key)
      return true
    }
    if (!this.probation.includes(key)) return false
    this.probation.splice(this.probation.indexOf(key), 1)
    this.protected.push(key)
    if (this.protected.length > Math.floor(0.8 * (this.c - this.windowSize()))) this.probation.push(this.protected.shift()!)
    return true
  }

  /** The window's LRU entry is the candidate; TinyLFU admits it only if more frequent than the main victim. */
  private evict(): void {
    const main = this.probation.length > 0 ? this.probation : this.protected
    if (this.window.length + 1 <= this.windowSize() && main.length > 0) {
      main.shift()
      return
    }
    const candidate = this.window.shift()!
    if (main.length > 0 && this.estimate(candidate) > this.estimate(main[0])) {
      main.shift()
      this.probation.push(candidate)
    }
  }

  private windowSize(): number {
    return Math.max(1, Math.floor(this.c / 100))
  }

  private column(row: number, key: number): number {
    const multipliers = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f]
    // Multiply-shift: the top log2(width) bits of the 32-bit product.
    return Math.imul(key ^ (key >>> 16), multipliers[row]) >>> (32 - Math.log2(this.width))
  }

  private add(key: number): void {
    this.rows.forEach((row, r) => {
      const column = this.column(r, key)
      row[column] = Math.min(15, row[column] + 1)
    })
    this.samples++
    if (this.samples >= 10 * Math.max(1, this.c)) {
      for (const row of this.rows) row.forEach((count, column) => (row[column] = Math.floor(count / 2)))
      this.samples = Math.floor(this.samples / 2)
    }
  }

  private estimate(key: number): number {
    return Math.min(...this.rows.map((row, r) => row[this.column(r, key)]))
  }
}
