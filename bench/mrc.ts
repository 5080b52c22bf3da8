import {loadavg} from 'node:os'
import {pathToFileURL} from 'node:url'
import {CacheEngine} from '../src/engine/index.js'
import {KeyTapes} from '../src/generators/key-tape.js'
import {createRandom, Stream} from '../src/generators/random.js'
import {createZipfianKeys} from '../src/generators/zipfian.js'
import {LruDepthCounter, type SizeGrid} from '../src/mrc/exact-lru.js'
import {ShardsSampler, type ShardsMode} from '../src/mrc/shards.js'
import {geometric} from '../src/mrc/size-grid.js'
import {simulateSize} from '../src/mrc/simulate-size.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {zeroLatencyWorkloadText} from './end-to-end.js'
import type {KeyspaceSpec} from '../src/workload/types.js'
import {median, type BenchRow} from './bench-row.js'

const KEYS = 1_000_000
const REQUESTS = 10_000_000
const THETA = 0.99
const SEED = 42
const ITEM_BYTES = 1024
/** The five sizes simulated one by one as the reference: 1% to 50% of the keys. */
const REFERENCE_SIZES = [10_000, 50_000, 100_000, 250_000, 500_000]
/** Where SHARDS is compared with the exact curve: 20 sizes from 1% to all of the keys. */
const ERROR_SIZES = geometric(KEYS / 100, KEYS, 20)
const SHARDS_RATE = 0.01
const SHARDS_MAX_KEYS = 8_000

/**
 * The request stream, drawn once so that only the curve methods are timed: the reference, the
 * exact curve and SHARDS all read this one array, untimed for all alike. Drawing a zipfian key
 * costs more than SHARDS's whole per-request work, so with the draws inside the timings the
 * SHARDS ratio would measure the draw; `cache-bench mrc` itself still draws every request.
 */
function keyStream(): Int32Array {
  const spec: KeyspaceSpec = {count: KEYS, distribution: 'zipfian', theta: THETA, hotspot: {hotFraction: 0.2, hotOpFraction: 0.8}, exponential: {percentile: 95, fraction: 0.1}}
  const keys = createZipfianKeys(spec, createRandom(SEED, Stream.keys))
  const stream = new Int32Array(REQUESTS)
  for (let i = 0; i < REQUESTS; i++) stream[i] = keys.nextKey()
  return stream
}

/**
 * CPU time of the process (user + system), not wall time: on a shared machine the wall clock
 * counts the other tenants' work too, and every method here runs on this one thread.
 */
function timed<T>(run: () => T): {value: T; ms: number} {
  const started = process.cpuUsage()
  const value = run()
  const used = process.cpuUsage(started)
  return {value, ms: (used.user + used.system) / 1000}
}

/**
 * The median CPU time of `runs` runs of a method: SHARDS takes some tens of ms, where one
 * descheduling or a compile on the compiler's thread (counted in the process's CPU time) moves
 * a single timing by half; the median keeps what most runs took.
 */
function timedMedian<T>(runs: number, run: () => T): {value: T; ms: number} {
  const timings = Array.from({length: runs}, () => timed(run))
  return {value: timings[0].value, ms: median(timings.map((timing) => timing.ms))}
}

/** Runs of each SHARDS timing, of which the median counts. */
const SHARDS_RUNS = 5

/**
 * Rounds of one exact run and the SHARDS timings beside it. A shared machine's speed drifts
 * within seconds (a bare loop over the stream measured 8 ms in one process and 16–42 ms at
 * moments of another), and more for SHARDS's tight loop than for exact's memory-bound one, so a
 * ratio divides timings of the same round, and the median of the rounds' ratios counts.
 */
const ROUNDS = 3

/** Today's way to get one point: the built-in LRU engine at that size, get and set on a miss. */
function simulateOneSize(stream: Int32Array, maxItems: number): number {
  const cache = new CacheEngine({maxItems, capacityBytes: null, eviction: 'lru', now: () => 0})
  for (let i = 0; i < stream.length; i++) {
    const key = stream[i]
    if (cache.lookup(key) < 0) cache.set(key, 1, 0, ITEM_BYTES, null)
  }
  return cache.counters.hits / stream.length
}

const itemBytes = (): number => ITEM_BYTES

