import {pathToFileURL} from 'node:url'
import {CacheEngine} from '../src/engine/index.js'
import {createRandom} from '../src/generators/random.js'
import {createScrambledZipfianKeys} from '../src/generators/scrambled-zipfian.js'
import {EVICTION_POLICY_NAMES, type EvictionPolicyName, type KeyspaceSpec} from '../src/workload/types.js'
import type {BenchRow} from './bench-row.js'

const KEYS = 1_000_000
const CAPACITY = KEYS / 10
const OPERATIONS = 2_000_000
const REPETITIONS = 5
const THETA = 0.99
const SEED = 42
const VALUE_SIZE = 1024
const LRU_TARGET_OPS_PER_SECOND = 3_000_000

interface Measurement {
  opsPerSecond: number
  hitRatio: number
}

/**
 * Scrambled zipfian, so hot keys are scattered over the key table as hashed keys would be,
 * rather than packed into its first cache lines. Drawn once so that only the cache is timed.
 */
function keyStream(): Int32Array {
  const spec: KeyspaceSpec = {
    count: KEYS,
    distribution: 'scrambled-zipfian',
    theta: THETA,
    hotspot: {hotFraction: 0.2, hotOpFraction: 0.8},
    exponential: {percentile: 95, fraction: 0.1},
  }
  const keys = createScrambledZipfianKeys(spec, createRandom(SEED, 1))
  const stream = new Int32Array(OPERATIONS)
  for (let i = 0; i < OPERATIONS; i++) stream[i] = keys.nextKey()
  return stream
}

/** The loop a lazy-loading read performs: get, and set on a miss. */
function runEngine(eviction: EvictionPolicyName, stream: Int32Array, operations: number): Measurement {
  const cache = new CacheEngine({maxItems: CAPACITY, capacityBytes: null, eviction, now: () => 0})
  const started = performance.now()
  for (let i = 0; i < operations; i++) {
    const key = stream[i]
    if (cache.lookup(key) < 0) cache.set(key, 1, 0, VALUE_SIZE, null)
  }
  const elapsedMs = performance.now() - started
  return {opsPerSecond: (operations / elapsedMs) * 1000, hitRatio: cache.counters.hits / operations}
}

/** The same loop on a plain Map that never evicts: the floor cost of a keyed lookup in V8. */
function runMapReference(stream: Int32Array, operations: number): Measurement {
  const map = new Map<number, number>()
  let hits = 0
  const started = performance.now()
  for (let i = 0; i < operations; i++) {
    const key = stream[i]
    if (map.get(key) === undefined) map.set(key, 1)
    else hits++
  }
  const elapsedMs = performance.now() - started
  return {opsPerSecond: (operations / elapsedMs) * 1000, hitRatio: hits / operations}
}

function medianRun(run: () => Measurement): Measurement {
  const runs = Array.from({length: REPETITIONS}, run).sort((a, b) => a.opsPerSecond - b.opsPerSecond)
  return runs[Math.floor(REPETITIONS / 2)]
}

export async function benchEngine(): Promise<BenchRow[]> {
  const stream = keyStream()
  // One short untimed pass each, so the first timed repetition is not the one that compiles.
  for (const eviction of EVICTION_POLICY_NAMES) runEngine(eviction, stream, OPERATIONS / 10)
  runMapReference(stream, OPERATIONS / 10)

  const setup = `scrambled zipfian ${THETA} over ${KEYS / 1e6}M keys, capacity ${CAPACITY / 1e3}k items, median of ${REPETITIONS} × ${OPERATIONS / 1e6}M ops`
  const reference = medianRun(() => runMapReference(stream, OPERATIONS))
  const rows: BenchRow[] = []
  for (const eviction of EVICTION_POLICY_NAMES) {
    const measured = medianRun(() => runEngine(eviction, stream, OPERATIONS))
    const target = eviction === 'lru' ? `, target ≥ ${LRU_TARGET_OPS_PER_SECOND / 1e6}M ops/s` : ''
    rows.push({
      name: `engine.${eviction}.get-set-on-miss`,
      value: Math.round(measured.opsPerSecond),
      unit: 'ops/s',
      note: `${setup}, hit ratio ${measured.hitRatio.toFixed(3)}${target}`,
    })
    rows.push({
      name: `engine.${eviction}.vs-map-reference`,
      value: Number((measured.opsPerSecond / reference.opsPerSecond).toFixed(3)),
      unit: 'ratio',
      note: 'engine ops/s ÷ plain Map get/set (no eviction) ops/s, same run',
    })
  }
  rows.push({
    name: 'engine.map-reference.get-set-on-miss',
    value: Math.round(reference.opsPerSecond),
    unit: 'ops/s',
    note: `plain Map, no eviction; ${setup}, hit ratio ${reference.hitRatio.toFixed(3)}`,
  })
  return rows
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchEngine()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
