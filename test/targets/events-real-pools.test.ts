import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {ExitCode} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {cli} from '../helpers/cli.js'
import {type MemcachedPool, startMemcachedPool} from '../servers/memcached-servers.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

/** Reads and writes for 2 s at 2000/s, with one event at 1 s. */
function workloadWith(event: string): string {
  return `version: 1
keyspace: {count: 2000, distribution: uniform}
mix: {read: 90, write: 10}
strategy: write-through
origin: {latency: 0.2ms}
load: {rate: 2000/s, duration: 2s}
events:
  - ${event}
`
}

describe('events on real memcached and redis servers', () => {
  let pool: MemcachedPool
  let redis: RedisServer
  let dir: string
  const file = (name: string) => join(dir, name)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cb-events-'))
    pool = await startMemcachedPool(2)
    redis = await startRedis()
  }, 30_000)

  afterAll(async () => {
    await Promise.all([pool?.stop(), redis?.stop()])
    await rm(dir, {recursive: true, force: true})
  })

  it('refuses a node failure that would flush a node without --allow-flush, before connecting', async () => {
    await writeFile(file('fail.yaml'), workloadWith('{at: 1s, action: node-failure, node: 1}'))
    const connectionsBefore = await Promise.all(pool.servers.map(async (server) => Number((await server.stats()).total_connections)))
    const run = await cli(['run', file('fail.yaml'), '--target', pool.url])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain(
      "events[0] (node-failure at 1s): it would send flush_all to the node, deleting every key on it and not only this run's, so it needs --allow-flush; or give the event a command: that fails the node.",
    )
    // Only the stats connection of this check itself is new: the run never connected.
    const connectionsAfter = await Promise.all(pool.servers.map(async (server) => Number((await server.stats()).total_connections)))
    expect(connectionsAfter).toEqual(connectionsBefore.map((count) => count + 1))
  }, 30_000)

  it('with --allow-flush, flushes exactly the failed node of a memcached pool', async () => {
    await writeFile(file('fail.yaml'), workloadWith('{at: 1s, action: node-failure, node: 1}'))
    const flushesBefore = await Promise.all(pool.servers.map(async (server) => Number((await server.stats()).cmd_flush)))
    const run = await cli(['run', file('fail.yaml'), '--target', pool.url, '--allow-flush', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    const nodeNames = pool.servers.map((server) => `127.0.0.1:${server.port}`)
    expect(result.events).toMatchObject([{action: 'node-failure', node: 1, nodeName: nodeNames[1], nodes: 2}])
    const flushesAfter = await Promise.all(pool.servers.map(async (server) => Number((await server.stats()).cmd_flush)))
    expect(flushesAfter).toEqual([flushesBefore[0], flushesBefore[1] + 1])
  }, 30_000)

  it('runs the command: of a node failure with the node named, and reports a failing one', async () => {
    const seen = file('node.txt')
    await writeFile(file('command.yaml'), workloadWith(`{at: 1s, action: node-failure, node: 1, command: 'echo "$CACHE_BENCH_NODE_INDEX $CACHE_BENCH_NODE" > ${seen}'}`))
    const ok = await cli(['run', file('command.yaml'), '--target', pool.url, '--json'])
    expect(ok.exitCode, ok.stderr).toBe(0)
    expect((await readFile(seen, 'utf8')).trim()).toBe(`1 127.0.0.1:${pool.servers[1].port}`)
    expect((JSON.parse(ok.stdout) as Result).events).toMatchObject([{action: 'node-failure', node: 1, exitCode: 0}])

    // The failing command straight from the core, which runs the event and words its report: the
    // command's part (reading the file, printing the result) is the run above.
    await writeFile(file('failing.yaml'), workloadWith(`{at: 1s, action: node-failure, command: 'echo no such node >&2; exit 3'}`))
    const result = await runWorkload(loadWorkload(file('failing.yaml')), {target: pool.url})
    expect(result.events).toMatchObject([{action: 'node-failure', node: 0, exitCode: 3, error: 'the command exited with status 3: no such node'}])
    expect(result.warnings).toContain(`the node-failure of 127.0.0.1:${pool.servers[0].port} at 1s failed: the command exited with status 3: no such node`)
  }, 30_000)

  it('refuses a resize of a real pool and a failover without a replica, naming what to use', async () => {
    // Straight from the core, which carries the exit code and the sentence; the first test shows the
    // command turning such a refusal into exit 2 and one line.
    await writeFile(file('scale.yaml'), workloadWith('{at: 1s, action: scale-out}'))
    await expect(runWorkload(loadWorkload(file('scale.yaml')), {target: pool.url})).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
      message: expect.stringContaining('events[0] (scale-out at 1s): memcached:// pools keep their size during a run for now; scale-out runs on a built-in pool, builtin://?nodes=N.'),
    })
    await writeFile(file('failover.yaml'), workloadWith('{at: 1s, action: failover}'))
    await expect(runWorkload(loadWorkload(file('failover.yaml')), {target: redis.url})).rejects.toMatchObject({
      exitCode: ExitCode.badInput,
      message: expect.stringContaining('failover needs the primary\'s replica in the target URL: redis://host:port?replica=host:port.'),
    })
  }, 30_000)

  it('a flush event on redis with --allow-flush empties the server', async () => {
    await redis.cli('SET', 'someone-else', 'x')
    await writeFile(file('flush.yaml'), workloadWith('{at: 1s, action: flush}'))
    const run = await cli(['run', file('flush.yaml'), '--target', redis.url, '--allow-flush', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Result).events).toMatchObject([{action: 'flush', nodes: 1}])
    // FLUSHALL took every key, not only the run's.
    expect(await redis.cli('EXISTS', 'someone-else')).toBe('0')
  }, 30_000)
})
