import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {mergeResults} from '../../src/merge/merge-results.js'
import type {Result} from '../../src/metrics/result.js'
import {getRenderer} from '../../src/report/renderers.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

/** Lazy loading without invalidation, so writes leave stale entries behind; no capacity, no TTL. */
const unbounded = (concurrency: number): Workload =>
  testWorkload({
    keyspace: {count: 2000, distribution: 'zipfian', theta: 0.9},
    mix: {read: 80, write: 15, delete: 5},
    origin: {latency: {distribution: 'lognormal', medianMs: 2, p99Ms: 20}},
    load: {concurrency, operations: 30_000, warmup: {operations: 3_000}},
    thresholds: ['hitRatio >= 0.5', 'read.p99 < 1ms'],
  })

async function shards(workload: Workload, count: number): Promise<Result[]> {
  return Promise.all(Array.from({length: count}, (_, index) => runWorkload(workload, {part: {index, count}})))
}

const named = (results: Result[]) => results.map((result, index) => ({result, source: `shard-${index + 1}.json`}))

describe('merging shards', () => {
  it('gives exactly the single run’s counts when each key’s operations meet the same cache state', async () => {
    // One operation at a time in the single run and in each shard, no capacity and no TTL: a
    // key's operations run in the same order without overlapping in both, and nothing else
    // (eviction by other keys, time) touches its entry, so every count is the same.
    const single = await runWorkload(unbounded(1))
    const merged = mergeResults(named(await shards(unbounded(1), 2)))
    const counts = (result: Result) => {
      const {operations, reads, writes, deletes, hits, misses, staleReads, origin, cache} = result.summary
      return {operations, reads, writes, deletes, hits, misses, staleReads, originReads: origin.reads, originWrites: origin.writes, sets: cache.sets, items: cache.items}
    }
    expect(single.summary.staleReads).toBeGreaterThan(100)
    expect(counts(merged)).toEqual(counts(single))
    expect(merged.summary.hitRatio).toBe(single.summary.hitRatio)
    expect(merged.shards).toEqual({count: 2, merged: [1, 2]})
    // Each shard ran one operation at a time (the single run's 1 cannot be halved), and said so.
    expect(merged.load.concurrency).toBe(2)
    expect(merged.warnings.some((warning) => warning.includes('each part runs one operation at a time'))).toBe(true)
  })

  it('stays within 0.01 of the single run’s hit ratio with a split LRU, TTLs and concurrency', async () => {
    // Each shard's LRU holds capacity/n of its 1/n of the keys; with many keys per shard the hit
    // ratio of a hash-partitioned LRU is that of one LRU (Che's approximation applies to each),
    // and interleavings differ only in which of two overlapping operations on a key goes first.
    const workload = testWorkload({
      keyspace: {count: 20_000, distribution: 'zipfian', theta: 0.99},
      mix: {read: 95, write: 5, delete: 0},
      strategy: {ttlMs: 2000},
      cache: {maxItems: 2000},
      load: {concurrency: 16, operations: 200_000, warmup: {operations: 40_000}},
    })
    const single = await runWorkload(workload)
    const merged = mergeResults(named(await shards(workload, 4)))
    expect(merged.summary.reads).toBe(single.summary.reads)
    expect(Math.abs(merged.summary.hitRatio - single.summary.hitRatio)).toBeLessThan(0.01)
    expect(merged.summary.cache.items).toBeLessThanOrEqual(2000)
    expect(merged.load.concurrency).toBe(16)
  })

  it('records the whole cache the parts shared: each part sized with its share, the merge with their sum', async () => {
    const workload = testWorkload({
      keyspace: {count: 5000, distribution: 'uniform'},
      cache: {maxItems: 1001},
      load: {concurrency: 4, operations: 2000, warmup: {operations: 0}},
    })
    const parts = await shards(workload, 4)
    // 1001 items over 4 parts: the remainder goes to the first part.
    expect(parts.map((part) => part.cache?.maxItems)).toEqual([251, 250, 250, 250])
    const merged = mergeResults(named(parts))
    expect(merged.cache).toEqual({model: 'ideal', eviction: 'lru', maxItems: 1001, capacityBytes: null})
    expect(merged.cache).toEqual((await runWorkload(workload)).cache)
  })

  it('merges latencies from the histograms: count, mean, min and max exact, percentiles between the parts’', async () => {
    const parts = await shards(unbounded(4), 2)
    const merged = mergeResults(named(parts))
    const [a, b] = parts.map((part) => part.latencyMs.read!)
    const read = merged.latencyMs.read!
    expect(read.count).toBe(a.count + b.count)
    expect(read.mean).toBeCloseTo((a.mean * a.count + b.mean * b.count) / (a.count + b.count), 9)
    expect(read.max).toBe(Math.max(a.max, b.max))
    expect(read.min).toBe(Math.min(a.min, b.min))
    for (const stat of ['p50', 'p90', 'p99', 'p999'] as const) {
      expect(read[stat]).toBeGreaterThanOrEqual(Math.min(a[stat], b[stat]))
      expect(read[stat]).toBeLessThanOrEqual(Math.max(a[stat], b[stat]))
    }
    // The throughput is every operation over the longest part's span.
    expect(merged.durationMs).toBe(Math.max(...parts.map((part) => part.durationMs)))
    expect(merged.summary.throughput).toBeCloseTo((merged.summary.operations * 1000) / merged.durationMs, 6)
  })

  it('merges the timeline interval by interval from the parts’ counts', async () => {
    const parts = await shards(unbounded(4), 2)
    const merged = mergeResults(named(parts))
    expect(merged.timeline.length).toBe(Math.max(...parts.map((part) => part.timeline.length)))
    expect(merged.timeline.reduce((sum, point) => sum + point.operations, 0)).toBe(merged.summary.operations)
    for (const [index, point] of merged.timeline.entries()) {
      const counts = parts.map((part) => part.histograms!.timeline[index]).filter(Boolean)
      const reads = counts.reduce((sum, c) => sum + c.reads, 0)
      const hits = counts.reduce((sum, c) => sum + c.hits, 0)
      expect(point.hitRatio).toBe(reads === 0 ? null : hits / reads)
      expect(point.operations).toBe(parts.reduce((sum, part) => sum + (part.timeline[index]?.operations ?? 0), 0))
    }
  })

  it('merges parts whose timelines were widened a different number of times, at the widest interval', async () => {
    // A part widens its timeline (doubles the interval) once its own span needs more intervals
    // than the limit; parts of one run end at slightly different times, so one may widen and
    // another not. The limit is set between the two parts' interval counts to make that happen.
    const workload = unbounded(4)
    const run = (maxTimelineIntervals: number) =>
      Promise.all([0, 1].map((index) => runWorkload(workload, {part: {index, count: 2}, intervalMs: 1, maxTimelineIntervals})))
    const fine = await run(1_000_000)
    const lengths = fine.map((part) => part.timeline.length)
    expect(lengths[0]).not.toBe(lengths[1])
    const parts = await run(Math.min(...lengths))
    const intervals = parts.map((part) => part.timelineIntervalMs)
    expect(Math.max(...intervals)).toBe(2 * Math.min(...intervals))
    const merged = mergeResults(named(parts))
    expect(merged.timelineIntervalMs).toBe(2)
    // The unwidened parts merged at 1ms, then adjacent pairs summed: the counts of each 2ms interval.
    const reference = mergeResults(named(fine))
    const pairs = (read: (point: Result['timeline'][number]) => number) =>
      Array.from({length: Math.ceil(reference.timeline.length / 2)}, (_, index) => reference.timeline.slice(2 * index, 2 * index + 2).reduce((sum, point) => sum + read(point), 0))
    expect(merged.timeline.map((point) => point.operations)).toEqual(pairs((point) => point.operations))
    expect(merged.timeline.map((point) => point.reads)).toEqual(pairs((point) => point.reads ?? 0))
    expect(merged.timeline.reduce((sum, point) => sum + point.operations, 0)).toBe(parts[0].summary.operations + parts[1].summary.operations)
    expect(merged.summary.hits).toBe(reference.summary.hits)
  })

  it('counts every part’s open-loop intervals from the whole schedule’s first measured arrival', async () => {
    // 20 arrivals a second on a fixed schedule, 1s intervals: each interval of the whole run
    // holds 20 intended starts, whichever parts' keys they are. Each part used to count its
    // intervals from its own first measured arrival, up to a few arrivals later than another's,
    // so the merged intervals held 14 to 26 starts.
    const workload = testWorkload({
      keyspace: {count: 1000, distribution: 'uniform'},
      load: {rate: 20, operations: 300, warmup: {operations: 20}},
    })
    const single = await runWorkload(workload)
    const merged = mergeResults(named(await shards(workload, 4)))
    const perSecond = Array.from({length: 14}, () => 20)
    expect(single.timeline.map((point) => point.operations)).toEqual(perSecond)
    expect(merged.timeline.map((point) => point.operations)).toEqual(perSecond)
    expect(merged.durationMs).toBe(single.durationMs)
  })

  it('names the key prefix of every part when the parts wrote under prefixes of their own, beside the sum of the keys they deleted', async () => {
    const parts = await shards(unbounded(1), 2)
    const onServers = parts.map((part, index) => ({...part, target: {...part.target, keyPrefix: `cb:part${index}:`, keysDeleted: 100 + index}}))
    const merged = mergeResults(named(onServers))
    expect(merged.target).toMatchObject({keyPrefix: 'cb:part0:', keyPrefixes: ['cb:part0:', 'cb:part1:'], keysDeleted: 201})
    expect(getRenderer('terminal', 'result').render(merged, {colour: false, width: 120})).toMatch(/keys +under cb:part0:, cb:part1:, 201 deleted at the end/)
    // The threads of --workers share one prefix: nothing to add.
    const shared = mergeResults(named(onServers.map((part) => ({...part, target: {...part.target, keyPrefix: 'cb:one:'}}))))
    expect(shared.target.keyPrefixes).toBeUndefined()
  })

  it('evaluates the thresholds again on the merged figures', async () => {
    const merged = mergeResults(named(await shards(unbounded(2), 2)))
    expect(merged.thresholds.map((threshold) => threshold.expression)).toEqual(['hitRatio >= 0.5', 'read.p99 < 1ms'])
    expect(merged.thresholds[0].actual).toBe(merged.summary.hitRatio)
    expect(merged.thresholds[1].actual).toBe(merged.latencyMs.read?.p99)
    expect(merged.thresholds[1].pass).toBe((merged.latencyMs.read?.p99 as number) < 1)
  })

  it('is a result of the same shape as a single run’s, and renders as one', async () => {
    const single = await runWorkload(unbounded(2))
    const merged = mergeResults(named(await shards(unbounded(2), 2)))
    const shape = (value: unknown, skip: readonly string[] = []): unknown => {
      if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : []
      if (typeof value !== 'object' || value === null) return typeof value
      return Object.fromEntries(
        Object.keys(value)
          .filter((key) => !skip.includes(key))
          .sort()
          .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
      )
    }
    // A single run keeps no per-interval histograms; the merged whole drops none of the fields.
    const skip = ['shards', 'histograms']
    expect(shape(merged, skip)).toEqual(shape(single, skip))
    expect(Object.keys(merged.histograms!).sort()).toEqual(Object.keys(single.histograms!).sort())
    expect(getRenderer('terminal').render(merged, {colour: false, width: 80})).toContain('hit ratio')
  })

  it('lists its fields in the single run’s order, so the two documents diff cleanly', async () => {
    const workload = testWorkload({...unbounded(2), events: [{atMs: 5, action: 'flush'}]} as Partial<Workload>)
    const single = await runWorkload(workload)
    const parts = await shards(workload, 2)
    const merged = mergeResults(named(parts))
    // Both sides carry events, so the positions of the fields set late are compared too.
    expect(single.events).toHaveLength(1)
    const order = (result: Result) => Object.keys(result).filter((key) => key !== 'shards')
    expect(order(merged)).toEqual(order(single))
    // A part sets `shard` where the merged whole sets `shards`: the same place among the fields.
    expect(Object.keys(parts[0]).indexOf('shard')).toBe(Object.keys(merged).indexOf('shards'))
  })
})

