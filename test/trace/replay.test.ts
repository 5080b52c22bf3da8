import {truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
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

  describe('a trace changed on disk after its first pass', () => {
    // More records than one read holds (43,690), so the replay reads the file again after it changed.
    const records = Array.from({length: 100_000}, (_, index) => ({timeS: index >>> 8, id: BigInt(index % 5_000), size: 64}))

    /** Opens the replay (its first pass done), lets `change` alter the file, then draws until the replay refuses. */
    function drawAfter(name: string, change: (file: string) => void): {drawn: number; error: unknown} {
      const file = writeTrace(dir, name, oracleGeneralBytes(records))
      const workload = loadWorkload(workloadFile(`${name}.yaml`, `trace: {file: ${name}, format: oracle-general, speed: max}\n`))
      const replay = openTraceReplay(workload, workload.trace!)
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

    it('rewritten with other keys: refused at the first key the first pass did not see', () => {
      const {drawn, error} = drawAfter('rewritten.bin', (file) => writeFileSync(file, oracleGeneralBytes(records.map((record) => ({...record, id: record.id + 1_000_000n})))))
      // The first read (43,690 records) was taken before the change.
      expect(drawn).toBe(43_690)
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message).toContain('rewritten.bin: the trace holds keys its first pass did not see')
    })
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
