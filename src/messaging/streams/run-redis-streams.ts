import {parseRedisEndpoint} from '../../targets/redis/redis-endpoint.js'
import {defaultTargetOptions} from '../../targets/target-options.js'
import {parseTargetUrl} from '../../targets/target-url.js'
import {RealClock} from '../../time/real-clock.js'
import type {LatencySummary} from '../../metrics/result.js'
import {RedisStreamSession} from './redis-stream-session.js'
import {clusterTopology, singleServerTopology} from './stream-topology.js'
import type {StreamFigures} from './stream-figures.js'
import {type ConsumerOutage, type StreamLoad, intendedTime} from './stream-load.js'
import type {StreamSessionSpec} from './stream-session-spec.js'

export interface RedisStreamsRun extends StreamSessionSpec, StreamLoad {
  url: string
  keyPrefix: string
  timeoutMs?: number
  /** Leave the streams in place (for a test to read them back). */
  keepKeys?: boolean
}

export interface RedisStreamsResult extends StreamFigures {
  latencyMs: LatencySummary
  drained: boolean
  keysDeleted: number
}

/** Most XADDs awaiting their reply at once; beyond it the loop waits, so memory stays bounded on a slow server. */
const MAX_IN_FLIGHT = 1000

/**
 * Runs the stream mechanics on their own against one Redis server: one publisher in an open
 * loop, the groups' consumers live, outages as scheduled, lag sampled every interval.
 */
export async function runRedisStreams(run: RedisStreamsRun): Promise<RedisStreamsResult> {
  const endpoint = parseRedisEndpoint(parseTargetUrl(run.url))
  const options = {...defaultTargetOptions(), keyPrefix: run.keyPrefix, timeoutMs: run.timeoutMs ?? 2000}
  const clock = new RealClock()
  const topology = endpoint.scheme === 'redis-cluster' ? await clusterTopology(endpoint, options, run.streams, run.blockMs) : singleServerTopology(endpoint, options, run.streams, run.blockMs)
  const session = new RedisStreamSession(run, topology, () => clock.now())
  try {
    await session.open(1)
    clock.startLoad()
    const body = Buffer.alloc(run.payloadBytes, 'x')
    const events = scheduleOutages(session, run.outages, clock)
    const sampling = sampleEvery(session, run.sampleEveryMs, clock)
    const inFlight = new Set<Promise<unknown>>()
    for (let i = 0; i < run.messages; i++) {
      const intendedMs = intendedTime(run, i)
      await clock.sleep(intendedMs - clock.now())
      const sent = session.publish(0, i % run.streams, intendedMs, body).catch(() => undefined)
      inFlight.add(sent)
      void sent.then(() => inFlight.delete(sent))
      if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    await events
    await session.sample()
    sampling.stop()
    await sampling.done
    const drained = await session.drain(run.drainTimeoutMs)
    const figures = await session.finish()
    return {...figures, latencyMs: session.latency.summary(), drained, keysDeleted: await session.close(run.keepKeys)}
  } catch (error) {
    await session.close().catch(() => undefined)
    throw error
  }
}

function scheduleOutages(session: RedisStreamSession, outages: ConsumerOutage[], clock: RealClock): Promise<void> {
  return Promise.all(
    outages.map(async (outage) => {
      await clock.sleep(outage.atMs - clock.now())
      await session.disconnect(outage)
      await clock.sleep(outage.atMs + outage.forMs - clock.now())
      await session.reconnect(outage)
    }),
  ).then(() => undefined)
}

function sampleEvery(session: RedisStreamSession, everyMs: number, clock: RealClock) {
  let running = true
  const done = (async () => {
    for (let next = everyMs; running; next += everyMs) {
      await clock.sleep(next - clock.now())
      if (running) await session.sample().catch(() => undefined)
    }
  })()
  return {
    done,
    stop: () => {
      running = false
    },
  }
}
