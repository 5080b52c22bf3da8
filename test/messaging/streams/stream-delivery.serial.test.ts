import {afterAll, beforeAll, expect, it} from 'vitest'
import {runRedisStreams} from '../../../src/messaging/streams/run-redis-streams.js'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'

let server: RedisServer

beforeAll(async () => {
  server = await startRedis()
})
afterAll(async () => {
  await server?.stop()
})

it('a blocked consumer is woken by the XADD, not by its BLOCK timeout: delivery takes far less than the block time', async () => {
  const blockMs = 2000
  const result = await runRedisStreams({
    url: server.url,
    keyPrefix: 'cbtest:wake:',
    streams: 2,
    groups: 2,
    consumersPerGroup: 2,
    maxlen: 100_000,
    blockMs,
    count: 10,
    messages: 400,
    ratePerSec: 200,
    payloadBytes: 64,
    sampleEveryMs: 100,
    outages: [],
    drainTimeoutMs: 10_000,
  })
  expect(result.delivered).toBe(800)
  // Woken only by the timeout, half the deliveries would wait about blockMs / 2 or more.
  expect(result.latencyMs.p50).toBeLessThan(blockMs / 20)
  expect(result.latencyMs.p99).toBeLessThan(blockMs / 4)
})
