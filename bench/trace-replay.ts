import {spawnSync} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {CacheEngine} from '../src/engine/index.js'
import {createRandom} from '../src/generators/random.js'
import {createScrambledZipfianKeys} from '../src/generators/scrambled-zipfian.js'
import {runWorkload} from '../src/runner/run-workload.js'
import {scanTrace} from '../src/trace/scan-trace.js'
import {TraceRequests} from '../src/trace/trace-requests.js'
import {parseWorkload} from '../src/workload/load-workload.js'
import type {BenchRow} from './bench-row.js'

const REQUESTS = Number(process.env.TRACE_BENCH_REQUESTS ?? 10_000_000)
const KEYS = 1_000_000
const CAPACITY = KEYS / 10
/** The runner's async path is slower; it replays this many requests of the same trace. */
const RUNNER_REQUESTS = Math.min(REQUESTS, 1_000_000)
const OBJECT_BYTES = 24
const WRITE_BATCH = 65_536

/** The requests' keys, a scrambled zipfian over 1M ids, as an in-memory stream for the reference loop. */
function keyStream(): Int32Array {
  const keys = createScrambledZipfianKeys(
    {count: KEYS, distribution: 'scrambled-zipfian', theta: 0.99, hotspot: {hotFraction: 0.2, hotOpFraction: 0.8}, exponential: {percentile: 95, fraction: 0.1}},
    createRandom(42, 1),
  )
  return Int32Array.from({length: REQUESTS}, () => keys.nextKey())
}

/** Writes the stream as libCacheSim oracleGeneral records and as Twitter CSV lines, batch by batch. */
function writeTraces(dir: string, stream: Int32Array): {oracle: string; twitter: string} {
  const oracle = join(dir, 'bench.oracleGeneral.bin')
  const twitter = join(dir, 'bench.twitter.csv')
  const oracleFd = openSync(oracle, 'w')
  const twitterFd = openSync(twitter, 'w')
  const records = Buffer.alloc(WRITE_BATCH * OBJECT_BYTES)
  for (let start = 0; start < stream.length; start += WRITE_BATCH) {
    const end = Math.min(stream.length, start + WRITE_BATCH)
    let lines = ''
    for (let index = start; index < end; index++) {
      const at = (index - start) * OBJECT_BYTES
      const time = Math.floor(index / 10_000)
      records.writeUInt32LE(time, at)
      records.writeBigUInt64LE(BigInt(stream[index]), at + 4)
      records.writeUInt32LE(1024, at + 12)
      records.writeBigInt64LE(-1n, at + 16)
      lines += `${time},key${stream[index]},10,1024,1,get,0\n`
    }
    writeSync(oracleFd, records, 0, (end - start) * OBJECT_BYTES)
    writeSync(twitterFd, lines)
  }
  closeSync(oracleFd)
  closeSync(twitterFd)
  return {oracle, twitter}
}

/** The replay's inner loop on the engine: each request a get, and a set on a miss (lazy loading, LRU). */
function replayOnEngine(file: string, format: string): {perSecond: number; perCpuSecond: number; hitRatio: number} {
  const cache = new CacheEngine({maxItems: CAPACITY, capacityBytes: null, eviction: 'lru', now: () => 0})
  const requests = new TraceRequests({file, format, skipBadRecords: 0})
  const cpu = process.cpuUsage()
  const started = performance.now()
  let count = 0
  while (requests.next()) {
    const key = requests.keyId
    if (cache.lookup(key) < 0) cache.set(key, 1, 0, requests.valueBytes, null)
    count++
  }
  const seconds = (performance.now() - started) / 1000
  const cpuSeconds = cpuSecondsSince(cpu)
  requests.close()
  return {perSecond: count / seconds, perCpuSecond: count / cpuSeconds, hitRatio: cache.counters.hits / count}
}

/** The first pass alone (scanTrace: counts, distinct keys, first sizes): mrc and plan make it; `run` reads the trace once and makes it only where it must (parts, events, memcached, a request without a size). */
function firstPass(file: string, format: string): {perSecond: number; perCpuSecond: number} {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const {requests} = scanTrace({file, format, skipBadRecords: 0})
  return {perSecond: requests / ((performance.now() - started) / 1000), perCpuSecond: requests / cpuSecondsSince(cpu)}
}

/** CPU seconds this process spent since `start`: steadier than wall time on a shared machine. */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

/** The same loop over the keys already in memory: what reading and parsing the trace adds to. */
function referenceLoop(stream: Int32Array): {perSecond: number; perCpuSecond: number} {
  const cache = new CacheEngine({maxItems: CAPACITY, capacityBytes: null, eviction: 'lru', now: () => 0})
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let index = 0; index < stream.length; index++) if (cache.lookup(stream[index]) < 0) cache.set(stream[index], 1, 0, 1024, null)
  return {perSecond: stream.length / ((performance.now() - started) / 1000), perCpuSecond: stream.length / cpuSecondsSince(cpu)}
}

async function replayWithRunner(file: string): Promise<number> {
  const text = `version: 1\ntrace: {file: ${JSON.stringify(file)}, format: oracle-general, speed: max}\ncache: {maxItems: ${CAPACITY}, eviction: lru}\nload: {concurrency: 1, operations: ${RUNNER_REQUESTS}}\norigin: {latency: 0ms}\n`
  const started = performance.now()
  await runWorkload(parseWorkload(text, join(tmpdir(), 'bench-trace.yaml')))
  return RUNNER_REQUESTS / ((performance.now() - started) / 1000)
}

