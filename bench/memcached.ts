import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {LeanNode} from '../src/targets/memcached/lean/lean-node.js'
import {keyName} from '../src/engine/item-size.js'
import {decodeValue} from '../src/targets/value-codec.js'
import {startMemcached} from '../test/servers/memcached-servers.js'
import {bareSocketGets, MetaGetScanner} from './bare-socket-gets.js'
import {median as medianOf, type BenchRow} from './bench-row.js'
import {ensureDebianTool} from './debian-tool.js'
import {canPin, cpuPerOperationUs, measureOwnCpu, pinProcess, pinThisProcessToClientCores, runReferenceTool, SERVER_CORES, unpinThisProcess} from './pinning.js'

const KEYS = 10_000
const VALUE_BYTES = 100
const CLIENTS = 50
const PIPELINE = 16
const REPETITIONS = 3
const SECONDS = 4
const KEY_PREFIX = 'bench:'

/** A figure and the client CPU it cost. */
interface Sample {
  opsPerSecond: number
  cpuUsPerOp: number
}

/** One cache-bench configuration: 50 connections, one request in flight on each or 16 per write. */
interface Setup {
  client: 'lean' | 'memjs'
  concurrency: number
  pipeline: number
  /** The run's promise path (each command a promise) instead of the lean client's callbacks: the callback path's reference. */
  promises?: boolean
}

const SETUPS = {
  leanC50: {client: 'lean', concurrency: CLIENTS, pipeline: 1},
  leanPromisesC50: {client: 'lean', concurrency: CLIENTS, pipeline: 1, promises: true},
  memjsC50: {client: 'memjs', concurrency: CLIENTS, pipeline: 1},
  leanP16: {client: 'lean', concurrency: CLIENTS * PIPELINE, pipeline: PIPELINE},
  leanPromisesP16: {client: 'lean', concurrency: CLIENTS * PIPELINE, pipeline: PIPELINE, promises: true},
  memjsP16: {client: 'memjs', concurrency: CLIENTS * PIPELINE, pipeline: PIPELINE},
} satisfies Record<string, Setup>

/**
 * memcaslap runs: text and binary protocol, one GET per request, and 16 keys per multi-get.
 * The issue names memtier_benchmark --pipeline 16 as the pipelined reference, but memtier is not
 * packaged in Debian; memcaslap has no request pipelining, and its 16-key multi-get is the
 * nearest: 16 gets leave in one write and come back in one reply, as 16 pipelined meta gets do,
 * while the server parses one command instead of 16. The best of the three is the reference.
 */
const REFERENCES = {
  text: [] as string[],
  binary: ['-B'],
  multiGet16: ['-d', String(PIPELINE)],
}

/**
 * Raw GET throughput against memcaslap (libmemcached's load generator) on the same local
 * memcached, every GET a hit, server pinned to core 0 and the load generators to the others.
 * cache-bench reads 10,000 prefilled 100-byte values (strategy cache-only, 100 % reads) through
 * the lean client and through memjs; memcaslap first stores its own objects (-w 1k per
 * connection), then only GETs.
 */
function workload(mix: 'read' | 'write', distribution: 'uniform' | 'sequential', load: string) {
  const text = `
version: 1
name: bench-memcached-${mix}
seed: 42
keyspace: {count: ${KEYS}, distribution: ${distribution}}
values: {size: ${VALUE_BYTES}B}
mix: {${mix}: 100}
strategy: {name: cache-only}
load: ${load}
`
  return parseWorkload(text, `bench-memcached-${mix}.yaml`)
}

function median(samples: Sample[]): Sample {
  const sorted = [...samples].sort((a, b) => a.opsPerSecond - b.opsPerSecond)
  return sorted[Math.floor(sorted.length / 2)]
}

