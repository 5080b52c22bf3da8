import {execFileSync} from 'node:child_process'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {RedisStreamSession} from '../../../src/messaging/streams/redis-stream-session.js'
import {singleServerTopology} from '../../../src/messaging/streams/stream-topology.js'
import {parseRedisEndpoint} from '../../../src/targets/redis/redis-endpoint.js'
import {defaultTargetOptions} from '../../../src/targets/target-options.js'
import {parseTargetUrl} from '../../../src/targets/target-url.js'
import {waitFor} from '../../helpers/wait-for.js'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'

let server: RedisServer

beforeAll(async () => {
  server = await startRedis()
})
afterAll(async () => {
  await server?.stop()
})

const cliSync = (...args: string[]): string => execFileSync('redis-cli', ['-p', String(server.port), ...args], {encoding: 'utf8', timeout: 10_000})

it('entries handed out in a read whose reply came too late are read again from the pending list, not lost', async () => {
  const blockMs = 2000
  const timeoutMs = 200
  const spec = {streams: 1, groups: 1, consumersPerGroup: 1, maxlen: 1000, blockMs, count: 10}
  const topology = singleServerTopology(parseRedisEndpoint(parseTargetUrl(server.url)), {...defaultTargetOptions(), keyPrefix: 'cbtest:late:', timeoutMs}, 1, blockMs)
  const session = new RedisStreamSession(spec, topology, () => performance.now())
  try {
    await session.open(0)
    await waitFor(async () => /blocked_clients:1/.test(await server.cli('INFO', 'clients')), 'the consumer to block in XREADGROUP')
    // Synchronously, so this process reads no reply meanwhile: the XADD wakes the blocked read,
    // whose reply then waits in the socket until the read's timeout (block + timeout) has passed.
    cliSync('XADD', 'cbtest:late:stream:0', '*', 'p', '0', 'n', '1', 't', '0', 'm', 'x')
    const until = performance.now() + blockMs + timeoutMs + 100
    while (performance.now() < until) {
      // Busy on purpose (bounded): the timer must fall due before the socket is read.
    }
    await waitFor(() => session.deliveredTo(0) === 1, 'the entry to be received after all')
    const figures = await session.finish()
    expect(figures.consumerErrors).toBeGreaterThanOrEqual(1)
    expect(figures.perGroup[0]).toMatchObject({delivered: 1, acknowledged: 1, pending: 0, trimmedBeforeRead: 0})
  } finally {
    await session.close()
  }
})
