import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createOperationMix} from '../../src/generators/operation-mix.js'
import {createLatencyModel} from '../../src/generators/latency-model.js'
import {createRandom, ownStream, Stream} from '../../src/generators/random.js'
import {RunMetrics} from '../../src/metrics/run-metrics.js'
import {partSources, shareOf, type RunPart} from '../../src/runner/partition.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {createStructureOperations} from '../../src/runner/structure-operations.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import {BuiltinStructures} from '../../src/targets/builtin-structures.js'
import {STRUCTURE_OPERATION_KINDS, type MixKind, type StructureOperationKind, type Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

interface Drawn {
  sequence: number
  kind: MixKind
  key: number
}

const WRITING_KINDS = new Set<MixKind>(['write', 'delete', 'hset', 'zincrby', 'lpush', 'expire'])

const mixedWorkload = (): Workload =>
  testWorkload({
    keyspace: {count: 500, distribution: 'latest'},
    mix: {read: 50, write: 20, delete: 5, zincrby: 5, zrevrange: 2, hset: 8, hgetall: 5, lpush: 3, lrange: 2},
    structures: {sortedSets: {keys: 7, members: 100, top: 5, increment: 1}, hashes: {fields: 4, ttlMs: 1000}, lists: {keys: 5, maxLength: 10, range: 5}},
  })

/** Fresh generators, seeded as a run seeds them. */
function generators(workload: Workload) {
  const metrics = new RunMetrics(0)
  return {
    mix: createOperationMix(workload.mix, createRandom(workload.seed, Stream.mix)),
    keys: createKeyDistribution(workload.keyspace, createRandom(workload.seed, Stream.keys)),
    structures: createStructureOperations(workload, new BuiltinStructures(() => 0), new VirtualClock(), metrics),
    metrics,
  }
}

/** The whole run's stream, drawn straight from the generators. */
function wholeStream(workload: Workload, length: number): Drawn[] {
  const {mix, keys, structures, metrics} = generators(workload)
  const stream: Drawn[] = []
  for (let sequence = 0; sequence < length; sequence++) {
    const kind = mix.next()
    const key =
      kind === 'read' || kind === 'delete'
        ? keys.nextKey()
        : kind === 'write'
          ? keys.nextWriteKey()
          : structures.prepare(kind as StructureOperationKind).key
    stream.push({sequence, kind, key})
  }
  metrics.destroy()
  return stream
}

/** What one part executes: the operations it claims, as its runner would draw them. */
function partStream(workload: Workload, part: RunPart, length: number): Drawn[] {
  const {mix, keys, structures, metrics} = generators(workload)
  const sources = partSources(part, mix, keys, structures)
  const stream: Drawn[] = []
  for (let sequence = 0; sequence < length; sequence++) {
    if (!sources.claim?.()) continue
    const kind = sources.mix.next()
    const key = kind === 'write' ? sources.keys.nextWriteKey() : sources.keys.nextKey()
    stream.push({sequence, kind, key})
  }
  metrics.destroy()
  return stream
}

describe('partitioning the operation stream by key', () => {
  it('the parts are disjoint and together are exactly the whole stream, structure operations included', () => {
    const workload = mixedWorkload()
    const whole = wholeStream(workload, 20_000)
    const parts = [0, 1, 2].map((index) => partStream(workload, {index, count: 3}, 20_000))
    const union = parts.flat().sort((a, b) => a.sequence - b.sequence)
    expect(union).toEqual(whole)
    // Every kind the mix can draw occurred, so each path of the draw was exercised.
    expect(new Set(whole.map((drawn) => drawn.kind)).size).toBe(9)
    for (const [index, part] of parts.entries()) {
      expect(part.length).toBeGreaterThan(3000)
      for (const drawn of part) expect(drawn.key % 3).toBe(index)
    }
  })

  it('gives every key one writer: no key is written by two parts', () => {
    const workload = mixedWorkload()
    const writers = new Map<string, Set<number>>()
    for (const index of [0, 1, 2, 3]) {
      for (const drawn of partStream(workload, {index, count: 4}, 10_000)) {
        if (!WRITING_KINDS.has(drawn.kind)) continue
        // Structures and key-value entries are different things, even with the same number.
        const name = `${STRUCTURE_OPERATION_KINDS.includes(drawn.kind as StructureOperationKind) ? 'structure' : 'entry'}:${drawn.key}`
        const set = writers.get(name) ?? new Set()
        set.add(index)
        writers.set(name, set)
      }
    }
    expect(writers.size).toBeGreaterThan(100)
    for (const set of writers.values()) expect(set.size).toBe(1)
  })

  it('spreads a total over the parts with the remainder on the first ones', () => {
    const shares = [0, 1, 2, 3].map((index) => shareOf(10, {index, count: 4}))
    expect(shares).toEqual([3, 3, 2, 2])
    for (const total of [0, 1, 7, 64, 1001]) {
      const spread = [0, 1, 2, 3, 4, 5, 6].map((index) => shareOf(total, {index, count: 7}))
      expect(spread.reduce((a, b) => a + b, 0)).toBe(total)
      expect(Math.max(...spread) - Math.min(...spread)).toBeLessThanOrEqual(1)
    }
  })
})

describe('runs of parts', () => {
  it('execute, between them, exactly the operations of the whole run, by kind, warm-up by the whole run’s sequence', async () => {
    const workload = {...mixedWorkload(), load: {...mixedWorkload().load, concurrency: 6, operations: 12_000, warmup: {operations: 2_000}}}
    const whole = await runWorkload(workload)
    const parts = await Promise.all([0, 1, 2].map((index) => runWorkload(workload, {part: {index, count: 3}})))
    const sum = (read: (result: typeof whole) => number) => parts.reduce((total, part) => total + read(part), 0)
    expect(whole.summary.operations).toBe(10_000)
    expect(sum((result) => result.summary.operations)).toBe(10_000)
    expect(sum((result) => result.load.warmupOperations)).toBe(2_000)
    expect(sum((result) => result.summary.reads)).toBe(whole.summary.reads)
    expect(sum((result) => result.summary.writes)).toBe(whole.summary.writes)
    expect(sum((result) => result.summary.deletes)).toBe(whole.summary.deletes)
    for (const kind of STRUCTURE_OPERATION_KINDS) expect(sum((result) => result.summary.structures[kind])).toBe(whole.summary.structures[kind])
    // Each part ran its share of the concurrency and says which part it is.
    expect(parts.map((part) => part.load.concurrency)).toEqual([2, 2, 2])
    expect(parts.map((part) => part.shard?.index)).toEqual([1, 2, 3])
    expect(new Set(parts.map((part) => part.shard?.workloadDigest)).size).toBe(1)
  })

  it('in an open loop follow the whole run’s arrivals, so their starts add up to the whole run’s', async () => {
    const workload = testWorkload({load: {rate: 2000, operations: 4000, warmup: {operations: 500}, maxInFlight: 100}})
    const whole = await runWorkload(workload)
    const parts = await Promise.all([0, 1].map((index) => runWorkload(workload, {part: {index, count: 2}})))
    expect(parts[0].summary.operations + parts[1].summary.operations).toBe(3500)
    expect(whole.summary.operations).toBe(3500)
    // Each part's span runs from its own first measured start to its last completion, on the
    // whole run's schedule: the longest is the whole run's, give or take one 0.5 ms arrival gap.
    const longest = Math.max(...parts.map((part) => part.durationMs))
    expect(longest).toBeLessThanOrEqual(whole.durationMs)
    expect(longest).toBeGreaterThanOrEqual(whole.durationMs - 0.5)
    expect(parts.map((part) => part.load.dropped)).toEqual([0, 0])
  })

  it('draw latencies of their own: a part does not repeat another part’s draws, and part 1 of 1 draws the whole run’s', async () => {
    // Writes only, one at a time, no cache latency: an operation's latency is its origin write's
    // draw, the k-th write the k-th draw of its part's write-latency stream.
    const writeLatency = {distribution: 'lognormal', medianMs: 4, p99Ms: 30} as const
    const workload = testWorkload({mix: {read: 0, write: 1}, origin: {writeLatency}, load: {operations: 4000}})
    const parts = await Promise.all([0, 1].map((index) => runWorkload(workload, {part: {index, count: 2}})))
    const drawsOf = (worker: number, count: number): number[] => {
      const model = createLatencyModel(writeLatency, createRandom(workload.seed, Stream.originLatency, worker))
      return Array.from({length: count}, () => model.sample())
    }
    const expected = parts.map((part, index) => drawsOf(ownStream({index}, 1), part.summary.writes))
    for (const [index, part] of parts.entries()) {
      const write = part.latencyMs.write!
      expect(write.max).toBeCloseTo(Math.max(...expected[index]), 9)
      expect(write.min).toBeCloseTo(Math.min(...expected[index]), 9)
      expect(write.mean).toBeCloseTo(expected[index].reduce((sum, ms) => sum + ms, 0) / expected[index].length, 6)
    }
    // Before, both parts drew the one stream: the same slowest and fastest writes, counted twice when merged.
    expect(parts[0].latencyMs.write!.max).not.toBe(parts[1].latencyMs.write!.max)
    const whole = await runWorkload(workload)
    expect(whole.latencyMs.write!.max).toBeCloseTo(Math.max(...drawsOf(1, whole.summary.writes)), 9)
  })

  it('refuses more parts than keys', async () => {
    await expect(runWorkload(testWorkload({keyspace: {count: 3}}), {part: {index: 0, count: 4}})).rejects.toThrow(/keyspace.count \(3\) is smaller than the 4 parts/)
  })
})
