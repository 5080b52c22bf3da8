import {execFile} from 'node:child_process'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {startRedis} from '../test/servers/redis-servers.js'
import type {BenchRow} from './bench-row.js'

const run = promisify(execFile)

const KEYS = 10_000
const VALUE_BYTES = 100
const CLIENTS = 50
const REPETITIONS = 3
const KEY_PREFIX = 'bench:'
const REFERENCE_REQUESTS = {1: 300_000, 16: 3_000_000} as const

/**
 * One cache-bench configuration. redis-benchmark -c 50 -P n keeps n requests in flight on each
 * of 50 connections; the mirror is concurrency 50 × n over 50 connections with --pipeline n.
 */
interface Setup {
  concurrency: number
  connections: number
  pipeline: number
  operations: number
}

const MIRROR_P1: Setup = {concurrency: CLIENTS, connections: CLIENTS, pipeline: 1, operations: 300_000}
const DEFAULT_CONNECTIONS_P1: Setup = {concurrency: CLIENTS, connections: 4, pipeline: 1, operations: 300_000}
const MIRROR_P16: Setup = {concurrency: CLIENTS * 16, connections: CLIENTS, pipeline: 16, operations: 800_000}

/**
 * Raw GET throughput of cache-bench against redis-benchmark on the same local redis-server:
 * both read existing 100-byte values of 10,000 random keys (every GET a hit), on the real clock.
 */
function workload(mix: 'read' | 'write', distribution: 'uniform' | 'sequential', concurrency: number, operations: number) {
  // A warm-up of a sixth of the run keeps JIT compilation out of the measured window.
  const warmup = mix === 'read' ? Math.round(operations / 6) : 0
  const text = `
version: 1
name: bench-redis-${mix}
seed: 42
keyspace: {count: ${KEYS}, distribution: ${distribution}}
values: {size: ${VALUE_BYTES}B}
mix: {${mix}: 100}
strategy: {name: cache-only}
load: {concurrency: ${concurrency}, operations: ${operations + warmup}, warmup: ${warmup}}
`
  return parseWorkload(text, `bench-redis-${mix}.yaml`)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function redisBenchmark(port: number, pipeline: 1 | 16): Promise<number> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', 'get', '-c', String(CLIENTS), '-n', String(REFERENCE_REQUESTS[pipeline])]
  const {stdout} = await run('redis-benchmark', [...args, '-r', String(KEYS), '-d', String(VALUE_BYTES), '-P', String(pipeline), '-q'], {
    timeout: 60_000,
  })
  // -q rewrites a progress line with \r and ends with "GET: 99304.87 requests per second, p50=…"
  const match = /GET: ([\d.]+) requests per second/.exec(stdout)
  if (!match) throw new Error(`redis-benchmark printed no GET rate: ${stdout.slice(-200)}`)
  return Number(match[1])
}

async function cacheBenchGets(url: string, setup: Setup): Promise<number> {
  const result = await runWorkload(workload('read', 'uniform', setup.concurrency, setup.operations), {
    target: url,
    targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true, connections: setup.connections, pipeline: setup.pipeline},
  })
  if (result.summary.misses > 0 || result.summary.errors > 0) {
    throw new Error(`the GET bench expected only hits; got ${result.summary.misses} misses and ${result.summary.errors} errors`)
  }
  return result.summary.throughput
}

export async function benchRedis(): Promise<BenchRow[]> {
  const server = await startRedis()
  try {
    // The same data for both: redis-benchmark's keys "key:<12 digits>" and cache-bench's under KEY_PREFIX.
    await run('redis-benchmark', ['-h', '127.0.0.1', '-p', String(server.port), '-t', 'set', '-r', String(KEYS), '-n', String(KEYS * 20), '-d', String(VALUE_BYTES), '-q'])
    await runWorkload(workload('write', 'sequential', CLIENTS, KEYS), {target: server.url, targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true}})
    await cacheBenchGets(server.url, {...MIRROR_P1, operations: 60_000})

    const samples = {referenceP1: [] as number[], mirrorP1: [] as number[], fewerConnections: [] as number[], referenceP16: [] as number[], mirrorP16: [] as number[]}
    // Interleaved, so drift in the machine's load touches every figure alike.
    for (let i = 0; i < REPETITIONS; i++) {
      samples.referenceP1.push(await redisBenchmark(server.port, 1))
      samples.mirrorP1.push(await cacheBenchGets(server.url, MIRROR_P1))
      samples.fewerConnections.push(await cacheBenchGets(server.url, DEFAULT_CONNECTIONS_P1))
      samples.referenceP16.push(await redisBenchmark(server.port, 16))
      samples.mirrorP16.push(await cacheBenchGets(server.url, MIRROR_P16))
    }
    const m = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])) as Record<keyof typeof samples, number>
    const data = `${KEYS} keys × ${VALUE_BYTES} B, every GET a hit, median of ${REPETITIONS}`
    const ratio = (value: number) => Number(value.toFixed(3))
    const cacheBench = (setup: Setup) =>
      `cache-only 100% read, concurrency ${setup.concurrency}, --connections ${setup.connections}, --pipeline ${setup.pipeline}`
    return [
      {name: 'redis.get.redis-benchmark.P1', value: Math.round(m.referenceP1), unit: 'ops/s', note: `redis-benchmark -t get -c ${CLIENTS} -P 1; ${data}`},
      {name: 'redis.get.cache-bench.mirror-P1', value: Math.round(m.mirrorP1), unit: 'ops/s', note: cacheBench(MIRROR_P1)},
      {name: 'redis.get.mirror-P1.ratio', value: ratio(m.mirrorP1 / m.referenceP1), unit: 'ratio', note: 'one request in flight per connection, as -c 50 -P 1; target ≥ 1.0'},
      {name: 'redis.get.cache-bench.4-connections-P1', value: Math.round(m.fewerConnections), unit: 'ops/s', note: cacheBench(DEFAULT_CONNECTIONS_P1)},
      {name: 'redis.get.4-connections-P1.ratio', value: ratio(m.fewerConnections / m.referenceP1), unit: 'ratio', note: 'vs -P 1: ~12 requests in flight per connection, each written on its own'},
      {name: 'redis.get.redis-benchmark.P16', value: Math.round(m.referenceP16), unit: 'ops/s', note: `redis-benchmark -t get -c ${CLIENTS} -P 16; ${data}`},
      {name: 'redis.get.cache-bench.mirror-P16', value: Math.round(m.mirrorP16), unit: 'ops/s', note: cacheBench(MIRROR_P16)},
      {name: 'redis.get.mirror-P16.ratio', value: ratio(m.mirrorP16 / m.referenceP16), unit: 'ratio', note: '16 requests per write on each of 50 connections, as -c 50 -P 16'},
    ]
  } finally {
    await server.stop()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchRedis()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
