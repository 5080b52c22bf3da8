import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {withErrorLimit} from '../../src/metrics/error-limit.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'
import {messagingOf, messagingWorkload} from './helpers.js'

let server: RedisServer

beforeAll(async () => {
  // The user may publish to channel 0 of the prefix "acl:" only: every PUBLISH to channel 1 is refused (NOPERM).
  server = await startRedis({config: ['--user', 'app', 'on', '>secret', '~*', '&acl:ch:0', '+@all']})
})
afterAll(async () => server?.stop())

describe('the error limit of a messaging run on Redis', () => {
  it('counts the publishes that succeeded among its commands, so some refused publishes are not 100% failed', async () => {
    const workload = messagingWorkload(`seed: 3
messaging:
  channels: {count: 2}
  publish: {publishers: 2}
  pubsub: {subscribers: 1, channelsPerSubscriber: 1}
load: {operations: 2000, warmup: 0}
`)
    const result = await runWorkload(workload, {target: `redis://app:secret@127.0.0.1:${server.port}`, targetOptions: {keyPrefix: 'acl:', timeoutMs: 10_000}})
    const messaging = messagingOf(result)
    expect(messaging.published).toBeGreaterThan(0)
    expect(messaging.publishErrors).toBeGreaterThan(0)
    expect(messaging.published + messaging.publishErrors).toBe(2000)
    const judged = withErrorLimit(result, 0.9)
    expect(judged.errorLimit).toEqual({
      commands: 2000,
      failed: messaging.publishErrors,
      ratio: messaging.publishErrors / 2000,
      maxRatio: 0.9,
      exceeded: false,
    })
  })
})
