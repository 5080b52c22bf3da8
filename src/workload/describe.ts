import {formatDuration} from './units.js'
import type {Workload} from './types.js'

/** One line that says what a workload does, e.g. for `validate`. */
export function describeWorkload(workload: Workload): string {
  const {keyspace, mix, strategy, load} = workload
  const skew = keyspace.distribution.includes('zipfian') || keyspace.distribution === 'latest' ? ` θ=${keyspace.theta}` : ''
  const percent = (fraction: number): string => String(Math.round(fraction * 1000) / 10)
  const mixText = `${percent(mix.read)}/${percent(mix.write)}/${percent(mix.delete)} read/write/delete`
  const ttl = strategy.ttlMs === null ? '' : ` ttl ${formatDuration(strategy.ttlMs)}`
  const length = load.operations !== null ? `${load.operations} ops` : `${formatDuration(load.durationMs as number)}`
  const pace = load.rate !== null ? `${Math.round(load.rate)}/s` : `concurrency ${load.concurrency}`
  const phases = workload.phases ? ` in ${workload.phases.length} phases` : ''
  return `${keyspace.count} keys ${keyspace.distribution}${skew}, ${mixText}, ${strategy.name}${ttl}, ${length}${phases} at ${pace}`
}
