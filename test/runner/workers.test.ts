import {describe, expect, it} from 'vitest'
import {mergeResults} from '../../src/merge/merge-results.js'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {runInWorkers} from '../../src/runner/workers/run-in-workers.js'
import {testWorkload} from '../helpers/workload.js'

const workload = testWorkload({
  keyspace: {count: 5000, distribution: 'zipfian', theta: 0.99},
  mix: {read: 90, write: 10, delete: 0},
  cache: {maxItems: 1000},
  strategy: {ttlMs: 500},
  load: {concurrency: 8, operations: 40_000, warmup: {operations: 5_000}},
})

const counts = (result: Result) => {
  const {operations, reads, writes, hits, misses, staleReads, origin, cache} = result.summary
  return {operations, reads, writes, hits, misses, staleReads, originReads: origin.reads, evictions: cache.evictions, expirations: cache.expirations}
}

describe('--workers', () => {
  it('runs each part in its own thread and merges them into what the same parts give in one thread', async () => {
    const threaded = await runInWorkers(workload, {}, 2)
    const inline = mergeResults(
      await Promise.all([0, 1].map(async (index) => ({result: await runWorkload(workload, {part: {index, count: 2}}), source: `part ${index}`}))),
    )
    // Simulated time: each part is deterministic wherever it runs.
    expect(threaded.workers).toBe(2)
    expect(counts(threaded)).toEqual(counts(inline))
    expect(threaded.latencyMs).toEqual(inline.latencyMs)
    expect(threaded.timeline).toEqual(inline.timeline)
    expect(threaded.shards).toBeUndefined()
    expect(threaded.shard).toBeUndefined()
    expect(threaded.load.concurrency).toBe(8)
  })

  it('divides a cache sized by the URL between the parts, and records the whole', async () => {
    const parts = await Promise.all([0, 1].map((index) => runWorkload(workload, {target: 'builtin://?maxItems=1001&capacity=1MiB', part: {index, count: 2}})))
    // The URL overrides the workload's 1000 items; the remainder goes to the first part.
    expect(parts.map((part) => [part.cache?.maxItems, part.cache?.capacityBytes])).toEqual([
      [501, 524_288],
      [500, 524_288],
    ])
    const merged = mergeResults(parts.map((result, index) => ({result, source: `part ${index}`})))
    expect(merged.cache).toEqual({model: 'ideal', eviction: 'lru', maxItems: 1001, capacityBytes: 1024 * 1024})
  })

  it("shares out a model's own memory limit too: memcached's 64 MiB, from the file or the URL", async () => {
    const MIB = 1024 * 1024
    const memcached = {...workload, cache: {...workload.cache, model: 'memcached' as const, maxItems: null, eviction: 'segmented-lru' as const}}
    const ideal = {...workload, cache: {...workload.cache, maxItems: null}}
    const runs = [
      (index: number) => runWorkload(memcached, {part: {index, count: 2}}),
      (index: number) => runWorkload(ideal, {target: 'builtin://?model=memcached', part: {index, count: 2}}),
    ]
    for (const run of runs) {
      const parts = await Promise.all([0, 1].map(run))
      expect(parts.map((result) => result.cache?.capacityBytes)).toEqual([32 * MIB, 32 * MIB])
      expect(mergeResults(parts.map((result, index) => ({result, source: `part ${index}`}))).cache).toMatchObject({model: 'memcached', capacityBytes: 64 * MIB})
    }
  })

  it('splits a shard once more: two shards of two workers merge into what four parts give', async () => {
    const [first, second] = await Promise.all([0, 1].map((index) => runInWorkers(workload, {part: {index, count: 2}}, 2)))
    expect(first.shard).toMatchObject({index: 1, count: 2})
    expect(second.shard).toMatchObject({index: 2, count: 2})
    const merged = mergeResults([
      {result: first, source: 'shard-1.json'},
      {result: second, source: 'shard-2.json'},
    ])
    // The four parts run in this thread: the first test shows a part gives the same in a worker
    // thread, and four more threads (each compiling the sources) would double this test's time.
    const four = mergeResults(
      await Promise.all([0, 1, 2, 3].map(async (index) => ({result: await runWorkload(workload, {part: {index, count: 4}}), source: `part ${index}`}))),
    )
    expect(counts(merged)).toEqual(counts(four))
    expect(merged.latencyMs.read?.p99).toBe(four.latencyMs.read?.p99)
    expect(merged.workers).toBe(4)
  })

  it('stops every worker gracefully when the run is aborted', async () => {
    const long = {...workload, load: {...workload.load, operations: 50_000_000}}
    const stop = new AbortController()
    // Stop once the workers are under way, however long their threads took to start.
    const onProgress = (snapshot: {operations: number}) => {
      if (snapshot.operations > 0) stop.abort()
    }
    const result = await runInWorkers(long, {signal: stop.signal, onProgress}, 2)
    expect(result.complete).toBe(false)
    expect(result.summary.operations).toBeGreaterThan(0)
    expect(result.summary.operations).toBeLessThan(50_000_000)
    expect(result.summary.hits + result.summary.misses).toBe(result.summary.reads)
  })

  it('reports a worker’s input error with its own message and exit code', async () => {
    await expect(runInWorkers(workload, {target: 'builtin://?maxItems=zero'}, 2)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/maxItems must be a whole number/),
    })
  })
})
