import {execFile} from 'node:child_process'
import {loadavg} from 'node:os'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {startRedis} from '../test/servers/redis-servers.js'
import {KeyBytes} from '../src/targets/key-bytes.js'
import {KeyNames} from '../src/targets/key-names.js'
import {LeanConnection} from '../src/targets/redis/lean/lean-connection.js'
import {decodeValueInPlace} from '../src/targets/value-codec.js'
import {bareSocketGets, RespGetScanner} from './bare-socket-gets.js'
import {median, type BenchRow} from './bench-row.js'
import {canPin, cpuPerOperationUs, measureOwnCpu, pinProcess, pinThisProcessToClientCores, runReferenceTool, SERVER_CORES, unpinThisProcess} from './pinning.js'

const run = promisify(execFile)

const KEYS = 10_000
const VALUE_BYTES = 100
const CLIENTS = 50
const REPETITIONS = 3
const KEY_PREFIX = 'bench:'
/** `lean-promises`: the lean client with the run's promise path (each command a promise), the reference for the callback path `lean` takes. */
const CLIENT_PATHS = ['lean', 'lean-promises', 'ioredis'] as const

/**
 * One row pair of the bench: redis-benchmark -c 50 -P n keeps n requests in flight on each of 50
 * connections; cache-bench mirrors it with concurrency 50 × n over 50 connections, --pipeline n.
 */
interface Setup {
  pipeline: 1 | 16
  operations: number
}

/** Sized for a few minutes in all on a shared 2-core machine, where the pinned client gets part of one core. */
const SETUPS: Setup[] = [
  {pipeline: 1, operations: 60_000},
  {pipeline: 16, operations: 240_000},
]

/** cache-only reads of existing 100-byte values of 10,000 random keys (every GET a hit), on the real clock. */
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

interface Sample {
  opsPerSec: number
  cpuUsPerOp: number
}

async function redisBenchmark(port: number, setup: Setup): Promise<Sample> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', 'get', '-c', String(CLIENTS), '-n', String(setup.operations)]
  const {stdout, cpuSeconds} = await runReferenceTool('redis-benchmark', [...args, '-r', String(KEYS), '-d', String(VALUE_BYTES), '-P', String(setup.pipeline), '-q'])
  // -q rewrites a progress line with \r and ends with "GET: 99304.87 requests per second, p50=…"
  const match = /GET: ([\d.]+) requests per second/.exec(stdout)
  if (!match) throw new Error(`redis-benchmark printed no GET rate: ${stdout.slice(-200)}`)
  return {opsPerSec: Number(match[1]), cpuUsPerOp: cpuPerOperationUs(cpuSeconds, setup.operations)}
}

async function cacheBenchGets(url: string, setup: Setup, client: (typeof CLIENT_PATHS)[number]): Promise<Sample> {
  const gets = workload('read', 'uniform', CLIENTS * setup.pipeline, setup.operations)
  const {value: result, cpuSeconds} = await measureOwnCpu(() =>
    runWorkload(gets, {
      target: `${url}?client=${client === 'lean-promises' ? 'lean' : client}`,
      engine: client === 'lean-promises' ? 'async' : undefined,
      // A generous timeout: on a loaded host a pinned client can be held off its core for a while.
      targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true, connections: CLIENTS, pipeline: setup.pipeline, timeoutMs: 10_000},
    }),
  )
  if (result.summary.misses > 0 || result.summary.errors > 0) {
    const kinds = JSON.stringify(result.summary.errorsByKind)
    throw new Error(`the GET bench (${client}, P${setup.pipeline}) expected only hits; got ${result.summary.misses} misses and ${result.summary.errors} errors ${kinds}`)
  }
  // CPU of the whole run, warm-up included, over every operation it sent.
  return {opsPerSec: result.summary.throughput, cpuUsPerOp: cpuPerOperationUs(cpuSeconds, gets.load.operations ?? setup.operations)}
}

