import {execFile} from 'node:child_process'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import type {Result} from '../src/metrics/result.js'
import {runWorkload} from '../src/runner/run-workload.js'
import {runInWorkers} from '../src/runner/workers/run-in-workers.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {startRedis} from '../test/servers/redis-servers.js'
import type {BenchRow} from './bench-row.js'

const run = promisify(execFile)

const KEYS = 10_000
const KEY_PREFIX = 'bench:'
const RUN_MS = 2500
const WARMUP_MS = 500
const EVENT_LOOP_P99_LIMIT_MS = 5
const SEARCH_STEPS = 6

function workload(rate: number | null) {
  const load = rate === null ? `{concurrency: 50, operations: ${KEYS}}` : `{rate: ${Math.round(rate)}, duration: ${RUN_MS}ms, warmup: ${WARMUP_MS}ms, maxInFlight: 5000}`
  return parseWorkload(
    `version: 1
name: bench-open-loop
seed: 42
keyspace: {count: ${KEYS}, distribution: ${rate === null ? 'sequential' : 'uniform'}}
values: {size: 100B}
mix: {${rate === null ? 'write' : 'read'}: 100}
strategy: cache-only
load: ${load}
`,
    'bench-open-loop.yaml',
  )
}

/**
 * Sustained: the rate achieved with no start dropped, the event loop responsive (p99 delay under
 * 5 ms), and at most 5% of starts more than 1 ms late.
 */
function sustained(result: Result, rate: number): boolean {
  const delay = result.client?.eventLoopDelayMs.p99 ?? Infinity
  return (
    result.summary.errors === 0 &&
    result.load.dropped === 0 &&
    result.load.lateStarts <= result.summary.operations * 0.05 &&
    result.summary.throughput >= rate * 0.97 &&
    delay < EVENT_LOOP_P99_LIMIT_MS
  )
}

/** Bisection between a rate that holds and one that does not (on a log scale). */
async function highestSustainedRate(url: string, workers: number): Promise<{rate: number; delayP99: number}> {
  let low = 2000
  let high = 200_000
  let best = {rate: 0, delayP99: 0}
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const rate = Math.sqrt(low * high)
    const options = {target: url, targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true}}
    // One worker is a worker thread too: the same fresh isolate, thread start-up and cold code
    // as each of two, where a run on the main thread would reuse code compiled by earlier steps.
    const result = await runInWorkers(workload(rate), options, workers)
    if (sustained(result, rate)) {
      low = rate
      best = {rate, delayP99: result.client?.eventLoopDelayMs.p99 ?? 0}
    } else {
      high = rate
    }
  }
  return best
}

async function redisBenchmarkGets(port: number): Promise<number> {
  const {stdout} = await run('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '-t', 'get', '-c', '50', '-n', '300000', '-r', String(KEYS), '-d', '100', '-q'], {timeout: 60_000})
  const match = /GET: ([\d.]+) requests per second/.exec(stdout)
  if (!match) throw new Error(`redis-benchmark printed no GET rate: ${stdout.slice(-200)}`)
  return Number(match[1])
}

/**
 * The highest open-loop GET rate cache-bench sustains against a local redis-server while its own
 * event loop stays responsive (p99 delay under 5 ms), beside redis-benchmark's closed-loop
 * throughput on the same server.
 */
export async function benchOpenLoop(): Promise<BenchRow[]> {
  const server = await startRedis()
  try {
    await runWorkload(workload(null), {target: server.url, targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true}})
    const reference = await redisBenchmarkGets(server.port)
    const oneWorker = await highestSustainedRate(server.url, 1)
    const twoWorkers = await highestSustainedRate(server.url, 2)
    return [
      {
        name: 'open-loop.redis.1-worker.max-rate',
        value: Math.round(oneWorker.rate),
        unit: 'ops/s',
        note: `highest sustained GET rate (no drops, ≤5% late, event-loop p99 ${oneWorker.delayP99.toFixed(2)} ms < ${EVENT_LOOP_P99_LIMIT_MS} ms); bisection over ${SEARCH_STEPS} runs of ${RUN_MS / 1000}s`,
      },
      {
        name: 'open-loop.redis.2-workers.max-rate',
        value: Math.round(twoWorkers.rate),
        unit: 'ops/s',
        note: `the same with --workers 2 (worst worker's event-loop p99 ${twoWorkers.delayP99.toFixed(2)} ms)`,
      },
      {name: 'open-loop.redis.2-workers.vs-1-worker', value: Number((twoWorkers.rate / oneWorker.rate).toFixed(3)), unit: 'ratio', note: 'sustained rate with 2 worker threads ÷ with 1'},
      {name: 'open-loop.redis.redis-benchmark.closed', value: Math.round(reference), unit: 'ops/s', note: 'redis-benchmark -t get -c 50 -P 1 on the same server'},
      {name: 'open-loop.redis.1-worker.vs-redis-benchmark', value: Number((oneWorker.rate / reference).toFixed(3)), unit: 'ratio', note: 'sustained open-loop rate ÷ redis-benchmark closed-loop throughput'},
    ]
  } finally {
    await server.stop()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchOpenLoop()) {
    console.log(`${row.name.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
