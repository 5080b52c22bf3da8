import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {keySlot} from '../../src/targets/redis/key-slot.js'
import {cli} from '../helpers/cli.js'
import {builtinBaseline, fitsInMemory, PRELOADED_READS, preloadWorkload, readsOfPreloaded} from '../helpers/target-parity.js'
import {testWorkload} from '../helpers/workload.js'
import {type RedisCluster, startRedisCluster} from '../servers/redis-servers.js'
import {freePort} from '../servers/server-process.js'
import {waitFor} from '../helpers/wait-for.js'

const FITS_IN_MEMORY = fitsInMemory(31)

const counts = (result: Result) => ({hits: result.summary.hits, misses: result.summary.misses, staleReads: result.summary.staleReads})

let cluster: RedisCluster
let builtin: Result

beforeAll(async () => {
  cluster = await startRedisCluster(3)
  builtin = await builtinBaseline(FITS_IN_MEMORY)
})

afterAll(async () => {
  await cluster?.stop()
})

async function keysPerNode(prefix: string): Promise<number[]> {
  return Promise.all(
    cluster.ports.map(async (port) => {
      const listed = await cluster.cli(port, '--scan', '--pattern', `${prefix}*`)
      return listed === '' ? 0 : listed.split('\n').length
    }),
  )
}

