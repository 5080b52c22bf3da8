import {createLatencyModel} from '../../../generators/latency-model.js'
import {createRandom} from '../../../generators/random.js'
import {DurationHistogram} from '../../../metrics/histogram.js'
import type {LatencySummary} from '../../../metrics/result.js'
import {VirtualClock} from '../../../time/virtual-clock.js'
import type {LatencySpec} from '../../../workload/types.js'
import {GroupLedger} from '../group-ledger.js'
import {type GroupFigures, type StreamFigures, type StreamSample, groupFigures, sumFigures} from '../stream-figures.js'
import {type StreamLoad, intendedTime} from '../stream-load.js'
import {groupName, type StreamSessionSpec} from '../stream-session-spec.js'
import {entriesPerNode} from './node-capacity.js'
import {SimulatedConsumer} from './simulated-consumer.js'
import {SimulatedStreamServer} from './simulated-stream-server.js'

export interface SimulatedStreamsRun extends Omit<StreamSessionSpec, 'keyPrefix'>, StreamLoad {
  seed: number
  /** The workload's `cache.latency`: one round trip of any command. */
  latency: LatencySpec
}

export interface SimulatedStreamsResult extends StreamFigures {
  latencyMs: LatencySummary
  drained: boolean
}

/** Random stream numbers of this simulation, apart from the cache workloads' (src/generators/random.ts). */
const PUBLISH_LATENCY_STREAM = 40
const CONSUMER_LATENCY_STREAM = 41

/**
 * Redis Streams in simulated time: the publisher's XADDs take effect half a round trip after
 * their intended time, consumers read, acknowledge and drop out as scheduled, lag and pending
 * are sampled every interval. Deterministic for a seed.
 */
export function simulateStreams(run: SimulatedStreamsRun): SimulatedStreamsResult {
  const clock = new VirtualClock()
  const server = new SimulatedStreamServer(run.streams, run.groups, run.maxlen, entriesPerNode(run.payloadBytes), run.count)
  const histogram = new DurationHistogram()
  const ledgers = Array.from({length: run.groups}, () => new GroupLedger())
  const publishLatency = createLatencyModel(run.latency, createRandom(run.seed, PUBLISH_LATENCY_STREAM))
  const consumerLatency = createLatencyModel(run.latency, createRandom(run.seed, CONSUMER_LATENCY_STREAM))
  const consumers = ledgers.map((ledger, group) =>
    Array.from({length: run.consumersPerGroup}, (_, consumer) =>
      new SimulatedConsumer(server, group, consumer, clock, consumerLatency, {
        receive: (stream, entry) => {
          if (ledger.receive(String(stream), entry.publisher, entry.sequence)) histogram.record(clock.now() - origin - entry.intendedMs)
        },
        acknowledged: (count) => {
          ledger.acknowledged += count
        },
      }),
    ),
  )
  // The consumers connect and block before the load starts, as on a real server; times below are from then on.
  for (const consumer of consumers.flat()) consumer.connect()
  while (clock.pending > 0) clock.runEvents(10_000)
  const origin = clock.now()
  const at = (ms: number, step: () => void): void => clock.after(origin + ms - clock.now(), step)

  const sequences = new Array<number>(run.streams).fill(0)
  for (let index = 0; index < run.messages; index++) {
    const stream = index % run.streams
    const intendedMs = intendedTime(run, index)
    const sequence = ++sequences[stream]
    at(intendedMs + publishLatency.sample() / 2, () => server.add(stream, {publisher: 0, sequence, intendedMs}))
  }
  for (const outage of run.outages) {
    const selected = outage.consumer === null ? consumers[outage.group] : [consumers[outage.group][outage.consumer]]
    at(outage.atMs, () => selected.forEach((consumer) => consumer.disconnect()))
    at(outage.atMs + outage.forMs, () => selected.forEach((consumer) => consumer.connect()))
  }
  const samples: StreamSample[] = []
  const sample = (): void => {
    samples.push({
      atMs: clock.now() - origin,
      lag: most(run.groups, (group) => sum(run.streams, (stream) => server.streams[stream].waiting(group))),
      pending: sum(run.groups, (group) => sum(run.streams, (stream) => server.streams[stream].pendingCount(group))),
      delivered: sum(run.groups, (group) => ledgers[group].delivered),
    })
  }
  const loadEndMs = intendedTime(run, run.messages)
  for (let atMs = run.sampleEveryMs; atMs < loadEndMs; atMs += run.sampleEveryMs) at(atMs, sample)
  at(loadEndMs, sample)

  const drainUntil = Math.max(loadEndMs, ...run.outages.map((outage) => outage.atMs + outage.forMs)) + run.drainTimeoutMs
  while (clock.pending > 0 && clock.now() - origin <= drainUntil) clock.runEvents(10_000)

  const published = run.messages
  const perGroup: GroupFigures[] = ledgers.map((ledger, group) => {
    const unread = sum(run.streams, (stream) => server.streams[stream].waiting(group))
    return groupFigures(groupName(group), ledger, published, unread, sum(run.streams, (stream) => server.streams[stream].pendingCount(group)))
  })
  const figures = sumFigures(published, 0, perGroup, samples, 0)
  const latencyMs = histogram.summary()
  histogram.destroy()
  return {...figures, latencyMs, drained: perGroup.every((group) => group.unread === 0 && group.pending === 0)}
}

function most(count: number, value: (index: number) => number): number {
  let largest = 0
  for (let index = 0; index < count; index++) largest = Math.max(largest, value(index))
  return largest
}

function sum(count: number, value: (index: number) => number): number {
  let total = 0
  for (let index = 0; index < count; index++) total += value(index)
  return total
}
