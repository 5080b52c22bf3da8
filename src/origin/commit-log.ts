/**
 * Every version each key has had, with its commit time, so a stale read's age can be computed
 * exactly: the age runs from the commit of the first version newer than the one returned.
 * One append-only log with a per-key back-link keeps memory at one entry per write.
 */
export class CommitLog {
  private readonly head: Int32Array
  private readonly headVersion: Float64Array
  private times = new Float64Array(1024)
  private previous = new Int32Array(1024)
  private length = 0

  constructor(keyCount: number) {
    this.head = new Int32Array(keyCount).fill(-1)
    this.headVersion = new Float64Array(keyCount)
  }

  /** The key's current version; 0 is the data the origin held before the run. */
  version(key: number): number {
    return this.headVersion[key]
  }

  /** When the key's current version was committed (0 for the initial data). */
  committedAt(key: number): number {
    const entry = this.head[key]
    return entry < 0 ? 0 : this.times[entry]
  }

  /** Commits the next version at `time` and returns it. */
  commit(key: number, time: number): number {
    if (this.length === this.times.length) this.grow()
    const entry = this.length++
    this.times[entry] = time
    this.previous[entry] = this.head[key]
    this.head[key] = entry
    return ++this.headVersion[key]
  }

  /** Commit time of `version + 1`, or undefined when the key has no newer version. */
  firstNewerCommitTime(key: number, version: number): number | undefined {
    let steps = this.headVersion[key] - version - 1
    if (steps < 0) return undefined
    let entry = this.head[key]
    while (steps-- > 0) entry = this.previous[entry]
    return this.times[entry]
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2)
    times.set(this.times)
    this.times = times
    const previous = new Int32Array(this.previous.length * 2)
    previous.set(this.previous)
    this.previous = previous
  }
}
