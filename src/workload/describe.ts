import {formatDuration, formatSize} from './units.js'
import {structureOperationsOf, type KeyspaceSpec, type MessagingSpec, type TraceSpec, type Workload} from './types.js'

/** One line that says what a workload does, e.g. for `validate`. */
export function describeWorkload(workload: Workload): string {
  if (workload.trace) return describeTrace(workload, workload.trace)
  const {load} = workload
  const length = load.operations !== null ? `${load.operations} ${workload.messaging ? 'messages' : 'ops'}` : `${formatDuration(load.durationMs as number)}`
  const pace = load.rate !== null ? `${Math.round(load.rate)}/s` : `${workload.messaging ? 'publishers' : 'concurrency'} ${load.concurrency}`
  const phases = workload.phases ? ` in ${workload.phases.length} phases` : ''
  const what = workload.messaging ? describeMessaging(workload.messaging) : describeCaching(workload)
  return `${what}, ${length}${phases} at ${pace}`
}

/** A trace gives the keys, the mix and, by its timestamps, the pace: what the file says of them is the trace's. */
function describeTrace(workload: Workload, trace: TraceSpec): string {
  const {load} = workload
  // A rate replaces the trace's times (its requests arrive at the rate, in the trace's order).
  const pace =
    load.rate !== null ? `at ${Math.round(load.rate)}/s` : trace.speed === 'max' ? 'back to back' : trace.speed === null ? 'at its own pace' : `at ${trace.speed}× its pace`
  const length = trace.wholeTrace ? 'the whole trace' : load.operations !== null ? `its first ${load.operations} requests` : `its first ${formatDuration(load.durationMs as number)}`
  return `trace ${trace.file} (${trace.format}), ${length} ${pace}, ${describeStrategy(workload)}`
}

function describeStrategy({strategy}: Workload): string {
  return `${strategy.name}${strategy.ttlMs === null ? '' : ` ttl ${formatDuration(strategy.ttlMs)}`}`
}

function describeCaching(workload: Workload): string {
  const {keyspace, mix} = workload
  const percent = (fraction: number): string => String(Math.round(fraction * 1000) / 10)
  // The kinds the mix draws, with their shares: 95/5/0 read/write/delete, or 30/70 lpush/lrange.
  const structures = structureOperationsOf(mix)
  const kinds = structures.length > 0 ? [...(['read', 'write', 'delete'] as const).filter((kind) => mix[kind] > 0), ...structures] : (['read', 'write', 'delete'] as const)
  const mixText = `${kinds.map((kind) => percent(mix[kind] ?? 0)).join('/')} ${kinds.join('/')}`
  return `${keyspace.count} keys ${distribution(keyspace)}, ${mixText}, ${describeStrategy(workload)}`
}

/** A messaging workload has no keys, mix or strategy: its channels, messages and receivers instead. */
function describeMessaging(messaging: MessagingSpec): string {
  const {channels, pubsub, streams} = messaging
  const messages = `${formatSize(messaging.payloadBytes)} messages`
  if (streams !== null) {
    return `Streams: ${channels.count} streams ${distribution(channels)}, ${messages}, ${streams.groups} groups × ${streams.consumersPerGroup} consumers, maxlen ~${streams.maxlen}`
  }
  return `Pub/Sub: ${channels.count} channels ${distribution(channels)}, ${messages}, ${pubsub?.subscribers ?? 0} subscribers`
}

function distribution(keyspace: KeyspaceSpec): string {
  const skew = keyspace.distribution.includes('zipfian') || keyspace.distribution === 'latest' ? ` θ=${keyspace.theta}` : ''
  return `${keyspace.distribution}${skew}`
}
