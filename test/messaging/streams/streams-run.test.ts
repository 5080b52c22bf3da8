import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../../src/runner/run-workload.js'
import {loadWorkload} from '../../../src/workload/load-workload.js'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-streams-run-'))
const file = join(dir, 'streams.yaml')
// 3000 messages at 1000/s over 5 streams; group 0 (consumers 0 and 1) away from 1 s to 1.5 s.
writeFileSync(
  file,
  `version: 1
name: streams-run
seed: 5
messaging:
  channels: {count: 5, distribution: uniform}
  payload: {size: 64B}
  publish: {rate: 1000/s}
  streams: {maxlen: 100000, groups: 2, consumersPerGroup: 2, block: 100ms}
cache:
  latency: 200us
load:
  operations: 3000
  warmup: 0
events:
  - {at: 1s, disconnect: consumer, count: 2, for: 500ms}
`,
)

describe('a Streams workload through the runner', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('builtin://: every group gets every message; the group away lags by what was published meanwhile; delivery takes one round trip', async () => {
    const result = await runWorkload(loadWorkload(file), {intervalMs: 100})
    const messaging = result.summary.messaging!
    expect(messaging).toMatchObject({published: 3000, expectedDeliveries: 6000, delivered: 6000, lost: 0, duplicated: 0, pending: 0, trimmedBeforeRead: 0})
    // 500 ms away at 1000 messages/s; sampled every 100 ms, the last sample before the return sees them all but the one landing with it.
    expect(messaging.lag!.max).toBeGreaterThanOrEqual(499)
    expect(messaging.lag!.max).toBeLessThanOrEqual(500)
    expect(messaging.lag!.final).toBe(0)
    // A waiting consumer gets a message one 0.2 ms round trip after its intended time: half to land, half back.
    expect(result.latencyMs.delivery?.p50).toBeCloseTo(0.2, 3)
  })

  it('redis://: every group gets every message once, nothing is left pending, the streams are deleted', async () => {
    // A loaded machine may hold an XADD's reply back past the default timeout: such a publish is an
    // error of unknown outcome (unknown-outcome.test.ts), not what this test is about.
    const result = await runWorkload(loadWorkload(file), {target: server.url, targetOptions: {timeoutMs: 10_000}, intervalMs: 100})
    expect(result.summary.messaging).toMatchObject({published: 3000, expectedDeliveries: 6000, delivered: 6000, lost: 0, duplicated: 0, pending: 0, trimmedBeforeRead: 0})
    expect((result.target as {keysDeleted: number}).keysDeleted).toBe(5)
    expect(await server.cli('DBSIZE')).toBe('0')
  })
})