/** memcaslap's GETs per second: its TPS also counts the warm-up SETs, so cmd_get / run time. */
async function memcaslap(port: number, config: string, extra: string[]): Promise<Sample> {
  const args = ['-s', `127.0.0.1:${port}`, '-T', '1', '-c', String(CLIENTS), '-t', `${SECONDS}s`, '-w', '1k', '-F', config, ...extra]
  const {stdout, cpuSeconds} = await runReferenceTool('memcaslap', args)
  const total = (name: string): number => {
    const match = new RegExp(`${name}: (\\d+)`).exec(stdout)
    if (!match) throw new Error(`memcaslap printed no ${name}: ${stdout.slice(-300)}`)
    return Number(match[1])
  }
  const seconds = /Run time: ([\d.]+)s/.exec(stdout)
  if (!seconds) throw new Error(`memcaslap printed no run time: ${stdout.slice(-300)}`)
  if (total('get_misses') > 0) throw new Error(`memcaslap's GETs missed ${total('get_misses')} times; the comparison wants hits only`)
  const operations = total('cmd_get') + total('cmd_set')
  return {opsPerSecond: total('cmd_get') / Number(seconds[1]), cpuUsPerOp: cpuPerOperationUs(cpuSeconds, operations)}
}

async function cacheBenchGets(url: string, setup: Setup): Promise<Sample> {
  const {value: result, cpuSeconds} = await measureOwnCpu(() =>
    runWorkload(workload('read', 'uniform', `{concurrency: ${setup.concurrency}, duration: ${SECONDS}s, warmup: 1s}`), {
      target: `${url}?client=${setup.client}`,
      engine: setup.promises ? 'async' : undefined,
      // A generous timeout: on a loaded host a pinned client can be held off its core for a while.
      targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true, connections: CLIENTS, pipeline: setup.pipeline, timeoutMs: 10_000},
    }),
  )
  if (result.summary.misses > 0 || result.summary.errors > 0) {
    const kinds = JSON.stringify(result.summary.errorsByKind)
    throw new Error(`the GET bench (${setup.client}, --pipeline ${setup.pipeline}) expected only hits; got ${result.summary.misses} misses and ${result.summary.errors} errors ${kinds}`)
  }
  return {opsPerSecond: result.summary.throughput, cpuUsPerOp: cpuPerOperationUs(cpuSeconds, result.load.operations)}
}

/**
 * The lean client alone, without the run around it (no strategy, origin, metrics): the same GETs
 * from `concurrency` loops, to tell the client path's cost from the runner's.
 */
async function leanClientGets(port: number, concurrency: number, pipeline: number): Promise<Sample> {
  const node = new LeanNode({host: '127.0.0.1', port, connections: CLIENTS, pipeline, timeoutMs: 10_000, connectTimeoutMs: 3000, username: null, password: null})
  try {
    await node.open()
    let operations = 0
    const {cpuSeconds} = await measureOwnCpu(async () => {
      const end = performance.now() + SECONDS * 1000
      await Promise.all(
        Array.from({length: concurrency}, async (_, slot) => {
          // Bounded by time; every key exists, so every GET is a hit.
          for (let key = slot; performance.now() < end; key = (key + 7919) % KEYS, operations++) {
            if ((await node.get(KEY_PREFIX + keyName(key), decodeValue)) === null) throw new Error(`bench key ${key} is missing`)
          }
        }),
      )
    })
    return {opsPerSecond: operations / SECONDS, cpuUsPerOp: cpuPerOperationUs(cpuSeconds, operations)}
  } finally {
    node.close()
  }
}

/** The same GETs (the lean client's meta gets of cache-bench's keys) from a bare socket loop: what Node itself reaches (bare-socket-gets.ts). */
function bareNodeGets(port: number, pipeline: number, reference: Sample): Promise<Sample> {
  // About as many GETs as the reference made in its SECONDS, so the loop runs about as long.
  const operations = Math.max(Math.round(reference.opsPerSecond * SECONDS), 10_000)
  return bareSocketGets({
    port,
    connections: CLIENTS,
    pipeline,
    operations,
    keys: KEYS,
    command: (key) => `mg ${KEY_PREFIX}${keyName(key)} v\r\n`,
    scanner: () => new MetaGetScanner(),
  })
}