/** A replay as a user runs it: `cache-bench run` from dist/ in a child process, the whole trace. */
interface CommandReplay {
  perSecond: number
  perCpuSecond: number
  hitRatio: number
  mode: string
}

/**
 * Runs `cache-bench run WORKLOAD --json` on a workload file that replays the trace, and times
 * the child with bash's `time` (wall, user and system seconds): set-up, the trace's one read
 * and the report included, as a user would see them.
 */
function replayWithCommand(dir: string, file: string, format: string, speed: string): CommandReplay {
  const workloadFile = join(dir, `bench-${format}-${speed}.yaml`)
  const resultFile = join(dir, 'result.json')
  writeFileSync(
    workloadFile,
    `version: 1\ntrace: {file: ${JSON.stringify(file)}, format: ${format}, speed: ${speed}}\ncache: {maxItems: ${CAPACITY}, eviction: lru}\norigin: {latency: 0ms}\n`,
  )
  const bin = resolve(import.meta.dirname, '../bin/run.js')
  const timed = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time node "$0" run "$1" --json > "$2"`, bin, workloadFile, resultFile], {encoding: 'utf8'})
  if (timed.status !== 0) throw new Error(`cache-bench run on the ${format} trace exited with ${timed.status}: ${timed.stderr}`)
  const [wall, user, system] = timed.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {summary: {reads: number; hits: number; operations: number}; load: {mode: string}}
  const {operations, reads, hits} = result.summary
  return {perSecond: operations / wall, perCpuSecond: operations / (user + system), hitRatio: hits / reads, mode: result.load.mode}
}

function commandRow(name: string, replay: CommandReplay, reference: {perCpuSecond: number}, target: string, how: string): BenchRow {
  return {
    name,
    value: Math.round(replay.perSecond),
    unit: 'req/s',
    note: `cache-bench run, ${how} (${replay.mode} loop on the simulation core), whole trace read once, set-up included, hit ratio ${replay.hitRatio.toFixed(3)}, target ${target}; ${perCpu(replay, reference)}`,
  }
}

function perCpu(replay: {perCpuSecond: number}, reference: {perCpuSecond: number}): string {
  return `${Math.round(replay.perCpuSecond)} per CPU second, ${(replay.perCpuSecond / reference.perCpuSecond).toFixed(2)}× the reference's`
}

export async function benchTraceReplay(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-trace-bench-'))
  try {
    const stream = keyStream()
    const {oracle, twitter} = writeTraces(dir, stream)
    const setup = `${REQUESTS / 1e6}M requests, scrambled zipfian 0.99 over ${KEYS / 1e6}M keys, LRU of ${CAPACITY / 1e3}k items`
    const reference = referenceLoop(stream)
    const oracleReplay = replayOnEngine(oracle, 'oracle-general')
    const twitterReplay = replayOnEngine(twitter, 'twitter')
    const oracleScan = firstPass(oracle, 'oracle-general')
    const twitterScan = firstPass(twitter, 'twitter')
    const runner = await replayWithRunner(oracle)
    const oracleMax = replayWithCommand(dir, oracle, 'oracle-general', 'max')
    const oraclePaced = replayWithCommand(dir, oracle, 'oracle-general', '1')
    const twitterMax = replayWithCommand(dir, twitter, 'twitter', 'max')
    const twitterPaced = replayWithCommand(dir, twitter, 'twitter', '1')
    return [
      {name: 'trace.oracle-general.replay-lru', value: Math.round(oracleReplay.perSecond), unit: 'req/s', note: `${setup}, hit ratio ${oracleReplay.hitRatio.toFixed(3)}, target ≥ 2M req/s; ${perCpu(oracleReplay, reference)}`},
      {name: 'trace.twitter-csv.replay-lru', value: Math.round(twitterReplay.perSecond), unit: 'req/s', note: `${setup}, hit ratio ${twitterReplay.hitRatio.toFixed(3)}, target ≥ 1M req/s; ${perCpu(twitterReplay, reference)}`},
      {name: 'trace.oracle-general.first-pass', value: Math.round(oracleScan.perSecond), unit: 'req/s', note: `a first pass alone (mrc, plan; no longer made by run on this trace); ${Math.round(oracleScan.perCpuSecond)} per CPU second`},
      {name: 'trace.twitter-csv.first-pass', value: Math.round(twitterScan.perSecond), unit: 'req/s', note: `a first pass alone (mrc, plan; no longer made by run on this trace); ${Math.round(twitterScan.perCpuSecond)} per CPU second`},
      {name: 'trace.reference.in-memory-keys-lru', value: Math.round(reference.perSecond), unit: 'req/s', note: `the same engine loop over keys already in memory (no reading or parsing); ${Math.round(reference.perCpuSecond)} per CPU second`},
      {name: 'trace.oracle-general.run-workload', value: Math.round(runner), unit: 'req/s', note: `cache-bench's runner in-process (simulation core), first ${RUNNER_REQUESTS / 1e6}M requests, then the rest of the trace read for its figures`},
      commandRow('trace.oracle-general.run.speed-max', oracleMax, reference, '≥ 2M req/s', 'back to back'),
      commandRow('trace.oracle-general.run.paced', oraclePaced, reference, '≥ 2M req/s', "at the trace's pace (10k requests per trace second)"),
      commandRow('trace.twitter-csv.run.speed-max', twitterMax, reference, '≥ 1M req/s', 'back to back'),
      commandRow('trace.twitter-csv.run.paced', twitterPaced, reference, '≥ 1M req/s', "at the trace's pace (10k requests per trace second)"),
    ]
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await benchTraceReplay()) {
    console.log(`${row.name.padEnd(40)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`)
  }
}
