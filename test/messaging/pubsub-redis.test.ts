import {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {waitFor} from '../helpers/wait-for.js'
import {type RedisCluster, type RedisServer, startRedis, startRedisCluster} from '../servers/redis-servers.js'
import {messagingOf, messagingWorkload} from './helpers.js'

let redis: RedisServer
let cluster: RedisCluster
/** One connection to `redis` held by the test: a look at the server is one round trip, not a redis-cli process started on a busy machine. */
let admin: Redis

/** A loaded machine may hold a PUBLISH back for a while; it must not count as a failed one here. */
const PATIENT = {timeoutMs: 10_000}

beforeAll(async () => {
  ;[redis, cluster] = await Promise.all([startRedis(), startRedisCluster(3)])
  admin = new Redis({host: '127.0.0.1', port: redis.port, lazyConnect: true, maxRetriesPerRequest: 0})
  await admin.connect()
})

afterAll(async () => {
  admin?.disconnect()
  await Promise.all([redis?.stop(), cluster?.stop()])
})

/** Connection ids of the run's subscriber `index` on one node, found by the name it gives its connections; with `subscribed`, only connections holding a subscription. */
async function subscriberIds(cli: (...args: string[]) => Promise<string>, prefix: string, index: number, subscribed = false): Promise<string[]> {
  const list = await cli('CLIENT', 'LIST')
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${prefix}sub-${index} `) && (!subscribed || /\s(?:p|s)?sub=[1-9]/.test(line)))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? '')
}

/**
 * Once the run has published `count` messages, kills the connection of its subscriber 0 (seen
 * subscribed in CLIENT LIST); resolves to CLIENT KILL's answer. Everything goes over `admin`, so
 * the look and the kill follow each other by a round trip, while the run is still publishing.
 */
async function killSubscriberAfter(prefix: string, count: number): Promise<unknown> {
  const adminCli = async (...args: string[]) => String(await admin.call(args[0], ...args.slice(1)))
  const publishes = async () => Number(/cmdstat_publish:calls=(\d+)/.exec(await adminCli('INFO', 'commandstats'))?.[1] ?? 0)
  const before = await publishes()
  await waitFor(async () => (await publishes()) >= before + count, `the run to publish ${count} messages`)
  let ids: string[] = []
  await waitFor(async () => (ids = await subscriberIds(adminCli, prefix, 0, true)).length === 1, 'subscriber 0 to be subscribed')
  return admin.call('CLIENT', 'KILL', 'ID', ids[0])
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
    let kill: Promise<unknown> = Promise.resolve('never started')
    const run = runWorkload(
      messagingWorkload(`
messaging:
  channels: {count: 5}
  publish: {rate: 1000/s}
  pubsub: {subscribers: 2}
load: {operations: 3000}
`),
      // Once the server has handled a few hundred publishes, subscriber 0's connection is closed under it.
      {target: redis.url, targetOptions: {...PATIENT, keyPrefix: prefix}, onLoadStart: () => (kill = killSubscriberAfter(prefix, 300).catch((error: unknown) => error))},
    )
    const messaging = messagingOf(await run)
    expect(await kill).toBe(1)
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