/** redis-benchmark's GETs (its keys, `key:` and 12 digits) from a bare socket loop: what Node itself reaches (bare-socket-gets.ts). */
async function bareNodeGets(port: number, setup: Setup): Promise<Sample> {
  const command = (key: number): string => {
    const name = `key:${String(key).padStart(12, '0')}`
    return `*2\r\n$3\r\nGET\r\n$${name.length}\r\n${name}\r\n`
  }
  const sample = await bareSocketGets({port, connections: CLIENTS, pipeline: setup.pipeline, operations: setup.operations, keys: KEYS, command, scanner: () => new RespGetScanner()})
  return {opsPerSec: sample.opsPerSecond, cpuUsPerOp: sample.cpuUsPerOp}
}

/**
 * The lean client alone, without the run around it (no strategy, origin or metrics): the same
 * GETs of cache-bench's keys, values decoded in place as the run's are, through its callback commands from CLIENTS ×
 * pipeline loops, loop i on connection i mod CLIENTS, to tell the client's cost from the run's.
 */
async function leanClientGets(port: number, setup: Setup): Promise<Sample> {
  const settings = {host: '127.0.0.1', port, tls: undefined, username: null, password: null, db: 0, timeoutMs: 10_000, connectTimeoutMs: 3000, pipeline: setup.pipeline}
  const connections = Array.from({length: CLIENTS}, () => new LeanConnection(settings))
  const keys = new KeyBytes(new KeyNames(KEY_PREFIX, KEYS), KEYS)
  try {
    await Promise.all(connections.map((connection) => connection.connect()))
    let issued = 0
    let done = 0
    const {cpuSeconds, value: seconds} = await measureOwnCpu(
      () =>
        new Promise<number>((resolve, reject) => {
          const started = performance.now()
          const timer = setTimeout(() => reject(new Error(`the lean client did not finish ${setup.operations} GETs within 60 s`)), 60_000)
          for (let loop = 0; loop < CLIENTS * setup.pipeline; loop++) {
            const connection = connections[loop % CLIENTS]
            let key = loop % KEYS
            const next = (): void => {
              if (issued >= setup.operations) return
              issued++
              key = (key + 7919) % KEYS
              connection.getThen(keys, key, decodeValueInPlace, settle, fail)
            }
            const settle = (value: unknown): void => {
              if (value === null) return fail(new Error(`bench key ${key} is missing`))
              if (++done < setup.operations) return next()
              clearTimeout(timer)
              resolve((performance.now() - started) / 1000)
            }
            const fail = (error: Error): void => {
              clearTimeout(timer)
              reject(error)
            }
            next()
          }
        }),
    )
    return {opsPerSec: done / seconds, cpuUsPerOp: cpuPerOperationUs(cpuSeconds, done)}
  } finally {
    for (const connection of connections) connection.close()
  }
}

/**
 * Raw GET throughput of cache-bench's two Redis client paths against redis-benchmark on the same
 * local redis-server, the server pinned to one core and every client to the other(s), rounds
 * interleaved so drift in the machine's load touches every figure alike.
 */
export async function benchRedis(): Promise<BenchRow[]> {
  const server = await startRedis()
  // Asked before pinning: once this process is pinned it sees only its own cores.
  const pinning = canPin() ? `server on core ${SERVER_CORES}, clients on the others (taskset)` : 'not pinned (one core or no taskset)'
  try {
    await pinProcess(server.pid, SERVER_CORES)
    await pinThisProcessToClientCores()
    // The same data for both: redis-benchmark's keys "key:<12 digits>" and cache-bench's under KEY_PREFIX.
    await run('redis-benchmark', ['-h', '127.0.0.1', '-p', String(server.port), '-t', 'set', '-r', String(KEYS), '-n', String(KEYS * 20), '-d', String(VALUE_BYTES), '-q'])
    await runWorkload(workload('write', 'sequential', CLIENTS, KEYS), {target: server.url, targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true}})
    const load = [loadavg()[0]]
    const rows: BenchRow[] = []
    for (const setup of SETUPS) {
      const samples: Samples = {reference: [], bare: [], clientOnly: [], lean: [], 'lean-promises': [], ioredis: []}
      for (let i = 0; i < REPETITIONS; i++) {
        samples.reference.push(await redisBenchmark(server.port, setup))
        samples.bare.push(await bareNodeGets(server.port, setup))
        samples.clientOnly.push(await leanClientGets(server.port, setup))
        // In the other order every second round: the path that runs first, just after
        // redis-benchmark, is the one that meets the server still settling from it.
        for (const client of i % 2 === 0 ? CLIENT_PATHS : [...CLIENT_PATHS].reverse()) samples[client].push(await cacheBenchGets(server.url, setup, client))
        load.push(loadavg()[0])
      }
      rows.push(...setupRows(setup, samples))
    }
    rows.push({name: 'redis.get.load-average', value: Number(median(load).toFixed(1)), unit: '1-min', note: `median of the 1-minute load average between rounds; ${pinning}`})
    return rows
  } finally {
    await server.stop()
    await unpinThisProcess()
  }
}

