import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {runWorkload} from '../src/runner/run-workload.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import {startMemcached} from '../test/servers/memcached-servers.js'
import type {BenchRow} from './bench-row.js'

const run = promisify(execFile)

const KEYS = 10_000
const VALUE_BYTES = 100
const CLIENTS = 50
const REPETITIONS = 3
const SECONDS = 4
const KEY_PREFIX = 'bench:'

/**
 * Raw GET throughput of cache-bench against memcaslap (libmemcached's load generator) on the
 * same local memcached, both with 50 requests in flight over the binary protocol and only hits:
 * cache-bench reads 10,000 prefilled 100-byte values (strategy cache-only, 100 % reads);
 * memcaslap first stores its own 51,200 objects (-w 1k per connection), then only GETs. Its
 * 50 connections with one request each are mirrored by --connections 50; the default 4
 * connections show what multiplexing requests on fewer sockets gives, and --pipeline 16 what
 * sharing socket writes gives (memjs otherwise makes one system call per request).
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** memcaslap's GETs per second: its TPS also counts the warm-up SETs, so cmd_get / run time. */
async function memcaslap(port: number, config: string): Promise<number> {
  const args = ['-s', `127.0.0.1:${port}`, '-T', '2', '-c', String(CLIENTS), '-t', `${SECONDS}s`, '-w', '1k', '-F', config, '-B']
  const {stdout} = await run('memcaslap', args, {timeout: 60_000})
  const gets = /cmd_get: (\d+)/.exec(stdout)
  const misses = /get_misses: (\d+)/.exec(stdout)
  const seconds = /Run time: ([\d.]+)s/.exec(stdout)
  if (!gets || !misses || !seconds) throw new Error(`memcaslap printed no totals: ${stdout.slice(-300)}`)
  if (Number(misses[1]) > 0) throw new Error(`memcaslap's GETs missed ${misses[1]} times; the comparison wants hits only`)
  return Number(gets[1]) / Number(seconds[1])
}

async function cacheBenchGets(url: string, connections: number, pipeline: number): Promise<number> {
  const result = await runWorkload(workload('read', 'uniform', `{concurrency: ${CLIENTS}, duration: ${SECONDS}s, warmup: 1s}`), {
    target: url,
    targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true, connections, pipeline},
  })
  if (result.summary.misses > 0 || result.summary.errors > 0) {
    throw new Error(`the GET bench expected only hits; got ${result.summary.misses} misses and ${result.summary.errors} errors`)
  }
  return result.summary.throughput
}

export async function benchMemcached(): Promise<BenchRow[]> {
  const server = await startMemcached({memoryMb: 256})
  const dir = mkdtempSync(join(tmpdir(), 'cb-memcaslap-'))
  const config = join(dir, 'get-only.cfg')
  // Key sizes near cache-bench's ("bench:k:1234"), 100-byte values, GETs only.
  writeFileSync(config, `key\n16 16 1\nvalue\n${VALUE_BYTES} ${VALUE_BYTES} 1\ncmd\n0 0\n1 1\n`)
  try {
    await runWorkload(workload('write', 'sequential', `{concurrency: ${CLIENTS}, operations: ${KEYS}, warmup: 0}`), {
      target: server.url,
      targetOptions: {keyPrefix: KEY_PREFIX, keepKeys: true, ownKeyspace: true},
    })
    const samples = {reference: [] as number[], mirror: [] as number[], multiplexed: [] as number[], pipelined: [] as number[]}
    // Interleaved, so drift in the machine's load affects every figure alike.
    for (let i = 0; i < REPETITIONS; i++) {
      samples.reference.push(await memcaslap(server.port, config))
      samples.mirror.push(await cacheBenchGets(server.url, CLIENTS, 1))
      samples.multiplexed.push(await cacheBenchGets(server.url, 4, 1))
      samples.pipelined.push(await cacheBenchGets(server.url, 4, 16))
    }
    const m = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])) as Record<keyof typeof samples, number>
    const setup = `${VALUE_BYTES} B values, all hits, ${CLIENTS} in flight, ${SECONDS} s each, median of ${REPETITIONS}`
    const ratio = (value: number) => Number(value.toFixed(3))
    return [
      {name: 'memcached.get.memcaslap.c50', value: Math.round(m.reference), unit: 'ops/s', note: `memcaslap -T 2 -c ${CLIENTS} -B, GET-only config; ${setup}`},
      {name: 'memcached.get.cache-bench.c50-conn50', value: Math.round(m.mirror), unit: 'ops/s', note: `cache-only 100% read over ${KEYS} prefilled keys, concurrency ${CLIENTS}, --connections ${CLIENTS}`},
      {name: 'memcached.get.c50-conn50.vs-memcaslap', value: ratio(m.mirror / m.reference), unit: 'ratio', note: 'one request in flight per connection, like memcaslap'},
      {name: 'memcached.get.cache-bench.c50-conn4', value: Math.round(m.multiplexed), unit: 'ops/s', note: `concurrency ${CLIENTS} over the default 4 connections`},
      {name: 'memcached.get.c50-conn4.vs-memcaslap', value: ratio(m.multiplexed / m.reference), unit: 'ratio', note: '~12 requests in flight per connection, each written on its own'},
      {name: 'memcached.get.cache-bench.c50-conn4-P16', value: Math.round(m.pipelined), unit: 'ops/s', note: `concurrency ${CLIENTS}, --connections 4, --pipeline 16`},
      {name: 'memcached.get.c50-conn4-P16.vs-memcaslap', value: ratio(m.pipelined / m.reference), unit: 'ratio', note: 'requests of one event-loop tick share a socket write'},
    ]
  } finally {
    rmSync(dir, {recursive: true, force: true})
    await server.stop()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchMemcached()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
