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
  /** True where nextWriteKey draws otherwise than nextKey (latest's inserts): which keys come then depends on the mix. */
  readonly modelsInserts?: boolean
}

export type KeyDistributionFactory = (spec: KeyspaceSpec, random: Random) => KeyDistribution
