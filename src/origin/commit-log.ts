import {grownFloat64, grownLength} from '../engine/typed-array-growth.js'
import type {VersionLog} from './version-log.js'

const INITIAL_HISTORY = 4

/**
 * Every version each key has had, with its commit time, so a stale read's age is exact: it
 * runs from the commit of the first version newer than the one returned. Each key's history is
 * an array indexed by version (allocated on its first write), so that lookup is O(1) however
 * far behind the stale copy is. It grows with every write: runs use it only when a key can have
 * several cached copies (node failures, pool changes); otherwise HeldVersionLog.
 */
export class CommitLog implements VersionLog {
  private readonly history: Array<Float64Array | undefined>
  private versions: Float64Array

  constructor(keyCount: number) {
    this.history = new Array<Float64Array | undefined>(keyCount).fill(undefined)
    this.versions = new Float64Array(keyCount)
  }

  reserveKeys(count: number): void {
    if (count <= this.versions.length) return
    this.versions = grownFloat64(this.versions, grownLength(this.versions.length, count), 0)
    while (this.history.length < this.versions.length) this.history.push(undefined)
  }

  /** The key's current version; 0 is the data the origin held before the run. */
  version(key: number): number {
    return this.versions[key]
  }

  /** When the key's current version was committed (0 for the initial data). */
  committedAt(key: number): number {
    const version = this.versions[key]
    return version === 0 ? 0 : (this.history[key] as Float64Array)[version - 1]
  }

  /** Commits the next version at `time` and returns it. */
  commit(key: number, time: number): number {
    const version = ++this.versions[key]
    let times = this.history[key]
    if (times === undefined) {
      times = new Float64Array(INITIAL_HISTORY)
      this.history[key] = times
    } else if (version > times.length) {
      const grown = new Float64Array(times.length * 2)
      grown.set(times)
      times = grown
      this.history[key] = times
    }
    times[version - 1] = time
    return version
  }

  /** Commit time of `version + 1`, or undefined when the key has no newer version. */
  firstNewerCommitTime(key: number, version: number): number | undefined {
    if (version >= this.versions[key]) return undefined
    return (this.history[key] as Float64Array)[version]
  }

  pin(): void {}

  unpin(): void {}

  stored(): void {}

  retained(): number {
    let total = 0
    for (let key = 0; key < this.versions.length; key++) total += this.versions[key]
    return total
  }
}