export async function benchMemcached(): Promise<BenchRow[]> {
  ensureDebianTool('memcaslap', 'libmemcached-tools')
  const server = await startMemcached({memoryMb: 256})
  const dir = mkdtempSync(join(tmpdir(), 'cb-memcaslap-'))
  const config = join(dir, 'get-only.cfg')
  // Key sizes near cache-bench's ("bench:k:1234"), 100-byte values, GETs only.
  writeFileSync(config, `key\n16 16 1\nvalue\n${VALUE_BYTES} ${VALUE_BYTES} 1\ncmd\n0 0\n1 1\n`)
  try {
    await pinProcess(server.process.child.pid as number, SERVER_CORES)
    await pinThisProcessToClientCores()
    await runWorkload(workload('write', 'sequential', `{concurrency: ${CLIENTS}, operations: ${KEYS}, warmup: 0}`), {
      target: server.url,
      targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true},
    })
    const references = Object.fromEntries(Object.keys(REFERENCES).map((name) => [name, [] as Sample[]])) as Record<keyof typeof REFERENCES, Sample[]>
    const ours = Object.fromEntries(Object.keys(SETUPS).map((name) => [name, [] as Sample[]])) as Record<keyof typeof SETUPS, Sample[]>
    const clientOnly = {c50: [] as Sample[], p16: [] as Sample[]}
    const bare = {c50: [] as Sample[], p16: [] as Sample[]}
    const load = [loadavg()[0]]
    // Interleaved, so drift in the machine's load touches every figure alike.
    for (let i = 0; i < REPETITIONS; i++) {
      for (const [name, extra] of Object.entries(REFERENCES)) references[name as keyof typeof REFERENCES].push(await memcaslap(server.port, config, extra))
      // In the other order every second round, so no setup always runs first after memcaslap.
      const setups = Object.entries(SETUPS)
      for (const [name, setup] of i % 2 === 0 ? setups : setups.reverse()) ours[name as keyof typeof SETUPS].push(await cacheBenchGets(server.url, setup))
      clientOnly.c50.push(await leanClientGets(server.port, CLIENTS, 1))
      clientOnly.p16.push(await leanClientGets(server.port, CLIENTS * PIPELINE, PIPELINE))
      bare.c50.push(await bareNodeGets(server.port, 1, references.text[i]))
      bare.p16.push(await bareNodeGets(server.port, PIPELINE, references.multiGet16[i]))
      load.push(loadavg()[0])
    }
    return rows(
      Object.fromEntries(Object.entries(references).map(([name, samples]) => [name, median(samples)])) as Record<keyof typeof REFERENCES, Sample>,
      Object.fromEntries(Object.entries(ours).map(([name, samples]) => [name, median(samples)])) as Record<keyof typeof SETUPS, Sample>,
      {c50: median(clientOnly.c50), p16: median(clientOnly.p16)},
      {c50: median(bare.c50), p16: median(bare.p16)},
      medianOf(load),
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
    await server.stop()
    await unpinThisProcess()
  }
}

