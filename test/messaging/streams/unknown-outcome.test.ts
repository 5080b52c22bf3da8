import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../../src/runner/run-workload.js'
import {loadWorkload} from '../../../src/workload/load-workload.js'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-streams-unknown-'))
const file = join(dir, 'streams.yaml')
const MESSAGES = 1500
const GROUPS = 2
const STREAMS = 5
writeFileSync(
  file,
  `version: 1
name: streams-unknown-outcome
seed: 7
messaging:
  channels: {count: ${STREAMS}, distribution: uniform}
  payload: {size: 64B}
  publish: {rate: 1000/s}
  streams: {maxlen: 100000, groups: ${GROUPS}, consumersPerGroup: 1, block: 100ms}
load:
  operations: ${MESSAGES}
  warmup: 0
`,
)

describe('a Streams publish whose reply timed out but which the server carried out', () => {
  let server: RedisServer
  let admin: Redis
  beforeAll(async () => {
    server = await startRedis()
    admin = new Redis({host: '127.0.0.1', port: server.port, lazyConnect: true, maxRetriesPerRequest: 0})
    await admin.connect()
  })
  afterAll(async () => {
    admin?.disconnect()
    await server?.stop()
  })

  it('counts as a publish error, its deliveries count as delivered and never make lost negative', async () => {
    // CLIENT PAUSE WRITE holds every XADD for 800 ms, far beyond the 100 ms command timeout: the
    // publisher sees them fail, and the server carries them out once the pause ends.
    const result = await runWorkload(loadWorkload(file), {
      target: server.url,
      targetOptions: {timeoutMs: 100, keepKeys: true},
      onLoadStart: () => void admin.call('CLIENT', 'PAUSE', '800', 'WRITE'),
    })
    const messaging = result.summary.messaging!
    // What landed, read back from the server: every entry of every stream the run left in place.
    const keys = await admin.keys('*')
    expect(keys).toHaveLength(STREAMS)
    const landed = (await Promise.all(keys.map((key) => admin.xlen(key)))).reduce((a, b) => a + b, 0)
    // The pause made publishes fail, and some of those landed all the same.
    expect(messaging.publishErrors).toBeGreaterThan(0)
    expect(landed).toBeGreaterThan(messaging.published)
    expect(landed).toBeLessThanOrEqual(MESSAGES)
    expect(messaging.published + messaging.publishErrors).toBe(MESSAGES)
    // Only confirmed publishes are expected; every group got every entry that landed, each once.
    expect(messaging.expectedDeliveries).toBe(GROUPS * messaging.published)
    expect(messaging.delivered).toBe(GROUPS * landed)
    expect(messaging.lost).toBe(0)
    for (const receiver of messaging.perReceiver) {
      expect(receiver.lost).toBe(0)
      expect(receiver.delivered).toBe(landed)
    }
  })
})
