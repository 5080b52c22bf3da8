import {pathToFileURL} from 'node:url'
import {CacheEngine} from '../src/engine/index.js'
import {createKeyDistribution} from '../src/generators/distributions.js'
import {createRandom, Stream} from '../src/generators/random.js'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import type {Workload} from '../src/workload/types.js'
import {median, type BenchRow} from './bench-row.js'

const OPERATIONS = 1_000_000
const REPETITIONS = 5
const TARGET_OPS_PER_SECOND = 500_000

/**
 * Zero-latency origin and cache: what is left is the cost of the runner, strategy and metrics.
 * Shared by the end-to-end and the workers benches.
 */
export function zeroLatencyWorkloadText(operations: number): string {
  return `version: 1
name: bench-zero-latency
seed: 42
keyspace: {count: 1000000, distribution: zipfian, theta: 0.99}
values: {size: 1KiB}
mix: {read: 95, write: 5}
strategy: lazy-loading
origin: {latency: 0, concurrency: 64}
cache: {maxItems: 100000, eviction: lru, latency: 0}
load: {concurrency: 32, operations: ${operations}}
`
}

function zeroLatencyWorkload(): Workload {
  return parseWorkload(zeroLatencyWorkloadText(OPERATIONS), 'bench-zero-latency.yaml')
}

/**
 * The reference: the same keys, the same engine calls and the same number of async
 * operations in flight, with no strategy, origin model, timing or metrics.
 */
async function bareAsyncLoop(workload: Workload): Promise<number> {
  const engine = new CacheEngine({maxItems: 100_000, capacityBytes: null, eviction: 'lru', now: () => 0})
  const keys = createKeyDistribution(workload.keyspace, createRandom(workload.seed, Stream.keys))
  let issued = 0
  const get = async (key: number) => engine.lookup(key)
  const set = async (key: number) => engine.set(key, 1, 0, 1024, null)
  const worker = async () => {
    while (issued++ < OPERATIONS) {
      const key = keys.nextKey()
      if ((await get(key)) < 0) await set(key)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({length: workload.load.concurrency}, worker))
  return (OPERATIONS / (performance.now() - started)) * 1000
}

export async function benchEndToEnd(): Promise<BenchRow[]> {
  const workload = zeroLatencyWorkload()
  await runWorkload({...workload, load: {...workload.load, operations: 100_000}})
  await bareAsyncLoop(workload)
  const runs: number[] = []
  const references: number[] = []
  for (let i = 0; i < REPETITIONS; i++) {
    const result = await runWorkload(workload)
    runs.push((OPERATIONS / result.wallMs) * 1000)
    references.push(await bareAsyncLoop(workload))
  }
  const setup = `zipfian 0.99 over 1M keys, 95/5 lazy-loading, LRU 100k items, concurrency 32, median of ${REPETITIONS} × ${OPERATIONS / 1e6}M ops`
  return [
    {
      name: 'run.builtin.zero-latency',
      value: Math.round(median(runs)),
      unit: 'ops/s',
      note: `runWorkload wall-clock throughput; ${setup}; target ≥ ${TARGET_OPS_PER_SECOND / 1000}k ops/s`,
    },
    {
      name: 'run.builtin.bare-async-reference',
      value: Math.round(median(references)),
      unit: 'ops/s',
      note: 'same keys and engine calls in a bare async loop: no strategy, origin, timing or metrics',
    },
    {
      name: 'run.builtin.vs-bare-reference',
      value: Number((median(runs) / median(references)).toFixed(3)),
      unit: 'ratio',
      note: 'the share of the bare loop’s speed that remains with the whole runner',
    },
  ]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchEndToEnd()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
