import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {RedisStreamSession} from '../../../src/messaging/streams/redis-stream-session.js'
import type {StreamSessionSpec} from '../../../src/messaging/streams/stream-session-spec.js'
import {singleServerTopology} from '../../../src/messaging/streams/stream-topology.js'
import {parseRedisEndpoint} from '../../../src/targets/redis/redis-endpoint.js'
import {defaultTargetOptions} from '../../../src/targets/target-options.js'
import {parseTargetUrl} from '../../../src/targets/target-url.js'
import {waitFor} from '../../helpers/wait-for.js'
import {groupsOf, messagingOf, runStreams} from '../helpers.js'
import {type RedisCluster, type RedisServer, startRedis, startRedisCluster} from '../../servers/redis-servers.js'

let server: RedisServer

beforeAll(async () => {
  // Small radix-tree nodes, so MAXLEN ~ trims in steps of 10 entries rather than 100.
  server = await startRedis({config: ['--stream-node-max-entries', '10']})
})
afterAll(async () => {
  await server?.stop()
})

/** XINFO GROUPS key as redis-cli prints it (one value a line): group name → {field: value}. */
async function groupInfo(key: string): Promise<Map<string, Record<string, string>>> {
  const lines = (await server.cli('XINFO', 'GROUPS', key)).split('\n')
  const groups = new Map<string, Record<string, string>>()
  const perGroup = 12 // six field/value pairs on Redis 7: name, consumers, pending, last-delivered-id, entries-read, lag
  for (let start = 0; start + perGroup <= lines.length; start += perGroup) {
    const record: Record<string, string> = {}
    for (let i = start; i < start + perGroup; i += 2) record[lines[i]] = lines[i + 1]
    groups.set(record.name, record)
  }
  return groups
}

/** The `n` (per-publisher sequence) field of every entry XRANGE returns, in stream order. */
async function sequencesInStream(key: string): Promise<number[]> {
  const lines = (await server.cli('--no-raw', 'XRANGE', key, '-', '+')).split('\n')
  const sequences: number[] = []
  for (let i = 0; i < lines.length; i++) if (/"n"$/.test(lines[i])) sequences.push(Number(/"(\d+)"$/.exec(lines[i + 1])![1]))
  return sequences
}

async function connectionsReceived(): Promise<number> {
  return Number(/total_connections_received:(\d+)/.exec(await server.cli('INFO', 'stats'))![1])
}

function session(spec: Partial<StreamSessionSpec>, keyPrefix: string): RedisStreamSession {
  const full: StreamSessionSpec = {streams: 1, groups: 1, consumersPerGroup: 1, maxlen: 100_000, blockMs: 100, count: 50, ...spec}
  const options = {...defaultTargetOptions(), keyPrefix, timeoutMs: 2000}
  const topology = singleServerTopology(parseRedisEndpoint(parseTargetUrl(server.url)), options, full.streams, full.blockMs)
  return new RedisStreamSession(full, topology, () => performance.now())
}