function exactCurve(stream: Int32Array, grid: SizeGrid): number[] {
  const counter = new LruDepthCounter(grid, KEYS)
  counter.visitLookups(stream, itemBytes)
  return counter.counts().hitsByItems.map((hits) => hits / stream.length)
}

/**
 * SHARDS over the bench's key range: its timing includes building the sampler (its tables sized
 * for rate × keys, its scan's WebAssembly instance) and reading every request of the stream;
 * unsampled requests cost their share of a chunk copied into the scan's memory and of a vector
 * hash and compare, sampled ones an id and the stack work.
 */
const shardsOf = (mode: ShardsMode, grid: SizeGrid): ShardsSampler => new ShardsSampler(mode, grid, KEYS)

function shardsCurve(stream: Int32Array, sampler: ShardsSampler): {ratios: number[]; sampledKeys: number} {
  sampler.visitLookups(stream, itemBytes)
  const counts = sampler.counts()
  return {ratios: counts.hitsByItems.map((hits) => hits / counts.reads), sampledKeys: counts.sampledKeys}
}

/** A sampling rate at which almost no key is sampled: times SHARDS's per-request test alone. */
const NEARLY_NOTHING = 1e-9

/** "goal ≥ 5: met" — `value` against `target`, larger is better (negate both for a ceiling). */
function goal(value: number, target: number, label = `≥ ${target}`): string {
  return `goal ${label}: ${value >= target ? 'met' : 'missed'}`
}

/** Requests each method first runs untimed, so that no timing counts the compiler's work (its threads count in the process's CPU time). */
const WARM_UP_REQUESTS = 1_000_000

function warmUp(prefix: Int32Array, grid: SizeGrid): void {
  simulateOneSize(prefix, REFERENCE_SIZES[0])
  exactCurve(prefix, grid)
  shardsCurve(prefix, shardsOf({kind: 'fixed-rate', rate: SHARDS_RATE}, grid))
  shardsCurve(prefix, shardsOf({kind: 'fixed-size', rate: 1, maxKeys: SHARDS_MAX_KEYS}, grid))
}

function meanAbsoluteError(estimate: number[], truth: number[]): number {
  return estimate.reduce((sum, value, index) => sum + Math.abs(value - truth[index]), 0) / estimate.length
}

/** Requests of the end-to-end simulation timed; its time is scaled to the stream's length. */
const END_TO_END_REQUESTS = 1_000_000

/** One point the way `cache-bench mrc` simulates it (a run of the built-in engine), CPU ms per request. */
async function endToEndPerRequest(): Promise<number> {
  const workload = parseWorkload(zeroLatencyWorkloadText(END_TO_END_REQUESTS), 'bench-zero-latency.yaml')
  const started = process.cpuUsage()
  await simulateSize(workload, 'items', REFERENCE_SIZES[2], new KeyTapes())
  const used = process.cpuUsage(started)
  return (used.user + used.system) / 1000 / END_TO_END_REQUESTS
}

