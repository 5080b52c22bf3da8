import {createLatencyModel} from '../../../generators/latency-model.js'
import {createRandom} from '../../../generators/random.js'
import {DurationHistogram} from '../../../metrics/histogram.js'
import type {LatencySummary} from '../../../metrics/result.js'
import {VirtualClock} from '../../../time/virtual-clock.js'
import type {LatencySpec} from '../../../workload/types.js'
import {type StreamFigures, type StreamSample, sumFigures} from '../stream-figures.js'
import {type StreamLoad, intendedTime} from '../stream-load.js'
import type {StreamSessionSpec} from '../stream-session-spec.js'
import {schedulerOf} from './simulated-consumer.js'
import {SimulatedStreamSession} from './simulated-stream-session.js'

export interface SimulatedStreamsRun extends StreamSessionSpec, StreamLoad {
  seed: number
  /** The workload's `cache.latency`: one round trip of any command. */
  latency: LatencySpec
}

export interface SimulatedStreamsResult extends StreamFigures {
  latencyMs: LatencySummary
  drained: boolean
}

/** Random stream numbers of the stream simulation, apart from the cache workloads' (src/generators/random.ts). */
export const PUBLISH_LATENCY_STREAM = 40
export const CONSUMER_LATENCY_STREAM = 41

/**
 * Redis Streams in simulated time on their own: one publisher whose XADDs take effect half a
 * round trip after their intended time, consumers that read, acknowledge and drop out as
 * scheduled, lag and pending sampled every interval. Deterministic for a seed.
 */
export function simulateStreams(run: SimulatedStreamsRun): SimulatedStreamsResult {
  const clock = new VirtualClock()
  const histogram = new DurationHistogram()
  const publishLatency = createLatencyModel(run.latency, createRandom(run.seed, PUBLISH_LATENCY_STREAM))
  const consumerLatency = createLatencyModel(run.latency, createRandom(run.seed, CONSUMER_LATENCY_STREAM))
  let origin = 0
  const session = new SimulatedStreamSession(run, run.payloadBytes, schedulerOf(clock), consumerLatency, (_, entry) =>
    histogram.record(clock.now() - origin - entry.intendedMs),
  )
  // The consumers connect and block before the load starts, as on a real server; times below are from then on.
  session.connectAll()
  while (clock.pending > 0) clock.runEvents(10_000)
  origin = clock.now()
  const at = (ms: number, step: () => void): void => clock.after(origin + ms - clock.now(), step)

  for (let index = 0; index < run.messages; index++) {
    const intendedMs = intendedTime(run, index)
    at(intendedMs + publishLatency.sample() / 2, () => session.add(0, index % run.streams, intendedMs))
  }
  for (const outage of run.outages) {
    at(outage.atMs, () => session.disconnect(outage))
    at(outage.atMs + outage.forMs, () => session.reconnect(outage))
  }
  const samples: StreamSample[] = []
  const sample = (): void => void samples.push(session.sample(clock.now() - origin))
  const loadEndMs = intendedTime(run, run.messages)
  for (let atMs = run.sampleEveryMs; atMs < loadEndMs; atMs += run.sampleEveryMs) at(atMs, sample)
  at(loadEndMs, sample)

  const drainUntil = Math.max(loadEndMs, ...run.outages.map((outage) => outage.atMs + outage.forMs)) + run.drainTimeoutMs
  while (clock.pending > 0 && clock.now() - origin <= drainUntil) clock.runEvents(10_000)

  const figures = sumFigures(session.published, 0, session.groupFigures(), samples, 0)
  const latencyMs = histogram.summary()
  histogram.destroy()
  return {...figures, latencyMs, drained: session.drained}
}
