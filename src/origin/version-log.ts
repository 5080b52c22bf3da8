/**
 * What the origin remembers of each key's versions, so that a stale read's age is exact: it
 * runs from the commit of the first version newer than the one returned (docs/contracts.md, Runs and results).
 */
export interface VersionLog {
  /** The key's current version; 0 is the data the origin held before the run. */
  version(key: number): number
  /** When the key's current version was committed (0 for the initial data). */
  committedAt(key: number): number
  /** Commits the next version at `time` and returns it. */
  commit(key: number, time: number): number
  /** Commit time of `version + 1`, or undefined when the key has no newer version. */
  firstNewerCommitTime(key: number, version: number): number | undefined
  /** `version` was handed to an operation, which may put it in the cache or return it: keep what its staleness needs. */
  pin(key: number, version: number): void
  /** The operation that was handed `version` is over. */
  unpin(key: number, version: number): void
  /** The cache now holds `version` of the key (a set succeeded). */
  stored(key: number, version: number): void
  /** Makes room for key ids below `count` (a trace replay meets its keys as it goes). */
  reserveKeys(count: number): void
  /** Versions whose successor's commit time is kept: the log's size. */
  retained(): number
}
