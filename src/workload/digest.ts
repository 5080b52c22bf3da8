import {createHash} from 'node:crypto'
import type {Workload} from './types.js'

/**
 * Identifies a workload as run — every setting after defaults and overrides, but not the path it
 * was read from, which differs between the hosts that run the shards of one workload, nor its
 * thresholds, which judge a result without changing it: a pull request's run that adds a
 * `--threshold` stays comparable with its baseline. A workload without thresholds keeps the
 * digest it always had.
 */
export function workloadDigest(workload: Workload): string {
  const canonical = JSON.stringify({...workload, file: null, thresholds: []})
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16)
}