function rows(
  reference: Record<keyof typeof REFERENCES, Sample>,
  ours: Record<keyof typeof SETUPS, Sample>,
  clientOnly: {c50: Sample; p16: Sample},
  bare: {c50: Sample; p16: Sample},
  load: number,
): BenchRow[] {
  const pinned = canPin() ? `server on core ${SERVER_CORES}, clients on the others` : 'not pinned (taskset or a second core missing)'
  const setup = `${VALUE_BYTES} B values, all hits, ${SECONDS} s each, median of ${REPETITIONS}; ${pinned}`
  const cpu = (sample: Sample) => `client CPU ${sample.cpuUsPerOp} µs/op`
  const figure = (name: string, sample: Sample, note: string): BenchRow => ({name, value: Math.round(sample.opsPerSecond), unit: 'ops/s', note: `${cpu(sample)}; ${note}`})
  const ratio = (name: string, value: number, note: string): BenchRow => ({name, value: Number(value.toFixed(3)), unit: 'ratio', note})
  const bestP16 = Math.max(reference.text.opsPerSecond, reference.binary.opsPerSecond, reference.multiGet16.opsPerSecond)
  const ourSetup = (s: Setup) =>
    `cache-only 100% read, concurrency ${s.concurrency}, --connections ${CLIENTS}, --pipeline ${s.pipeline}, client=${s.client}${s.promises ? ', each command a promise' : ''}`
  return [
    figure('memcached.get.memcaslap.c50', reference.text, `memcaslap -T 1 -c ${CLIENTS}, text protocol, GET-only config; ${setup}`),
    figure('memcached.get.memcaslap.c50-binary', reference.binary, `memcaslap -T 1 -c ${CLIENTS} -B`),
    figure('memcached.get.memcaslap.c50-multiget16', reference.multiGet16, `memcaslap -T 1 -c ${CLIENTS} -d ${PIPELINE}: ${PIPELINE} keys per get`),
    figure('memcached.get.cache-bench.lean.c50', ours.leanC50, ourSetup(SETUPS.leanC50)),
    ratio('memcached.get.lean.c50.vs-memcaslap', ours.leanC50.opsPerSecond / reference.text.opsPerSecond, 'one request in flight per connection, like memcaslap; goal ≥ 1.0'),
    figure('memcached.get.cache-bench.lean-promises.c50', ours.leanPromisesC50, ourSetup(SETUPS.leanPromisesC50)),
    ratio('memcached.get.lean-promises.c50.vs-memcaslap', ours.leanPromisesC50.opsPerSecond / reference.text.opsPerSecond, 'the lean client on the promise path, before the callback path'),
    figure('memcached.get.cache-bench.memjs.c50', ours.memjsC50, ourSetup(SETUPS.memjsC50)),
    ratio('memcached.get.memjs.c50.vs-memcaslap', ours.memjsC50.opsPerSecond / reference.text.opsPerSecond, 'the memjs path, for comparison'),
    figure('memcached.get.cache-bench.lean.P16', ours.leanP16, ourSetup(SETUPS.leanP16)),
    ratio('memcached.get.lean.P16.vs-best-reference', ours.leanP16.opsPerSecond / bestP16, `16 requests per write on each of ${CLIENTS} connections, against the best memcaslap figure; goal ≥ 0.8`),
    figure('memcached.get.cache-bench.lean-promises.P16', ours.leanPromisesP16, ourSetup(SETUPS.leanPromisesP16)),
    ratio('memcached.get.lean-promises.P16.vs-best-reference', ours.leanPromisesP16.opsPerSecond / bestP16, 'the lean client on the promise path, before the callback path'),
    figure('memcached.get.cache-bench.memjs.P16', ours.memjsP16, ourSetup(SETUPS.memjsP16)),
    ratio('memcached.get.memjs.P16.vs-best-reference', ours.memjsP16.opsPerSecond / bestP16, 'the memjs path, for comparison'),
    figure('memcached.get.lean-client-only.c50', clientOnly.c50, `the lean client without the run around it: ${CLIENTS} loops of GETs, --pipeline 1`),
    ratio('memcached.get.lean-client-only.c50.vs-memcaslap', clientOnly.c50.opsPerSecond / reference.text.opsPerSecond, 'what the client path alone reaches'),
    figure('memcached.get.lean-client-only.P16', clientOnly.p16, `the lean client without the run around it: ${CLIENTS * PIPELINE} loops of GETs, --pipeline ${PIPELINE}`),
    ratio('memcached.get.lean-client-only.P16.vs-best-reference', clientOnly.p16.opsPerSecond / bestP16, 'what the client path alone reaches'),
    figure('memcached.get.bare-node.c50', bare.c50, `a bare Node loop: ${CLIENTS} sockets, one meta get in flight on each, encoded beforehand, replies found by their framing; no client, no run`),
    ratio('memcached.get.bare-node.c50.vs-memcaslap', bare.c50.opsPerSecond / reference.text.opsPerSecond, 'what a bare Node loop reaches here with one request in flight'),
    figure('memcached.get.bare-node.P16', bare.p16, `the same with ${PIPELINE} meta gets per write`),
    ratio('memcached.get.bare-node.P16.vs-best-reference', bare.p16.opsPerSecond / bestP16, 'what a bare Node loop reaches here at --pipeline 16'),
    {name: 'memcached.get.load-average', value: Number(load.toFixed(1)), unit: '1-min', note: `median of the 1-minute load average between rounds; ${pinned}`},
  ]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchMemcached()) {
    console.log(`${row.name.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
