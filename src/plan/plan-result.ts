import type {MrcMethod, MrcPoint} from '../mrc/mrc-result.js'
import type {PlanGoals} from './goals.js'
import type {ModelName} from '../workload/types.js'
import type {NodeEngine} from './node-sizing.js'

/** The capacity plan document (docs/contracts.md, Miss-ratio curves and capacity plans): names and units are a contract with pipelines. */
export const PLAN_SCHEMA = 'cache-bench.plan/v1'

/** One strategy on one node type. */
export interface PlanRow {
  strategy: string
  nodeType: string
  /** Nodes holding data (shards); replicas come on top of them. */
  nodes: number
  replicasPerNode: number
  /** The smallest cache memory meeting every goal, before rounding up to whole nodes. */
  memoryBytes: number
  /** Cache memory of the nodes: nodes × usable memory per node. */
  provisionedBytes: number
  usableBytesPerNode: number
  /** At memoryBytes. */
  hitRatio: number
  originReadsPerSec: number | null
  readP99Ms: number | null
  /** nodes × (1 + replicas) × price per hour × 730 h. */
  monthlyCost: number
  /** N+1 headroom: the pool with its largest node failed, as the consistent-hash model predicts. */
  oneNodeFailed: {
    hitRatio: number
    originReadsPerSec: number | null
    meetsGoals: boolean
    /** The fewest nodes of this type that still meet the goals with one of them down; null if none within 16 more. */
    nodesToMeetGoals: number | null
  }
}

/** The curve a strategy's plan was read from, and the size chosen on it. */
export interface StrategyCurve {
  strategy: string
  method: MrcMethod
  memoryBytes: number
  points: MrcPoint[]
}

/** A strategy no cache size up to 1.5 × the keyspace serves: why, and its curve (no size chosen on it). */
export interface UnmetStrategy {
  strategy: string
  method: MrcMethod
  /** One sentence: the largest size's shortfalls, e.g. "no cache size up to 156MiB … meets every goal for write-through: there, hit ratio 0.826 < 0.9". */
  reason: string
  points: MrcPoint[]
}

export interface PlanResult {
  schema: typeof PLAN_SCHEMA
  tool: {name: string; version: string}
  workload: {name: string; file: string | null}
  engine: NodeEngine
  /**
   * The cache model the curves were computed with: the engine's (--engine) or, without it, the
   * workload's own (`ideal` unless its cache section names one), so a plan says which it sized by.
   */
  curveModel: ModelName
  goals: PlanGoals
  catalog: {file: string; source: string; checked: string | null; region: string; currency: string}
  curve: StrategyCurve[]
  rows: PlanRow[]
  /** Strategies asked for that no size serves; the plan holds the others. */
  unmet: UnmetStrategy[]
  assumptions: string[]
}

/** The reason a strategy has no plan, as a sentence of its own. */
export function unmetSentence(unmet: Pick<UnmetStrategy, 'reason'>): string {
  return `${unmet.reason.charAt(0).toUpperCase()}${unmet.reason.slice(1)}.`
}
