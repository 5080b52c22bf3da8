import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {messagingOf, messagingWorkload} from './helpers.js'

/** HDR keeps 3 significant digits: a recorded value is within 0.1% of the true one. */
const HDR_PRECISION = 1e-3

describe('builtin Pub/Sub in simulated time', () => {
  it('delivers every message once to each subscriber of its channel, with the fixed latency the model gives', async () => {
    // 10 channels, 5 subscribers of 4 consecutive channels each (from 4·s, wrapping): every channel has exactly 2 subscribers.
    const result = await runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 10}
  publish: {publishers: 3}
  pubsub: {subscribers: 5, channelsPerSubscriber: 4}
cache: {latency: 2ms}
load: {operations: 3000}
`),
    )
    const messaging = messagingOf(result)
    expect(messaging.published).toBe(3000)
    expect(messaging.expectedDeliveries).toBe(3000 * 2)
    expect(messaging.delivered).toBe(3000 * 2)
    expect([messaging.lost, messaging.duplicated, messaging.missed]).toEqual([0, 0, 0])
    expect(messaging.fanout).toEqual({mean: 2, max: 2})
    const delivery = result.latencyMs.delivery
    expect(delivery?.count).toBe(6000)
    for (const stat of ['p50', 'p99', 'max'] as const) expect(Math.abs((delivery?.[stat] ?? 0) - 2)).toBeLessThanOrEqual(2 * HDR_PRECISION)
  })

  it('gives delivery percentiles of a uniform latency model: p = min + (max − min)·q', async () => {
    const result = await runWorkload(
      messagingWorkload(`
seed: 5
messaging:
  channels: {count: 4}
  publish: {rate: 10k/s}
  pubsub: {subscribers: 4}
cache: {latency: {distribution: uniform, min: 1ms, max: 3ms}}
load: {duration: 2s}
`),
    )
    const delivery = result.latencyMs.delivery
    expect(delivery?.count).toBe(messagingOf(result).delivered)
    // 80,000 draws: the sampling error of these quantiles is below 0.1% of the span.
    for (const [stat, q] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
      expect(delivery?.[stat]).toBeCloseTo(1 + 2 * q, 1)
    }
    expect(delivery?.max).toBeLessThanOrEqual(3)
    expect(delivery?.min).toBeGreaterThanOrEqual(1)
  })

  it('counts what a disconnected subscriber misses while away, and only it', async () => {
    // 1000 messages a second, evenly spaced, 1 ms per trip: subscriber 0 is away from 1 s until its SUBSCRIBE returns at 1.501 s.
    const result = await runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 3}
  publish: {rate: 1000/s}
  pubsub: {subscribers: 2}
cache: {latency: 1ms}
load: {duration: 3s}
events:
  - {at: 1s, disconnect: subscriber, count: 1, for: 500ms}
`),
    )
    const messaging = messagingOf(result)
    expect(messaging.published).toBe(3000)
    const [away, stayed] = messaging.perReceiver
    expect(stayed).toMatchObject({delivered: 3000, expected: 3000, lost: 0, missed: 0, disconnects: 0})
    expect(away.disconnects).toBe(1)
    // Published at 1000 … 1500 ms: 501 messages (at 1501 ms the SUBSCRIBE has returned); the one sent at 999 ms is still on its way at 1000 ms and is lost.
    expect(away.missed).toBe(501)
    expect(away.lost).toBe(1)
    expect(away.expected + away.missed).toBe(3000)
    expect(away.delivered).toBe(3000 - 501 - 1)
    expect(result.events?.[0]).toMatchObject({action: 'disconnect subscriber', atMs: 1000})
  })

  it('is refused on memcached at validation with one sentence', async () => {
    const workload = messagingWorkload('messaging: {pubsub: {subscribers: 2}}')
    await expect(runWorkload(workload, {target: 'memcached://127.0.0.1:11211'})).rejects.toThrow(
      'Target memcached://127.0.0.1:11211 is Memcached, which has no Pub/Sub: a messaging workload needs builtin://, redis:// or redis-cluster://.',
    )
  })
})

describe('builtin Pub/Sub phases', () => {
  it('follows a burst of publishers: each publishes one message per reply, 1 ms apart', async () => {
    const result = await runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 2}
  publish: {publishers: 1}
  pubsub: {subscribers: 1}
cache: {latency: 1ms}
phases:
  - {name: calm, duration: 1s}
  - {name: burst, duration: 1s, publishers: 4}
`),
    )
    // A closed-loop publisher waits 1 ms for each reply: 1000 messages a second each.
    const [calm, burst] = result.timeline
    expect(calm.publishedPerSecond).toBeCloseTo(1000, -1)
    expect(burst.publishedPerSecond).toBeCloseTo(4000, -1)
    expect(messagingOf(result).delivered).toBe(messagingOf(result).published)
  })
})
