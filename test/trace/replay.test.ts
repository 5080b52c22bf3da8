import {truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {RunMetrics} from '../../src/metrics/run-metrics.js'
import {type ProgressSnapshot, reportProgress} from '../../src/runner/progress.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import {openTraceReplay} from '../../src/trace/trace-replay.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {lruHits, oracleGeneralBytes, seeded, traceDir, twitterLines, writeTrace, type Request} from './fixtures.js'

const dir = traceDir()

/** Keys skewed towards the low numbers, from a seeded generator: a cache of a few keys gets hits and misses. */
function skewedKeys(count: number, keys: number, seed: number): string[] {
  const random = seeded(seed)
  return Array.from({length: count}, () => `k${Math.floor(keys * random() ** 3)}`)
}

function workloadFile(name: string, body: string): string {
  const file = join(dir, name)
  writeFileSync(file, `version: 1\n${body}`)
  return file
}

describe('trace replay on builtin', () => {
  it('a read-only trace with lazy loading hits exactly as an exact LRU of the same capacity', async () => {
    const keys = skewedKeys(20_000, 2_000, 11)
    const requests: Request[] = keys.map((key, index) => ({timeS: Math.floor(index / 100), key, valueBytes: 200, command: 'get', ttl: 0}))
    writeTrace(dir, 'reads.csv.zst', twitterLines(requests))
    const file = workloadFile('reads.yaml', 'trace: {file: reads.csv.zst, format: twitter, speed: max}\nstrategy: {name: lazy-loading}\ncache: {maxItems: 150, eviction: lru}\nload: {concurrency: 1}\n')
    const result = await runWorkload(loadWorkload(file))
    const hits = lruHits(keys, 150)
    expect(result.summary.operations).toBe(20_000)
    expect(result.summary.hits).toBe(hits)
    expect(result.summary.misses).toBe(20_000 - hits)
    expect(result.trace).toMatchObject({format: 'twitter', requests: 20_000, distinctKeys: new Set(keys).size, speed: 'max'})
  })

  it('an oracleGeneral trace longer than one read: the summary and the hits agree with an independent count', async () => {
    const random = seeded(17)
    const ids = Array.from({length: 60_001}, () => BigInt(Math.floor(3_000 * random() ** 2)) * 0x1_0000_0001n)
    writeTrace(dir, 'reads.bin', oracleGeneralBytes(ids.map((id, index) => ({timeS: index >>> 8, id, size: 64}))))
    const file = workloadFile('oracle.yaml', 'trace: {file: reads.bin, format: oracle-general, speed: max}\nstrategy: {name: lazy-loading}\ncache: {maxItems: 400, eviction: lru}\nload: {concurrency: 1}\n')
    const result = await runWorkload(loadWorkload(file))
    const hits = lruHits(ids, 400)
    expect(result.summary.operations).toBe(ids.length)
    expect(result.summary.hits).toBe(hits)
    expect(result.trace).toMatchObject({requests: ids.length, distinctKeys: new Set(ids).size, skippedByCommand: {}, badRecords: 0, lost: 0})
  })

  describe('a trace changed on disk after its first pass (runs split into parts, with events, or on memcached)', () => {
    // More records than one read holds (43,690), so the replay reads the file again after it changed.
    const records = Array.from({length: 100_000}, (_, index) => ({timeS: index >>> 8, id: BigInt(index % 5_000), size: 64}))

    /** Opens the replay (its first pass done), lets `change` alter the file, then draws until the replay refuses. */
    function drawAfter(name: string, change: (file: string) => void): {drawn: number; error: unknown} {
      const file = writeTrace(dir, name, oracleGeneralBytes(records))
      const workload = loadWorkload(workloadFile(`${name}.yaml`, `trace: {file: ${name}, format: oracle-general, speed: max}\n`))
      const replay = openTraceReplay(workload, workload.trace!, {firstPass: true})
      change(file)
      let drawn = 0
      try {
        for (; drawn < replay.operations; drawn++) replay.mix.next()
        return {drawn, error: undefined}
      } catch (error) {
        return {drawn, error}
      } finally {
        replay.close()
      }
    }

    it('cut short: refused as bad input when the requests run out, naming the file', () => {
      const {drawn, error} = drawAfter('cut.bin', (file) => truncateSync(file, 50_000 * 24))
      expect(drawn).toBe(50_000)
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message).toContain('cut.bin: the trace ended after fewer requests than its first pass counted (100000)')
    })

  })

  describe('read once or after a first pass, a replay hands out the same requests, sizes and TTLs', () => {
    /** Every draw a run makes of a replay: the origin's initial sizes as keys are reserved, then per request its operation, key, size and TTL. */
    function draws(file: string, format: string, firstPass: boolean) {
      const workload = loadWorkload(workloadFile(`${format}-${firstPass}.yaml`, `trace: {file: ${file}, format: ${format}, speed: max}\n`))
      const replay = openTraceReplay(workload, workload.trace!, {firstPass})
      const initialSizes: number[] = []
      const reserve = (count: number) => {
        while (initialSizes.length < count) initialSizes.push(replay.initialSizes.next())
      }
      // The origin draws for the keys the run is built with, then for each key as it comes.
      reserve(replay.workload.keyspace.count)
      replay.onKeys(reserve)
      const requests: string[] = []
      for (let drawn = 0; drawn < replay.operations && !replay.ended(); drawn++) {
        const operation = replay.mix.next()
        requests.push(`${operation} ${replay.keys.nextKey()} ${replay.valueSizes.next()} ${replay.ttl.next()}`)
      }
      const summary = replay.summary()
      replay.close()
      return {initialSizes, requests, summary}
    }

    it('twitter, where keys are first requested without a size (a size only later, or never)', () => {
      const random = seeded(5)
      const requests: Request[] = Array.from({length: 5_000}, (_, index) => {
        const key = `k${Math.floor(300 * random() ** 2)}`
        const command = random() < 0.2 ? 'set' : random() < 0.1 ? 'delete' : 'get'
        // Sets give sizes; a get gives one only sometimes; keys k1.. k9 are never given one.
        const valueBytes = /^k\d$/.test(key) ? 0 : command === 'set' ? 100 + Math.floor(900 * random()) : random() < 0.5 ? 0 : 64
        return {timeS: index >> 4, key, valueBytes, command, ttl: command === 'set' ? Math.floor(10 * random()) : 0}
      })
      writeTrace(dir, 'unsized.csv', twitterLines(requests))
      const once = draws('unsized.csv', 'twitter', false)
      const firstPass = draws('unsized.csv', 'twitter', true)
      expect(once.requests).toHaveLength(5_000)
      expect(once).toEqual(firstPass)
    })

    it('oracleGeneral, every request sized', () => {
      const random = seeded(6)
      const records = Array.from({length: 50_000}, (_, index) => ({timeS: index >> 10, id: BigInt(Math.floor(4_000 * random() ** 2)), size: 1 + Math.floor(2_000 * random())}))
      writeTrace(dir, 'sized.bin', oracleGeneralBytes(records))
      const once = draws('sized.bin', 'oracle-general', false)
      expect(once.requests).toHaveLength(50_000)
      expect(once).toEqual(draws('sized.bin', 'oracle-general', true))
    })
  })

  it('a replay of the whole trace reports as progress the share of its file read, to the end', async () => {
    // 100,000 records of 24 bytes, read 43,690 records (1,048,560 bytes) at a time; the replay reads one request ahead.
    const records = Array.from({length: 100_000}, (_, index) => ({timeS: index >>> 10, id: BigInt(index % 3_000), size: 10}))
    writeTrace(dir, 'progress.bin', oracleGeneralBytes(records))
    const workload = loadWorkload(workloadFile('progress.yaml', 'trace: {file: progress.bin, format: oracle-general, speed: max}\n'))
    const replay = openTraceReplay(workload, workload.trace!, {firstPass: false})
    const fileBytes = 100_000 * 24
    expect(replay.fractionRead()).toBe(1_048_560 / fileBytes)
    for (let drawn = 0; drawn < 43_689; drawn++) replay.mix.next()
    expect(replay.fractionRead()).toBe(1_048_560 / fileBytes)
    replay.mix.next()
    expect(replay.fractionRead()).toBe(2_097_120 / fileBytes)

    // The live line's figure: the trace's share, not the default operation count of a workload without load.
    const metrics = new RunMetrics(1)
    const snapshot = await new Promise<ProgressSnapshot>((resolve) => {
      const stop = reportProgress((seen) => (stop(), resolve(seen)), replay.workload, new VirtualClock(), metrics, replay.fractionRead)
    })
    expect(snapshot.fraction).toBe(2_097_120 / fileBytes)
    expect(replay.summary().requests).toBe(100_000)
    expect(replay.fractionRead()).toBe(1)
    replay.close()
  })

  it('a run stopped by the user does not read the rest of its trace: the figures cover what was read, and say so', async () => {
    const records = Array.from({length: 100_000}, (_, index) => ({timeS: index >>> 10, id: BigInt(index % 3_000), size: 10}))
    writeTrace(dir, 'stopped.bin', oracleGeneralBytes(records))
    const file = workloadFile('stopped.yaml', 'trace: {file: stopped.bin, format: oracle-general, speed: max}\n')
    const stop = new AbortController()
    // Stopped as the load starts: no operation runs, and only the request read ahead has been read.
    const result = await runWorkload(loadWorkload(file), {signal: stop.signal, onLoadStart: () => stop.abort()})
    expect(result.complete).toBe(false)
    expect(result.summary.operations).toBe(0)
    expect(result.trace).toMatchObject({requests: 1, distinctKeys: 1, partial: true})
    expect(result.warnings).toContain("the run was stopped before the trace's end: its figures (trace.requests, trace.distinctKeys, …) cover the 1 requests read so far.")
  })

  it('speed follows the trace timestamps in simulated time; load.operations cuts the trace short', async () => {
    // 1000 requests over 100 s of trace time: at speed 10 the replay spans 10 s of simulated time.
    const requests: Request[] = Array.from({length: 1000}, (_, index) => ({timeS: index / 10, key: `k${index % 37}`, valueBytes: 50, command: index % 10 === 0 ? 'set' : 'get', ttl: 0}))
    writeTrace(dir, 'timed.csv', twitterLines(requests))
    const paced = await runWorkload(loadWorkload(workloadFile('timed.yaml', 'trace: {file: timed.csv, format: twitter, speed: 10}\norigin: {latency: 1ms}\n')))
    expect(paced.summary.operations).toBe(1000)
    expect(paced.summary.writes).toBe(100)
    // Last arrival at 99.9 s / 10; the last operation ends within a few ms of it.
    expect(paced.durationMs).toBeGreaterThanOrEqual(9_990)
    expect(paced.durationMs).toBeLessThan(10_000)
    const cut = await runWorkload(loadWorkload(workloadFile('cut.yaml', 'trace: {file: timed.csv, format: twitter, speed: max}\nload: {operations: 250}\n')))
    expect(cut.summary.operations).toBe(250)
    expect(cut.summary.writes).toBe(25)
    // The trace's own figures are those of the whole trace, read to its end after the load.
    expect(cut.trace).toMatchObject({requests: 1000, distinctKeys: 37})
  })

  it('a trace stamped in whole seconds covers its last second: 50 requests a second for 20 s measure 50 a second to the last interval', async () => {
    // Stamped 0 to 19: every second's requests arrive at its start, the last second's included.
    const requests: Request[] = Array.from({length: 1000}, (_, index) => ({timeS: Math.floor(index / 50), key: `s${index % 41}`, valueBytes: 50, command: 'get', ttl: 0}))
    writeTrace(dir, 'seconds.csv', twitterLines(requests))
    const paced = await runWorkload(loadWorkload(workloadFile('seconds.yaml', 'trace: {file: seconds.csv, format: twitter, speed: 2}\n')))
    // At speed 2 the 20 s of the trace take 10 s.
    expect(paced.durationMs).toBe(10_000)
    expect(paced.summary.throughput).toBe(100)
    expect(paced.timeline).toHaveLength(10)
    expect(paced.timeline.at(-1)).toMatchObject({atMs: 9000, durationMs: 1000, operations: 100, throughput: 100})
  })

  it('keyspace, values or mix beside trace are refused, naming the conflict', () => {
    writeTrace(dir, 'any.csv', twitterLines([{timeS: 1, key: 'a', valueBytes: 1, command: 'get', ttl: 0}]))
    const file = workloadFile('conflict.yaml', 'trace: {file: any.csv, format: twitter}\nmix: {read: 90, write: 10}\n')
    expect(() => loadWorkload(file)).toThrow(/mix.*cannot be combined with trace/)
  })

  it('a trace without timestamps replayed at speed 1 is refused', async () => {
    writeTrace(dir, 'untimed.csv', 'key,op\na,get\nb,get\n')
    const file = workloadFile('untimed.yaml', 'trace: {file: untimed.csv, format: csv, speed: 1}\n')
    await expect(runWorkload(loadWorkload(file))).rejects.toThrow('trace.speed 1 needs arrival times')
  })
})
