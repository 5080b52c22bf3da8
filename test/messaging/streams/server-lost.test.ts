import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../../src/metrics/result.js'
import {cli} from '../../helpers/cli.js'
import {runWorkload} from '../../../src/runner/run-workload.js'
import {waitFor} from '../../helpers/wait-for.js'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'
import {messagingOf, messagingWorkload} from '../helpers.js'

let server: RedisServer

beforeAll(async () => {
  server = await startRedis()
})
afterAll(async () => server?.stop())

/** 1,000 entries a second into four streams, one group of one consumer, for `duration`. */
const streamsLoad = (duration: string): string => `seed: 1
messaging:
  channels: {count: 4}
  payload: {size: 64B}
  publish: {rate: 1k/s}
  streams: {groups: 1, consumersPerGroup: 1}
load: {duration: ${duration}, warmup: 0}
`

describe('a Streams run whose server dies during the load', () => {
  it('still yields its result, saying the groups could not be read and the streams not deleted', async () => {
    const workload = messagingWorkload(streamsLoad('6s'))
    const running = runWorkload(workload, {target: server.url, targetOptions: {keyPrefix: 'lost:', timeoutMs: 2000}})
    // Killed once the run has added entries, seconds before its end even on a busy machine: the rest of its publishes and its end-of-run reads fail.
    await waitFor(async () => /keys=[1-9]/.test(await server.cli('INFO', 'keyspace')), 'the run to create its streams')
    await waitFor(async () => Number(/cmdstat_xadd:calls=(\d+)/.exec(await server.cli('INFO', 'commandstats'))?.[1] ?? 0) >= 100, 'the run to publish')
    await server.kill()
    const result = await running
    const messaging = messagingOf(result)
    expect(messaging.published).toBeGreaterThan(0)
    expect(messaging.publishErrors).toBeGreaterThan(0)
    expect([messaging.pending, messaging.drained, messaging.groups]).toEqual([null, null, null])
    // The lag is also sampled once an interval during the load: the samples taken before the kill
    // (none when it came within the first second) stand in for the final reading the dead server
    // cannot give.
    const sampled = result.timeline.flatMap((row) => (typeof row.lag === 'number' ? [row.lag] : []))
    expect(messaging.lag).toEqual(sampled.length === 0 ? null : {max: Math.max(...sampled), final: sampled.at(-1)})
    expect(result.target.keysDeleted).toBe(0)
    expect(result.warnings).toContainEqual(expect.stringMatching(/^Could not read the consumer groups from the server at the end of the run \(.+\): their lag, pending and unread entries are unknown\.$/))
    expect(result.warnings).toContainEqual(expect.stringMatching(/^Could not delete the streams under lost: at the end of the run: .+/))
  })
})

describe('a Streams consumer coming back after a disconnect event to a server that died meanwhile', () => {
  it('is given up, so the command ends with its result instead of waiting on the reconnecting client', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-streams-lost-'))
    const file = join(dir, 'away.yaml')
    writeFileSync(
      file,
      `version: 1\nname: away\n${streamsLoad('8s')}events:\n  - {at: 500ms, disconnect: consumer, count: 1, for: 5s}\n`,
    )
    const again = await startRedis()
    try {
      const command = cli(['run', file, '--target', again.url, '--key-prefix', 'away:', '--json'])
      // The consumer is away from 0.5 s to 5.5 s: the server dies in between, after about 1 s of publishing (seconds to spare on a busy machine).
      await waitFor(async () => Number(/cmdstat_xadd:calls=(\d+)/.exec(await again.cli('INFO', 'commandstats'))?.[1] ?? 0) >= 1000, 'the run to publish for a second')
      await again.kill()
      const run = await command
      expect(run.exitCode).toBe(4)
      const result = JSON.parse(run.stdout) as Result
      expect(result.events?.[0]?.error).toBeDefined()
    } finally {
      await again.stop()
    }
  })
})