describe('refusing what cannot be merged', () => {
  const expectRefusal = (run: () => unknown, message: RegExp) => {
    expect(run).toThrow(InputError)
    expect(run).toThrow(message)
  }

  it('refuses shards of different seeds or settings, twins, other shard counts and whole results', async () => {
    const [one, two] = await shards(unbounded(2), 2)
    const [otherSeed] = await shards({...unbounded(2), seed: 99}, 2)
    const [, otherOperations] = await shards({...unbounded(2), load: {...unbounded(2).load, operations: 20_000}}, 2)
    const [, , ofThree] = await shards(unbounded(3), 3)
    const whole = await runWorkload(unbounded(2))
    expectRefusal(() => mergeResults([{result: one, source: 'a.json'}, {result: {...two, seed: 99}, source: 'b.json'}]), /b\.json and a\.json are not shards of one run: the seeds differ/)
    expectRefusal(() => mergeResults([{result: otherSeed, source: 'a.json'}, {result: two, source: 'b.json'}]), /the seeds differ/)
    expectRefusal(() => mergeResults([{result: one, source: 'a.json'}, {result: otherOperations, source: 'b.json'}]), /the workload settings differ/)
    expectRefusal(() => mergeResults([{result: one, source: 'a.json'}, {result: one, source: 'c.json'}]), /a\.json and c\.json are both shard 1\/2/)
    expectRefusal(() => mergeResults([{result: one, source: 'a.json'}, {result: ofThree, source: 'd.json'}]), /shard counts differ/)
    expectRefusal(() => mergeResults([{result: one, source: 'a.json'}, {result: whole, source: 'whole.json'}]), /whole\.json is not the result of one shard/)
  })

  it('refuses shards run on built-in caches of other sizes: the merged result would name one cache and hold figures of two', async () => {
    const one = await runWorkload(unbounded(2), {part: {index: 0, count: 2}})
    const smaller = await runWorkload(unbounded(2), {part: {index: 1, count: 2}, target: 'builtin://?maxItems=10'})
    expectRefusal(
      () => mergeResults([{result: one, source: 'a.json'}, {result: smaller, source: 'b.json'}]),
      /^b\.json and a\.json are not shards of one run: the built-in caches \(target URLs\) differ \(builtin:\/\/\?maxItems=10 vs builtin:\/\/\)\.$/,
    )
  })

  it('refuses missing shards unless asked for a partial merge, which then says what is missing', async () => {
    const parts = await shards(unbounded(3), 3)
    expectRefusal(() => mergeResults([{result: parts[0], source: 'a.json'}, {result: parts[2], source: 'c.json'}]), /shard 2 of 3 is missing.*--partial/)
    const partial = mergeResults([{result: parts[0], source: 'a.json'}, {result: parts[2], source: 'c.json'}], {partial: true})
    expect(partial.shards).toEqual({count: 3, merged: [1, 3]})
    expect(partial.summary.operations).toBe(parts[0].summary.operations + parts[2].summary.operations)
    expect(partial.warnings[0]).toMatch(/only 2 of 3 shards were merged \(missing: 2\)/)
  })
})
