import {Redis} from 'ioredis'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {waitFor} from '../helpers/wait-for.js'
import {onClient, REDIS_CLIENTS} from '../helpers/redis-clients.js'

const PREFIX = 'cbfo:'
const FAILOVER_AT_MS = 1500

/** Write-through at 2000 ops/s for 3 s, half of them writes, failing over at 1.5 s. */
const workload = testWorkload({
  seed: 5,
  keyspace: {count: 2000, distribution: 'uniform'},
  mix: {read: 0.5, write: 0.5, delete: 0},
  strategy: {name: 'write-through'},
  origin: {latency: {distribution: 'fixed', ms: 0.2}},
  load: {rate: 2000, operations: null, durationMs: 3000, warmup: {operations: 0}, concurrency: 1},
  events: [{atMs: FAILOVER_AT_MS, action: 'failover'}],
})

/** Version in each value's header (a float64 after the 4-byte magic), read here independently of the codec. */
async function versions(port: number): Promise<Map<string, number>> {
  const client = new Redis({host: '127.0.0.1', port, lazyConnect: true})
  await client.connect()
  try {
    const found = new Map<string, number>()
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000)
      cursor = next
      for (const key of keys) {
        const value = await client.getBuffer(key)
        if (value !== null && value.length >= 12) found.set(key, value.readDoubleBE(4))
      }
    } while (cursor !== '0')
    return found
  } finally {
    client.disconnect()
  }
}

/**
 * Keys whose version on the old primary is missing or older on the new one. It can exceed the
 * acknowledged writes lost by writes that landed but whose reply never came (cut off by the
 * switch); those failed, so they are among the errors of the switch.
 */
async function lostOnPromotion(oldPrimary: RedisServer, newPrimary: RedisServer): Promise<number> {
  const [before, after] = await Promise.all([versions(oldPrimary.port), versions(newPrimary.port)])
  let lost = 0
  for (const [key, version] of before) {
    const now = after.get(key)
    if (now === undefined || now < version) lost++
  }
  return lost
}

function expectLostWithin(result: Result, comparedLost: number): void {
  const reported = result.failover?.acknowledgedWritesLost ?? -1
  expect(reported).toBeLessThanOrEqual(comparedLost)
  expect(reported).toBeGreaterThanOrEqual(comparedLost - (result.failover?.errorsDuringSwitch ?? 0))
}

describe.each(REDIS_CLIENTS)('failover of a Redis primary to its replica (two local redis-server processes), %s client', (client) => {
  let primary: RedisServer
  let replica: RedisServer

  beforeEach(async () => {
    primary = await startRedis()
    replica = await startRedis({config: ['--replicaof', '127.0.0.1', String(primary.port)]})
    await waitFor(async () => (await replica.cli('INFO', 'replication')).includes('master_link_status:up'), 'the replica to sync')
  }, 30_000)

  afterEach(async () => {
    await Promise.all([primary?.stop(), replica?.stop()])
  })

  const run = (): Promise<Result> =>
    runWorkload(workload, {
      target: onClient(`redis://127.0.0.1:${primary.port}?replica=127.0.0.1:${replica.port}`, client),
      targetOptions: {keyPrefix: PREFIX, keepKeys: true, connections: 2},
      intervalMs: 250,
    })

  it('promotes the replica, reports the errors of the switch and when success resumed, and keeps serving hits from the replicated data', async () => {
    const result = await run()
    expect(await replica.cli('ROLE')).toMatch(/^master/)
    const [event] = result.events ?? []
    expect(event).toMatchObject({action: 'failover', atMs: FAILOVER_AT_MS, nodeName: `127.0.0.1:${replica.port}`})
    expect(event.error).toBeUndefined()
    const failover = result.failover
    expect(failover?.newPrimary).toBe(`127.0.0.1:${replica.port}`)
    // The only failures of the run are those of the switch; success resumed within a second.
    expect(failover?.errorsDuringSwitch).toBe(result.summary.errors)
    expect(failover?.msUntilSuccess).toBeGreaterThan(0)
    expect(failover?.msUntilSuccess).toBeLessThan(1000)
    // Replication was working: what the primary acknowledged is (nearly all) on the replica, and
    // the count agrees with comparing both servers directly.
    expectLostWithin(result, await lostOnPromotion(primary, replica))
    // Reads after the switch still hit: the new primary holds the replicated entries.
    const after = result.timeline.filter((point) => event.timelineMs !== null && point.atMs > event.timelineMs + 250)
    expect(after.length).toBeGreaterThan(2)
    for (const point of after) expect(point.hitRatio).toBeGreaterThan(0.5)
    // The new primary took the writes after the switch.
    expect((await versions(replica.port)).size).toBeGreaterThan(0)
  }, 30_000)

  it('counts the acknowledged writes the replica never received when replication had stopped', async () => {
    // The replica can no longer sync: every write the primary acknowledges from now on is lost at promotion.
    await primary.cli('ACL', 'SETUSER', 'default', '-psync', '-sync')
    await primary.cli('CLIENT', 'KILL', 'TYPE', 'replica')
    await waitFor(async () => (await replica.cli('INFO', 'replication')).includes('master_link_status:down'), 'the replication link to drop')
    const result = await run()
    const lost = await lostOnPromotion(primary, replica)
    expect(lost).toBeGreaterThan(100)
    expectLostWithin(result, lost)
  }, 30_000)
})