export async function benchMrc(): Promise<BenchRow[]> {
  const loadBefore = loadavg()[0]
  const endToEndMs = (await endToEndPerRequest()) * REQUESTS * REFERENCE_SIZES.length
  const stream = keyStream()
  const setup = `zipfian ${THETA} over ${KEYS / 1e6}M keys, ${REQUESTS / 1e6}M requests`
  const grid: SizeGrid = {items: [...new Set([...REFERENCE_SIZES, ...ERROR_SIZES])].sort((a, b) => a - b), bytes: []}
  warmUp(stream.subarray(0, WARM_UP_REQUESTS), grid)
  const reference = timed(() => REFERENCE_SIZES.map((size) => simulateOneSize(stream, size)))
  const exact = timed(() => exactCurve(stream, grid))
  const rounds = Array.from({length: ROUNDS}, (_, round) => ({
    exactMs: round === 0 ? exact.ms : timed(() => exactCurve(stream, grid)).ms,
    fixedRate: timedMedian(SHARDS_RUNS, () => shardsCurve(stream, shardsOf({kind: 'fixed-rate', rate: SHARDS_RATE}, grid))),
    samplingMs: timedMedian(SHARDS_RUNS, () => shardsCurve(stream, shardsOf({kind: 'fixed-rate', rate: NEARLY_NOTHING}, grid))).ms,
  }))
  const exactMs = median(rounds.map((r) => r.exactMs))
  const fixedRate = {value: rounds[0].fixedRate.value, ms: median(rounds.map((r) => r.fixedRate.ms))}
  const shardsRatios = rounds.map((r) => r.exactMs / r.fixedRate.ms)
  const shardsRatio = median(shardsRatios)
  const samplingMs = median(rounds.map((r) => r.samplingMs))
  const samplingRatio = median(rounds.map((r) => r.exactMs / r.samplingMs))
  const fixedSize = timed(() => shardsCurve(stream, shardsOf({kind: 'fixed-size', rate: 1, maxKeys: SHARDS_MAX_KEYS}, grid)))
  const at = (sizes: number[], curve: number[]) => sizes.map((size) => curve[grid.items.indexOf(size)])
  const referenceGap = Math.max(...reference.value.map((ratio, index) => Math.abs(ratio - at(REFERENCE_SIZES, exact.value)[index])))
  const mae = meanAbsoluteError(at(ERROR_SIZES, fixedRate.value.ratios), at(ERROR_SIZES, exact.value))
  // On a shared machine the ratios are what holds; the load says how shared it was.
  const load = `load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`
  return [
    {name: 'mrc.machine.load-average', value: Number(loadavg()[0].toFixed(1)), unit: '', note: load},
    {name: 'mrc.reference.5-sizes-one-by-one', value: Math.round(reference.ms), unit: 'ms', note: `CPU time; built-in LRU engine at ${REFERENCE_SIZES.join(', ')} items; ${setup}`},
    {name: 'mrc.exact-lru.all-sizes-one-pass', value: Math.round(exactMs), unit: 'ms', note: `${grid.items.length} sizes, median of ${ROUNDS} runs; largest gap to the reference's hit ratios ${referenceGap.toExponential(1)}`},
    {name: 'mrc.exact-lru.speed-up', value: Number((reference.ms / exactMs).toFixed(1)), unit: 'x', note: `reference ms ÷ exact ms, same run, same stream: ${goal(reference.ms / exactMs, 5)} (${load})`},
    {name: 'mrc.reference.5-sizes-end-to-end', value: Math.round(endToEndMs), unit: 'ms', note: `CPU time of simulating each size as runs do (cache-bench run, ${END_TO_END_REQUESTS / 1e6}M requests timed, scaled to ${REQUESTS / 1e6}M)`},
    {name: 'mrc.exact-lru.speed-up-vs-end-to-end', value: Number((endToEndMs / exactMs).toFixed(1)), unit: 'x', note: 'end-to-end reference ms ÷ exact ms, same run'},
    {name: 'mrc.shards-1%.one-pass', value: Math.round(fixedRate.ms), unit: 'ms', note: `fixed rate ${SHARDS_RATE}, ${fixedRate.value.sampledKeys} keys sampled; median of ${SHARDS_RUNS} runs in each of ${ROUNDS} rounds, each run building its sampler`},
    {name: 'mrc.shards-1%.speed-up-vs-exact', value: Number(shardsRatio.toFixed(1)), unit: 'x', note: `exact ms ÷ SHARDS ms in the same round, same stream, median of rounds ${shardsRatios.map((ratio) => ratio.toFixed(0)).join(', ')}: ${goal(shardsRatio, 50)} (${load})`},
    {name: 'mrc.shards.sampling-test-alone', value: Math.round(samplingMs), unit: 'ms', note: `the same pass sampling nearly nothing: each request's key copied into the scan's memory and hashed, four to a vector — SHARDS's floor on a drawn stream; exact ÷ this = ${samplingRatio.toFixed(0)} (same rounds), the most the ratio above can reach`},
    {name: 'mrc.shards-1%.mean-abs-error', value: Number(mae.toFixed(4)), unit: '', note: `hit ratio at ${ERROR_SIZES.length} sizes from 1% to 100% of the keys: ${goal(-mae, -0.005, '≤ 0.005')}`},
    {name: 'mrc.shards-fixed-size.mean-abs-error', value: Number(meanAbsoluteError(at(ERROR_SIZES, fixedSize.value.ratios), at(ERROR_SIZES, exact.value)).toFixed(4)), unit: '', note: `at most ${SHARDS_MAX_KEYS} keys tracked (${fixedSize.value.sampledKeys} at the end), ${Math.round(fixedSize.ms)} ms`},
  ]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchMrc()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