describe('redis-cluster target', () => {
  it('computes the same slot as the server for plain keys, hash tags and non-ASCII keys', async () => {
    const keys = ['cb:1a2b3c4d:k:0', 'cb:1a2b3c4d:k:1999', 'foo', '{user1000}.following', 'a{}b', 'x{y}z{w}', '{}{b}', 'ключ:é', '']
    for (const key of keys) {
      expect(keySlot(key), key).toBe(Number(await cluster.cli(cluster.ports[0], 'CLUSTER', 'KEYSLOT', key)))
    }
  })

  it('gives exactly the builtin target’s hits, misses and stale reads, spreads keys over every node and deletes them', async () => {
    await cluster.cli(cluster.ports[0], '-c', 'SET', 'foreign:key', 'not ours')
    const before = await cluster.keyCount()
    const prefix = 'cbtest:cluster:'
    let duringRun: number[] = []
    const result = await runWorkload(FITS_IN_MEMORY, {
      target: cluster.url,
      targetOptions: {keyPrefix: prefix},
      afterLoad: async () => {
        duringRun = await keysPerNode(prefix)
      },
    })
    expect(result.summary.errors).toBe(0)
    expect(counts(result)).toEqual(counts(builtin))
    expect(result.target).toMatchObject({kind: 'redis-cluster', url: cluster.url, keyPrefix: prefix})
    // Uniform slot hashing gives each of 3 primaries about a third of the keys.
    const total = duringRun.reduce((sum, n) => sum + n, 0)
    for (const onNode of duringRun) expect(onNode).toBeGreaterThan(total / 6)
    expect((result.target as {keysDeleted: number}).keysDeleted).toBe(total)
    expect(await keysPerNode(prefix)).toEqual([0, 0, 0])
    expect(await cluster.keyCount()).toBe(before)
    expect(await cluster.cli(cluster.ports[0], '-c', 'GET', 'foreign:key')).toBe('not ours')
  })

  it('--pipeline 16 with --connections 2 gives the same counts at concurrency 1, and every command answered at concurrency 32', async () => {
    // At concurrency 1 each batch holds one command and the sequence is fixed; at 32 the
    // order between operations is not, so only order-free facts are checked there.
    const pipelined = await runWorkload(FITS_IN_MEMORY, {target: cluster.url, targetOptions: {pipeline: 16, connections: 2}})
    expect(pipelined.summary.errors).toBe(0)
    expect(counts(pipelined)).toEqual(counts(builtin))

    const prefix = 'cbtest:cluster-preloaded:'
    const keys = 3000
    const preload = preloadWorkload(keys)
    await runWorkload(preload, {target: cluster.url, targetOptions: {keyPrefix: prefix, keepKeys: true, pipeline: 16}})
    expect((await keysPerNode(prefix)).reduce((sum, n) => sum + n, 0)).toBe(keys)
    const reads = readsOfPreloaded(keys)
    // The preload's keys are the run's own: the prefix is reused on purpose.
    const result = await runWorkload(reads, {target: cluster.url, targetOptions: {keyPrefix: prefix, pipeline: 16, connections: 2, ownKeyspace: true}})
    expect(result.summary.errors).toBe(0)
    expect(result.summary.hits).toBe(PRELOADED_READS)
    // Cleanup after a read-only run deletes nothing: it only wrote nothing. The preload's keys go by hand.
    expect((result.target as {keysDeleted: number}).keysDeleted).toBe(0)
    const cleanup = await runWorkload(preload, {target: cluster.url, targetOptions: {keyPrefix: prefix, pipeline: 16, ownKeyspace: true}})
    expect((cleanup.target as {keysDeleted: number}).keysDeleted).toBe(keys)
    expect(await keysPerNode(prefix)).toEqual([0, 0, 0])
  })

  it('runs from the CLI and reports redis-cluster as the target kind', async () => {
    // A generous per-command timeout: on a machine loaded far past its cores the process can be
    // descheduled for over the default second (seen: 21 commands of 3,000 at load average 14), and
    // a timeout is not what this test is about; any other error still fails it.
    const run = await cli(['run', 'read-heavy', '--target', cluster.url, '--operations', '3000', '--warmup', '500', '--timeout', '30s', '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.target.kind).toBe('redis-cluster')
    expect(result.summary.operations).toBe(2500)
    expect(result.summary.errors, JSON.stringify(result.summary.errorsByKind)).toBe(0)
  })

  it('no reachable startup node exits 3 naming the URL', async () => {
    const [a, b] = [await freePort(), await freePort()]
    const url = `redis-cluster://127.0.0.1:${a},127.0.0.1:${b}`
    const run = await cli(['run', 'read-heavy', '--target', url, '--connect-timeout', '2s'])
    expect(run.exitCode).toBe(3)
    expect(run.stderr.trim()).toBe(`Error: Cannot connect to ${url}: connection refused.`)
  })

  it('a primary frozen before the run: the connect timeout names that node, not the host of the URL', async () => {
    // One startup node, so the slot map always comes from a node that answers.
    const [seed, frozen] = cluster.ports
    const url = `redis-cluster://127.0.0.1:${seed}`
    await cluster.freeze(frozen)
    try {
      const run = await cli(['run', 'read-heavy', '--target', url, '--connect-timeout', '1s'])
      expect(run.exitCode).toBe(3)
      expect(run.stderr.trim()).toBe(`Error: Cannot connect to ${url} within 1000 ms: its node 127.0.0.1:${frozen} did not answer (stopped, or too busy to reply).`)
    } finally {
      await cluster.thaw(frozen)
    }
  })

  it('a primary frozen during the run: its timed-out commands and the keys left on it name that node', async () => {
    const frozen = cluster.ports[2]
    const workload = testWorkload({
      keyspace: {count: 300},
      mix: {read: 0.8, write: 0.2, delete: 0},
      origin: {latency: {distribution: 'fixed', ms: 0.1}},
      load: {concurrency: 8, operations: 80, warmup: {operations: 0}},
    })
    let result: Result
    try {
      result = await runWorkload(workload, {target: cluster.url, targetOptions: {timeoutMs: 250}, beforeLoad: () => cluster.freeze(frozen)})
    } finally {
      await cluster.thaw(frozen)
    }
    expect(result.summary.errorsByKind.timeout).toBeGreaterThan(0)
    const named = `(cluster node 127.0.0.1:${frozen})`
    expect(result.warnings.some((warning) => /cache commands? failed: Command timed out/.test(warning) && warning.includes(named)), result.warnings.join('\n')).toBe(true)
    expect(result.warnings.find((warning) => warning.startsWith('Could not delete the keys')), result.warnings.join('\n')).toContain(named)
    // The keys left on the frozen node go by hand, so the tests after this one find the cluster as it was.
    for (const port of cluster.ports) {
      const left = await cluster.cli(port, '--scan', '--pattern', `${result.target.keyPrefix}*`)
      for (const key of left.split('\n').filter(Boolean)) await cluster.cli(port, 'DEL', key)
    }
  })

  // The file's last test (vitest runs a file's tests in order): it kills a primary of the shared
  // cluster, which no test needs whole after it, and so spares starting a second cluster.
  it('a primary killed mid-run: the run ends by itself with connection errors and a complete result', async () => {
    const workload = testWorkload({
      keyspace: {count: 2000},
      mix: {read: 0.8, write: 0.2, delete: 0},
      origin: {latency: {distribution: 'fixed', ms: 0.1}},
      load: {concurrency: 4, operations: 30_000, warmup: {operations: 0}},
    })
    const before = await cluster.keyCount()
    const run = runWorkload(workload, {target: cluster.url, targetOptions: {pipeline: 8}, intervalMs: 100})
    await waitFor(async () => (await cluster.keyCount()) >= before + 300, 'the cluster to hold 300 of the run’s keys')
    await cluster.kill(cluster.ports[1])
    // It ends by itself, or the test's time limit fails it: no wall-clock bound here, where other
    // files run beside it (the run's length after the kill follows the machine's load).
    const result = await run
    expect(result.complete).toBe(true)
    expect(result.summary.operations).toBe(30_000)
    expect(result.summary.errorsByKind.connection).toBeGreaterThan(0)
    // Keys on the two live primaries were still served: reads kept hitting in the intervals after
    // the first failures. (Not a ratio of hits to errors: failures return at once while hits take a
    // round trip, so that ratio follows the machine's load.)
    const firstFailing = result.timeline.findIndex((point) => point.errors > 0)
    expect(firstFailing).toBeGreaterThanOrEqual(0)
    expect(result.timeline.slice(firstFailing + 1).some((point) => (point.hitRatio ?? 0) > 0)).toBe(true)
  })
})