type Samples = Record<'reference' | 'bare' | 'clientOnly' | (typeof CLIENT_PATHS)[number], Sample[]>

function setupRows(setup: Setup, samples: Samples): BenchRow[] {
  const p = `P${setup.pipeline}`
  const summary = (list: Sample[]) => ({opsPerSec: median(list.map((s) => s.opsPerSec)), cpu: median(list.map((s) => s.cpuUsPerOp))})
  const reference = summary(samples.reference)
  const goal = setup.pipeline === 1 ? 1.0 : 0.8
  const rows: BenchRow[] = [
    {
      name: `redis.get.redis-benchmark.${p}`,
      value: Math.round(reference.opsPerSec),
      unit: 'ops/s',
      note: `client CPU ${reference.cpu} µs/op; redis-benchmark -t get -c ${CLIENTS} -P ${setup.pipeline}; ${KEYS} keys × ${VALUE_BYTES} B, median of ${REPETITIONS}`,
    },
  ]
  const bare = summary(samples.bare)
  rows.push(
    {
      name: `redis.get.bare-node.${p}`,
      value: Math.round(bare.opsPerSec),
      unit: 'ops/s',
      note: `client CPU ${bare.cpu} µs/op; a bare Node loop: ${CLIENTS} sockets, ${setup.pipeline} GET(s) per write encoded beforehand, replies found by their framing; no client, no run`,
    },
    {name: `redis.get.bare-node.${p}.ratio`, value: Number((bare.opsPerSec / reference.opsPerSec).toFixed(3)), unit: 'ratio', note: 'against redis-benchmark: what a bare Node loop reaches here'},
  )
  const clientOnly = summary(samples.clientOnly)
  rows.push(
    {
      name: `redis.get.lean-client-only.${p}`,
      value: Math.round(clientOnly.opsPerSec),
      unit: 'ops/s',
      note: `client CPU ${clientOnly.cpu} µs/op; the lean client without the run around it: ${CLIENTS * setup.pipeline} loops of GETs (callbacks, values decoded), --pipeline ${setup.pipeline}`,
    },
    {name: `redis.get.lean-client-only.${p}.ratio`, value: Number((clientOnly.opsPerSec / reference.opsPerSec).toFixed(3)), unit: 'ratio', note: 'against redis-benchmark: what the client path alone reaches'},
  )
  for (const client of CLIENT_PATHS) {
    const ours = summary(samples[client])
    rows.push(
      {
        name: `redis.get.${client}.${p}`,
        value: Math.round(ours.opsPerSec),
        unit: 'ops/s',
        note: `client CPU ${ours.cpu} µs/op; cache-only reads, concurrency ${CLIENTS * setup.pipeline}, --connections ${CLIENTS}, --pipeline ${setup.pipeline}, ?client=${client}${client === 'lean-promises' ? ' (lean, each command a promise)' : ''}`,
      },
      {name: `redis.get.${client}.${p}.ratio`, value: Number((ours.opsPerSec / reference.opsPerSec).toFixed(3)), unit: 'ratio', note: `against redis-benchmark; goal for the lean path ≥ ${goal}`},
    )
  }
  return rows
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchRedis()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
