import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ExitCode, InputError} from '../../src/errors.js'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {STRUCTURE_OPERATION_KINDS, type Workload} from '../../src/workload/types.js'
import {freePort} from '../servers/server-process.js'
import {type MemcachedServer, startMemcached} from '../servers/memcached-servers.js'
import {testWorkload} from '../helpers/workload.js'

const everyStructureOperation = (): Workload =>
  testWorkload({
    mix: {read: 0, write: 0, delete: 0, zincrby: 3, zrevrange: 1, zrank: 1, hset: 2, hgetall: 2, expire: 1, lpush: 1, lrange: 1},
    structures: {sortedSets: {keys: 3, members: 200, top: 5, increment: 1}, hashes: {fields: 4, ttlMs: 5}, lists: {keys: 2, maxLength: 10, range: 5}},
    cache: {latency: {distribution: 'fixed', ms: 0.1}},
    load: {concurrency: 4, operations: 6_000, warmup: {operations: 1_000}},
  })

const structureTotal = (result: Result): number => STRUCTURE_OPERATION_KINDS.reduce((sum, kind) => sum + result.summary.structures[kind], 0)

describe('structure operations on builtin://', () => {
  it('counts and times every measured operation by kind, warm-up excluded', async () => {
    const result = await runWorkload(everyStructureOperation())
    expect(result.summary.operations).toBe(5_000)
    expect(structureTotal(result)).toBe(5_000)
    expect(result.summary.reads + result.summary.writes + result.summary.deletes).toBe(0)
    for (const kind of STRUCTURE_OPERATION_KINDS) {
      const count = result.summary.structures[kind]
      // Weights 3:1:1:2:2:1:1:1 of 12: each kind's share within a few standard deviations.
      expect(count).toBeGreaterThan(0)
      expect(result.latencyMs[kind]?.count).toBe(count)
      // Every command waits the modelled 0.1ms, nothing more.
      expect(result.latencyMs[kind]?.max).toBeCloseTo(0.1, 6)
    }
    expect(result.summary.structures.zincrby / 5_000).toBeCloseTo(3 / 12, 1)
    expect(result.summary.errors).toBe(0)
  })

  it('finds some sessions and not others, and reports the ratio', async () => {
    const {structures} = (await runWorkload(everyStructureOperation())).summary
    expect(structures.hgetallHits).toBeGreaterThan(0)
    expect(structures.hgetallHits).toBeLessThan(structures.hgetall)
    expect(structures.hgetallHitRatio).toBeCloseTo(structures.hgetallHits / structures.hgetall, 12)
  })

  it('finds fewer sessions when their time to live is shorter', async () => {
    const withTtl = (ttlMs: number): Workload => {
      const workload = everyStructureOperation()
      return {...workload, structures: {...workload.structures, hashes: {fields: 4, ttlMs}}}
    }
    const short = (await runWorkload(withTtl(2))).summary
    const long = (await runWorkload(withTtl(3_600_000))).summary
    expect(short.structures.hgetallHitRatio).toBeLessThan(long.structures.hgetallHitRatio)
    // Expired hashes are counted with the target's expirations, as Redis counts expired keys.
    expect(short.cache.expirations).toBeGreaterThan(0)
    expect(long.cache.expirations).toBe(0)
  })

  it('replays the same commands for the same seed, and others for another seed', async () => {
    const first = await runWorkload(everyStructureOperation())
    const again = await runWorkload(everyStructureOperation())
    const other = await runWorkload({...everyStructureOperation(), seed: 8})
    expect(again.summary.structures).toEqual(first.summary.structures)
    expect(other.summary.structures).not.toEqual(first.summary.structures)
  })

  it('mixes with key-value operations, which keep their own key sequence', async () => {
    const mixed = await runWorkload(testWorkload({mix: {read: 0.5, write: 0, delete: 0, zincrby: 0.5}, load: {operations: 4_000}}))
    expect(mixed.summary.reads + mixed.summary.structures.zincrby).toBe(4_000)
    expect(mixed.summary.reads).toBeGreaterThan(1_500)
    // The same number of reads without the sorted-set operations in between: the same keys, so
    // the same hits and misses (structure commands take no time here and draw from other streams).
    const plain = await runWorkload(testWorkload({mix: {read: 1, write: 0, delete: 0}, load: {operations: mixed.summary.reads}}))
    expect(plain.summary.hits).toBe(mixed.summary.hits)
    expect(plain.summary.misses).toBe(mixed.summary.misses)
    expect(plain.summary.structures.zincrby).toBe(0)
    expect(plain.latencyMs.zincrby).toBeUndefined()
  })
})

describe('structure operations on memcached://', () => {
  let memcached: MemcachedServer
  beforeAll(async () => {
    memcached = await startMemcached()
  })
  afterAll(async () => {
    await memcached?.stop()
  })

  it('are refused as bad input naming the first one, before anything is sent', async () => {
    const workload = testWorkload({mix: {read: 1, write: 0, delete: 0, hgetall: 1, zincrby: 1}})
    const refusal = runWorkload(workload, {target: memcached.url})
    await expect(refusal).rejects.toThrow(
      new InputError('memcached:// does not support zincrby (a Redis sorted-set operation); use redis://, redis-cluster:// or builtin://.'),
    )
    await expect(refusal).rejects.toMatchObject({exitCode: ExitCode.badInput})
    expect(Number((await memcached.stats()).cmd_get)).toBe(0)
  })

  it('are refused even when the server is unreachable (bad input wins over exit code 3)', async () => {
    const closedPort = await freePort()
    const workload = testWorkload({mix: {read: 0, write: 0, delete: 0, lrange: 1}})
    await expect(runWorkload(workload, {target: `memcached://127.0.0.1:${closedPort}`})).rejects.toThrow(
      'memcached:// does not support lrange (a Redis list operation); use redis://, redis-cluster:// or builtin://.',
    )
  })
})
