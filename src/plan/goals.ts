import {InputError} from '../errors.js'
import type {MrcPoint} from '../mrc/mrc-result.js'
import {parseDuration, parseRate} from '../workload/units.js'

/** What the cache must achieve; a plan finds the smallest memory that meets every goal given. */
export interface PlanGoals {
  hitRatio?: number
  /** Most origin reads per second the database should see. */
  originReadsPerSec?: number
  readP99Ms?: number
  staleRatio?: number
}

export interface GoalFlags {
  'hit-ratio'?: string
  'origin-reads'?: string
  'read-p99'?: string
  'stale-ratio'?: string
}

function ratio(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!(value >= 0 && value <= 1)) throw new InputError(`${flag} must be a ratio from 0 to 1, e.g. 0.95 (got "${text}").`)
  return value
}

export function parseGoals(flags: GoalFlags): PlanGoals {
  const goals: PlanGoals = {
    hitRatio: ratio(flags['hit-ratio'], '--hit-ratio'),
    originReadsPerSec: flags['origin-reads'] === undefined ? undefined : parseRate(flags['origin-reads'], '--origin-reads'),
    readP99Ms: flags['read-p99'] === undefined ? undefined : parseDuration(flags['read-p99'], '--read-p99'),
    staleRatio: ratio(flags['stale-ratio'], '--stale-ratio'),
  }
  if (Object.values(goals).every((goal) => goal === undefined)) {
    throw new InputError('plan needs at least one goal: --hit-ratio, --origin-reads, --read-p99 or --stale-ratio.')
  }
  return goals
}

/** The goals a point misses, as phrases ("hit ratio 0.91 < 0.95"); empty when it meets them all. */
export function missedGoals(point: MrcPoint, goals: PlanGoals): string[] {
  const missed: string[] = []
  if (goals.hitRatio !== undefined && point.hitRatio < goals.hitRatio) missed.push(`hit ratio ${point.hitRatio.toFixed(3)} < ${goals.hitRatio}`)
  const origin = point.originReadsPerSec
  if (goals.originReadsPerSec !== undefined && origin !== null && origin > goals.originReadsPerSec) {
    missed.push(`origin reads ${Math.round(origin)}/s > ${goals.originReadsPerSec}/s`)
  }
  const p99 = point.readP99Ms
  if (goals.readP99Ms !== undefined && p99 !== undefined && p99 > goals.readP99Ms) missed.push(`read p99 ${p99.toFixed(2)}ms > ${goals.readP99Ms}ms`)
  const stale = point.staleRatio
  if (goals.staleRatio !== undefined && stale !== undefined && stale > goals.staleRatio) missed.push(`stale ratio ${stale.toFixed(4)} > ${goals.staleRatio}`)
  return missed
}
