import {afterAll, beforeAll, expect, it} from 'vitest'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'
import {messagingOf, runStreams} from '../helpers.js'

let server: RedisServer

beforeAll(async () => {
  server = await startRedis()
})
afterAll(async () => {
  await server?.stop()
})

it('a blocked consumer is woken by the XADD, not by its BLOCK timeout: delivery takes far less than the block time', async () => {
  const blockMs = 2000
  const result = await runStreams(
    server.url,
    'cbtest:wake:',
    `channels: {count: 2, distribution: sequential}
  publish: {rate: 200/s}
  streams: {maxlen: 100000, groups: 2, consumersPerGroup: 2, block: ${blockMs}ms}
load: {operations: 400, warmup: 0}`,
    false,
  )
  expect(messagingOf(result).delivered).toBe(800)
  // Woken only by the timeout, half the deliveries would wait about blockMs / 2 or more.
  const delivery = result.latencyMs.delivery!
  expect(delivery.p50).toBeLessThan(blockMs / 20)
  expect(delivery.p99).toBeLessThan(blockMs / 4)
})
