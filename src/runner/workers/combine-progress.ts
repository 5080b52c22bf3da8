import type {ProgressSnapshot} from '../progress.js'

/**
 * One progress line for several workers. A worker's fraction is its share of the whole run's
 * operations done, so those add up; a timed run is as far along as its workers on average.
 * The hit ratio is weighted by operations and the p99 is the worst worker's: good enough to
 * watch, and the final result is merged exactly.
 */
export function combineProgress(snapshots: readonly ProgressSnapshot[], countedRun: boolean): ProgressSnapshot {
  const operations = snapshots.reduce((total, snapshot) => total + snapshot.operations, 0)
  const withReads = snapshots.filter((snapshot) => snapshot.hitRatio !== null)
  const weight = withReads.reduce((total, snapshot) => total + snapshot.operations, 0)
  const p99s = snapshots.map((snapshot) => snapshot.readP99).filter((p99): p99 is number => p99 !== null)
  const fractions = snapshots.reduce((total, snapshot) => total + snapshot.fraction, 0)
  return {
    elapsedMs: Math.max(0, ...snapshots.map((snapshot) => snapshot.elapsedMs)),
    fraction: Math.min(1, countedRun ? fractions : fractions / Math.max(1, snapshots.length)),
    operations,
    throughput: snapshots.reduce((total, snapshot) => total + snapshot.throughput, 0),
    hitRatio: weight > 0 ? withReads.reduce((total, snapshot) => total + (snapshot.hitRatio as number) * snapshot.operations, 0) / weight : null,
    readP99: p99s.length > 0 ? Math.max(...p99s) : null,
  }
}
