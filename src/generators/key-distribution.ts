import type {KeyspaceSpec} from '../workload/types.js'
import type {Random} from './random.js'

/**
 * Chooses the key of each operation. Implementations draw only from the Random they are given,
 * so the same seed replays the same keys.
 */
export interface KeyDistribution {
  /** Key index in [0, count) for a read or delete. */
  nextKey(): number
  /** Key index for a write; equals nextKey() except where a distribution models inserts (latest). */
  nextWriteKey(): number
}

export type KeyDistributionFactory = (spec: KeyspaceSpec, random: Random) => KeyDistribution