describe('redis streams, one server', () => {
  it('a consumer group killed and restarted loses nothing: every XADDed ID delivered and acknowledged once', async () => {
    const keyPrefix = 'cbtest:restart:'
    const before = await connectionsReceived()
    // The first four consumers go down: the whole of group 0, and one consumer of group 1.
    const result = await runStreams(
      server.url,
      keyPrefix,
      `channels: {count: 4, distribution: sequential}
  publish: {rate: 3000/s}
  streams: {maxlen: 100000, groups: 2, consumersPerGroup: 3, block: 50ms}
load: {operations: 3000, warmup: 0}
events:
  - {at: 200ms, disconnect: consumer, count: 4, for: 400ms}`,
    )
    // admin + publisher + 6 consumers at the start, 4 consumers connecting again, and redis-cli reading this.
    expect((await connectionsReceived()) - before).toBe(1 + 1 + 6 + 4 + 1)
    const keys = [0, 1, 2, 3].map((i) => `${keyPrefix}stream:${i}`)
    const lengths = await Promise.all(keys.map(async (key) => Number(await server.cli('XLEN', key))))
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(3000)
    const messaging = messagingOf(result)
    expect(messaging.published).toBe(3000)
    expect(messaging.drained).toBe(true)
    expect(result.events?.map((event) => event.details)).toEqual([{count: 4, awayMs: expect.any(Number)}])
    for (const key of keys) {
      const ids = (await server.cli('XRANGE', key, '-', '+')).split('\n').filter((line) => /^\d+-\d+$/.test(line))
      for (const [name, info] of await groupInfo(key)) {
        // Handed every entry up to the last one, none left pending: each acknowledged.
        expect({name, read: Number(info['entries-read']), last: info['last-delivered-id'], pending: info.pending}).toEqual({name, read: ids.length, last: ids.at(-1), pending: '0'})
      }
    }
    for (const group of groupsOf(result)) {
      // XACK answers how many IDs it removed from the pending list: a second acknowledgement of one would add 0.
      expect({delivered: group.delivered, acknowledged: group.acknowledged, trimmed: group.trimmedBeforeRead, pending: group.pending}).toEqual({delivered: 3000, acknowledged: 3000, trimmed: 0, pending: 0})
    }
    expect(messaging.expectedDeliveries).toBe(6000)
    expect(messaging.lost).toBe(0)
    expect(result.latencyMs.delivery?.count).toBe(6000)
    await server.cli('DEL', ...keys)
  })

  it('reports lag and pending as XINFO GROUPS and XPENDING give them', async () => {
    const keyPrefix = 'cbtest:lag:'
    const key = `${keyPrefix}stream:0`
    const streams = session({groups: 2}, keyPrefix)
    try {
      await streams.open(1)
      await streams.disconnect({group: 1, consumer: null})
      for (let i = 0; i < 500; i++) await streams.publish(0, 0, i, 'x')
      await waitFor(async () => streams.deliveredTo(0) === 500 && (await groupInfo(key)).get('g0')?.pending === '0', 'group 0 to read and acknowledge 500 messages')
      // Someone else takes 120 entries for group 1 and never acknowledges them.
      await server.cli('XREADGROUP', 'GROUP', 'g1', 'other', 'COUNT', '120', 'STREAMS', key, '>')
      const sample = await streams.sample()
      const info = await groupInfo(key)
      const pendingSummary = Number((await server.cli('XPENDING', key, 'g1')).split('\n')[0])
      // The most lagging group's lag: group 1's.
      expect(sample.lag).toBe(Math.max(Number(info.get('g0')!.lag), Number(info.get('g1')!.lag)))
      expect(sample.lag).toBe(500 - 120)
      expect(sample.pending).toBe(pendingSummary)
      expect(sample.pending).toBe(120)
      const figures = await streams.finish()
      expect(figures.perGroup.map((group) => [group.pending, group.unread])).toEqual([
        [0, 0],
        [120, 380],
      ])
    } finally {
      await streams.close()
    }
  })

  it('counts messages trimmed by MAXLEN ~ before a slow group read them, as the sequence gaps show', async () => {
    const keyPrefix = 'cbtest:trim:'
    const key = `${keyPrefix}stream:0`
    const streams = session({maxlen: 20}, keyPrefix)
    let expected = 0
    let lastSeen = 0
    let published = 0
    try {
      await streams.open(1)
      for (const burst of [50, 7, 200, 35]) {
        await streams.disconnect({group: 0, consumer: null})
        for (let i = 0; i < burst; i++) await streams.publish(0, 0, published++, 'x')
        const left = (await sequencesInStream(key)).filter((n) => n > lastSeen)
        // What the group will see next starts at left[0]: everything between was trimmed unread.
        expected += (left[0] ?? published + 1) - lastSeen - 1
        lastSeen = left.at(-1) ?? lastSeen
        await streams.reconnect({group: 0, consumer: null})
        const target = published - expected
        await waitFor(() => streams.deliveredTo(0) === target, `the group to read the ${left.length} entries left`)
      }
      expect(expected).toBeGreaterThan(200)
      const figures = await streams.finish()
      expect(figures.perGroup[0]).toMatchObject({trimmedBeforeRead: expected, holes: expected, unread: 0, pending: 0, duplicated: 0})
      expect(figures.published).toBe(published)
    } finally {
      await streams.close()
    }
  })
})

describe('redis streams, three-primary cluster', () => {
  let cluster: RedisCluster
  beforeAll(async () => {
    cluster = await startRedisCluster(3)
  })
  afterAll(async () => {
    await cluster?.stop()
  })

  it('spreads the streams over every primary and loses nothing when a consumer drops out', async () => {
    const result = await runStreams(
      cluster.url,
      'cbtest:cluster:',
      `channels: {count: 7, distribution: sequential}
  publish: {rate: 2000/s}
  streams: {maxlen: 100000, groups: 2, consumersPerGroup: 2, block: 50ms}
load: {operations: 1400, warmup: 0}
events:
  - {at: 100ms, disconnect: consumer, count: 1, for: 300ms}`,
    )
    // Seven streams dealt to three primaries in turn: 3, 2 and 2 on the nodes.
    const perNode = await Promise.all(cluster.ports.map(async (port) => Number(await cluster.cli(port, 'DBSIZE'))))
    expect(perNode.sort()).toEqual([2, 2, 3])
    expect(messagingOf(result)).toMatchObject({published: 1400, delivered: 2800, lost: 0, trimmedBeforeRead: 0, pending: 0, drained: true})
    expect(groupsOf(result).map((group) => group.acknowledged)).toEqual([1400, 1400])
  })
})
