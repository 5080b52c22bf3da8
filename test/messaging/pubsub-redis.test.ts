import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {waitFor} from '../helpers/wait-for.js'
import {type RedisCluster, type RedisServer, startRedis, startRedisCluster} from '../servers/redis-servers.js'
import {messagingOf, messagingWorkload} from './helpers.js'

let redis: RedisServer
let cluster: RedisCluster

/** A loaded machine may hold a PUBLISH back for a while; it must not count as a failed one here. */
const PATIENT = {timeoutMs: 10_000}

beforeAll(async () => {
  ;[redis, cluster] = await Promise.all([startRedis(), startRedisCluster(3)])
})

afterAll(async () => {
  await Promise.all([redis?.stop(), cluster?.stop()])
})

/** Connection ids of the run's subscriber `index` on one node, found by the name it gives its connections. */
async function subscriberIds(cli: (...args: string[]) => Promise<string>, prefix: string, index: number): Promise<string[]> {
  const list = await cli('CLIENT', 'LIST')
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${prefix}sub-${index} `))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? '')
}

describe('Redis Pub/Sub', () => {
  it('delivers every published message exactly once to each subscriber of its channel', async () => {
    // 10 channels, 5 subscribers of 4 consecutive channels each (from 4·s, wrapping): every channel has exactly 2 subscribers.
    const result = await runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 10}
  publish: {publishers: 2}
  pubsub: {subscribers: 5, channelsPerSubscriber: 4}
load: {operations: 2000}
`),
      {target: redis.url, targetOptions: PATIENT},
    )
    const messaging = messagingOf(result)
    expect(result.summary.errors).toBe(0)
    expect(messaging.published).toBe(2000)
    expect(messaging.expectedDeliveries).toBe(2000 * 2)
    expect(messaging.delivered).toBe(2000 * 2)
    expect([messaging.lost, messaging.duplicated, messaging.missed]).toEqual([0, 0, 0])
    // PUBLISH's own replies: 2 receivers every time.
    expect(messaging.fanout).toEqual({mean: 2, max: 2})
    for (const receiver of messaging.perReceiver) expect(receiver.delivered).toBe(receiver.expected)
    expect(result.latencyMs.delivery?.count).toBe(4000)
  })

  it('delivers to pattern subscribers (PSUBSCRIBE) every message of every channel', async () => {
    const result = await runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 7, distribution: zipfian}
  pubsub: {subscribers: 3, patterns: true}
load: {operations: 1500}
`),
      {target: redis.url, targetOptions: {...PATIENT, keyPrefix: 'cbtest:[x]*:'}},
    )
    const messaging = messagingOf(result)
    expect(messaging.delivered).toBe(1500 * 3)
    expect([messaging.lost, messaging.duplicated]).toEqual([0, 0])
    expect(messaging.fanout).toEqual({mean: 3, max: 3})
  })

  it('reports what a subscriber killed mid-run missed, while the others miss nothing', async () => {
    const prefix = 'cbtest:kill:'
    const run = runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 5}
  publish: {rate: 1000/s}
  pubsub: {subscribers: 2}
load: {operations: 3000}
`),
      {target: redis.url, targetOptions: {...PATIENT, keyPrefix: prefix}},
    )
    // Once the server has handled a few hundred publishes, subscriber 0's connection is closed under it.
    const published = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.cli('INFO', 'stats'))?.[1] ?? 0)
    const before = await published()
    await waitFor(async () => (await published()) > before + 500, 'the run to publish')
    const [id] = await subscriberIds(redis.cli, prefix, 0)
    expect(await redis.cli('CLIENT', 'KILL', 'ID', id)).toBe('1')
    const messaging = messagingOf(await run)
    const [killed, other] = messaging.perReceiver
    expect(messaging.published).toBe(3000)
    expect(other).toMatchObject({delivered: 3000, expected: 3000, lost: 0, missed: 0, duplicated: 0})
    expect(killed.disconnects).toBe(1)
    expect(killed.missed).toBeGreaterThan(0)
    // Each message was either expected (it was subscribed) or missed (it was away); it came back and received again.
    expect(killed.expected + killed.missed).toBe(3000)
    expect(killed.delivered).toBeGreaterThanOrEqual(killed.expected - killed.lost)
    expect(killed.delivered).toBeLessThan(3000)
    expect(killed.duplicated).toBe(0)
  })

  it('runs sharded Pub/Sub on a three-primary cluster: SSUBSCRIBE on each channel’s slot owner, SPUBLISH fan-out', async () => {
    const prefix = 'cbtest:sharded:'
    let perNode: number[] = []
    const run = runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 30}
  publish: {publishers: 2}
  pubsub: {subscribers: 3, sharded: true}
load: {operations: 1500}
`),
      {target: cluster.url, targetOptions: {...PATIENT, keyPrefix: prefix}},
    )
    await waitFor(async () => {
      perNode = await Promise.all(cluster.ports.map(async (port) => (await subscriberIds((...args) => cluster.cli(port, ...args), prefix, 0)).length))
      return perNode.every((count) => count === 1)
    }, 'subscriber 0 to connect to every primary')
    const result = await run
    const messaging = messagingOf(result)
    expect(result.summary.errors).toBe(0)
    expect(perNode).toEqual([1, 1, 1])
    expect(messaging.delivered).toBe(1500 * 3)
    expect([messaging.lost, messaging.duplicated]).toEqual([0, 0])
    // SPUBLISH counts the shard channel's subscribers on the owning node: all three, every time.
    expect(messaging.fanout).toEqual({mean: 3, max: 3})
  })
})
