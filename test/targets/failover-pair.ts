import {Redis} from 'ioredis'
import {afterEach, beforeEach, expect} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {waitFor} from '../helpers/wait-for.js'
import {onClient, type RedisClientName} from '../helpers/redis-clients.js'

// What the failover tests share: the workload, two servers replicating, and the comparison of both after the run.

export const PREFIX = 'cbfo:'
export const FAILOVER_AT_MS = 1500

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
export async function versions(port: number): Promise<Map<string, number>> {
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
 * Compares both servers after the run. `lost`: keys whose version on the old primary is missing or
 * older on the new one. It can exceed the acknowledged writes lost by writes that landed but whose
 * reply never came (cut off by the switch); those failed, so they are among the errors of the
 * switch. `rewritten`: keys written again on the new primary after the switch, so newer there —
 * whether the old version had reached the replica is no longer visible, so each may or may not be
 * one of the lost writes (how many there are depends on how far the run got after the switch).
 */
export async function lostOnPromotion(oldPrimary: RedisServer, newPrimary: RedisServer): Promise<{lost: number; rewritten: number}> {
  const [before, after] = await Promise.all([versions(oldPrimary.port), versions(newPrimary.port)])
  let lost = 0
  let rewritten = 0
  for (const [key, version] of before) {
    const now = after.get(key)
    if (now === undefined || now < version) lost++
    else if (now > version) rewritten++
  }
  return {lost, rewritten}
}

export function expectLostWithin(result: Result, compared: {lost: number; rewritten: number}): void {
  const reported = result.failover?.acknowledgedWritesLost ?? -1
  expect(reported).toBeLessThanOrEqual(compared.lost + compared.rewritten)
  expect(reported).toBeGreaterThanOrEqual(compared.lost - (result.failover?.errorsDuringSwitch ?? 0))
}


export interface FailoverPair {
  primary: RedisServer
  replica: RedisServer
  /** The workload against the primary, failing over to the replica at FAILOVER_AT_MS. */
  run(): Promise<Result>
}

/** A primary and its replica, started in sync before each test of the calling describe block and stopped after it. */
export function failoverPair(client: RedisClientName): FailoverPair {
  const pair = {} as FailoverPair
  beforeEach(async () => {
    pair.primary = await startRedis()
    pair.replica = await startRedis({config: ['--replicaof', '127.0.0.1', String(pair.primary.port)]})
    await waitFor(async () => (await pair.replica.cli('INFO', 'replication')).includes('master_link_status:up'), 'the replica to sync')
  }, 30_000)

  afterEach(async () => {
    await Promise.all([pair.primary?.stop(), pair.replica?.stop()])
  })

  pair.run = (): Promise<Result> =>
    runWorkload(workload, {
      target: onClient(`redis://127.0.0.1:${pair.primary.port}?replica=127.0.0.1:${pair.replica.port}`, client),
      targetOptions: {keyPrefix: PREFIX, keepKeys: true, connections: 2},
      intervalMs: 250,
    })
  return pair
}
