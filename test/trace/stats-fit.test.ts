import {describe, expect, it} from 'vitest'
import {DepthCounts} from '../../src/mrc/depth-counts.js'
import {RecencyStack} from '../../src/mrc/recency-stack.js'
import {ReadAheadRequests} from '../../src/trace/read-ahead/read-ahead-requests.js'
import {traceStats} from '../../src/trace/trace-stats.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import {cli} from '../helpers/cli.js'
import {lruHits, oracleGeneralBytes, seeded, traceDir, twitterLines, writeTrace, zipfDraws} from './fixtures.js'

const dir = traceDir()

describe('trace stats and fit', () => {
  it('depths counted on a growing dense recency stack give the exact LRU hits at every cache size, across renumbering', () => {
    const random = seeded(3)
    // 5000 keys over 60,000 accesses: the stack's slots are renumbered many times on the way, and its key array grows.
    const keys = Array.from({length: 60_000}, () => Math.floor(5000 * random() ** 2))
    const stack = new RecencyStack('dense', false)
    const depths = new DepthCounts()
    for (const key of keys) depths.record(stack.access(key, 0).items)
    const sizes = [1, 7, 100, 1000, 4000, 5000]
    expect(depths.hitsAt(sizes)).toEqual(sizes.map((size) => lruHits(keys, size)))
  })

  it('counts requests, distinct keys, one-hit wonders, the mix and sizes', () => {
    const lines = twitterLines([
      {timeS: 0, key: 'a', valueBytes: 100, command: 'get', ttl: 0},
      {timeS: 1, key: 'b', valueBytes: 200, command: 'set', ttl: 0},
      {timeS: 2, key: 'a', valueBytes: 100, command: 'get', ttl: 0},
      {timeS: 3, key: 'c', valueBytes: 300, command: 'delete', ttl: 0},
    ])
    const stats = traceStats({file: writeTrace(dir, 'small.csv', lines), format: 'twitter', skipBadRecords: 0})
    expect(stats).toMatchObject({
      requests: 4,
      distinctKeys: 3,
      oneHitWonders: 2,
      operations: {reads: 2, writes: 1, deletes: 1},
      valueBytes: {p50: 100, max: 300},
      spanMs: 3000,
      // Four whole seconds (0 to 3) hold the four requests.
      meanRequestsPerSecond: 1,
      reuseDistance: {firstAccesses: 3, buckets: [{from: 1, to: 1, count: 1}]},
    })
  })

  it('spans a trace whose clock steps back from its earliest time to its latest, so its rate is a rate', () => {
    const lines = twitterLines([
      {timeS: 100, key: 'a', valueBytes: 100, command: 'get', ttl: 0},
      {timeS: 5, key: 'b', valueBytes: 100, command: 'get', ttl: 0},
      {timeS: 50, key: 'a', valueBytes: 100, command: 'get', ttl: 0},
      {timeS: 8, key: 'c', valueBytes: 100, command: 'get', ttl: 0},
    ])
    const stats = traceStats({file: writeTrace(dir, 'backwards.csv', lines), format: 'twitter', skipBadRecords: 0})
    // 5 s to 100 s: 96 whole seconds hold the four requests (first-to-last was 100 s to 8 s, -92 s).
    expect(stats.spanMs).toBe(95_000)
    expect(stats.meanRequestsPerSecond).toBeCloseTo(4 / 96, 12)
    // The rate series starts at or before the earliest request (it put 5 s and 8 s into the first request's interval, 100 s).
    const interval = stats.requestRate[1].atMs - stats.requestRate[0].atMs
    const counted = stats.requestRate.map((point) => Math.round((point.perSecond * interval) / 1000))
    expect(counted.reduce((sum, count) => sum + count, 0)).toBe(4)
    const at = (timeS: number) => Math.floor((timeS * 1000 - (100_000 - Math.ceil(95_000 / interval) * interval)) / interval)
    const expected = new Array<number>(counted.length).fill(0)
    for (const timeS of [100, 5, 50, 8]) expected[at(timeS)]++
    expect(counted).toEqual(expected)
  })

  it('counts a request repeated by op_count as that many requests, on one thread and through the read-ahead alike, in one step', async () => {
    const rows = [['a', 'GET', 3], ['b', 'SET', 1], ['a', 'GET', 2], ['c', 'DELETE', 4], ['b', 'GET', 1]] as const
    const repeated = writeTrace(dir, 'op-count.csv', 'op_time,key,op,size,op_count\n' + rows.map(([key, op, count], at) => `${at},${key},${op},100,${count}`).join('\n') + '\n')
    const expanded = writeTrace(dir, 'op-count-expanded.csv', 'op_time,key,op,size,op_count\n' + rows.flatMap(([key, op, count], at) => Array.from({length: count}, () => `${at},${key},${op},100,1`)).join('\n') + '\n')
    const {file: _repeatedFile, ...fromRepeats} = traceStats({file: repeated, format: 'meta-kv', skipBadRecords: 0})
    const {file: _expandedFile, ...fromLines} = traceStats({file: expanded, format: 'meta-kv', skipBadRecords: 0})
    expect(fromRepeats).toEqual(fromLines)
    expect(fromRepeats.requests).toBe(11)
    // Nine billion repeats are passed over in one step: walked one by one they took minutes.
    const huge = writeTrace(dir, 'op-count-huge.csv', 'key,op,size,op_count\nk1,GET,100,9000000000\nk2,GET,100,3\n')
    const stats = await cli(['trace', 'stats', huge, '--trace-format', 'meta-kv', '--json'])
    expect(stats.exitCode, stats.stderr).toBe(0)
    expect(JSON.parse(stats.stdout)).toMatchObject({requests: 9_000_000_003, distinctKeys: 2, oneHitWonders: 0, reuseDistance: {firstAccesses: 2, buckets: [{from: 0, to: 0, count: 9_000_000_001}]}})
    const readAhead = new ReadAheadRequests({file: huge, format: 'meta-kv', skipBadRecords: 0})
    try {
      expect([readAhead.next(), readAhead.keyId, readAhead.skipRepeats(), readAhead.next(), readAhead.keyId, readAhead.next(), readAhead.skipRepeats()]).toEqual([true, 0, 8_999_999_999, true, 1, true, 1])
      expect(readAhead.next()).toBe(false)
    } finally {
      readAhead.close()
    }
  }, 20_000)

  it('trace fit says when the θ it writes is not the θ it fitted: one key has no skew, and a workload takes 0.01 at least', async () => {
    const file = writeTrace(dir, 'one-key.csv', '1,k1,2,100,7,get,0\n2,k1,2,100,7,get,0\n')
    const fit = await cli(['trace', 'fit', file, '--trace-format', 'twitter'])
    expect(fit.exitCode, fit.stderr).toBe(0)
    expect(fit.stderr.trim()).toBe(
      "Zipf θ 0.000 (written as 0.01, the nearest a workload takes); the fitted workload's LRU miss-ratio curve is within 0.0000 of the trace's (mean absolute error over 1 cache size).",
    )
    expect(fit.stdout).toMatch(/theta: 0\.01\n/)
  })

  it('trace fit recovers the θ of a zipfian trace within 0.05 and writes a workload that loads', async () => {
    const theta = 0.8
    const ranks = zipfDraws(200_000, 2000, theta, seeded(5))
    // Object ids scrambled so that rank and id differ, as in a real trace.
    const records = ranks.map((rank, index) => ({timeS: Math.floor(index / 1000), id: BigInt(rank * 7919 + 13), size: 100 + (rank % 50)}))
    const file = writeTrace(dir, 'zipf.bin.zst', oracleGeneralBytes(records))
    const json = await cli(['trace', 'fit', file, '--format', 'oracle-general', '--json'])
    expect(json.exitCode, json.stderr).toBe(0)
    const fit = JSON.parse(json.stdout)
    expect(Math.abs(fit.fittedTheta - theta)).toBeLessThan(0.05)
    expect(fit.missRatioError).toBeLessThan(0.05)
    const yaml = await cli(['trace', 'fit', file, '--format', 'oracle-general'])
    expect(yaml.stderr).toMatch(/^Zipf θ 0\.\d{3}; the fitted workload's LRU miss-ratio curve is within 0\.0\d+ of the trace's/)
    const workload = parseWorkload(yaml.stdout, 'fitted.yaml')
    expect(workload.keyspace).toMatchObject({count: 2000, distribution: 'zipfian'})
    expect(Math.abs(workload.keyspace.theta - theta)).toBeLessThan(0.05)
    expect(workload.load.operations).toBe(200_000)
    // 1,000 requests in each of 200 whole seconds (stamped 0 to 199): 1,000 a second, not 200,000 over the 199 s between the first stamp and the last.
    expect(workload.load.rate).toBe(1000)
  })

  it('trace stats takes --trace-format, the name run, mrc and plan give the same flag', async () => {
    const file = writeTrace(dir, 'aliased.csv', 'key,op\na,get\nb,get\na,set\n')
    const run = await cli(['trace', 'stats', file, '--trace-format', 'csv', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({format: 'csv', requests: 3, distinctKeys: 2, operations: {reads: 2, writes: 1}})
  })

  it('trace fit keeps a θ above 1, which real traces often have, and its curve then follows the trace', async () => {
    const theta = 1.5
    const ranks = zipfDraws(100_000, 1000, theta, seeded(8))
    const records = ranks.map((rank, index) => ({timeS: Math.floor(index / 1000), id: BigInt(rank * 7919 + 13), size: 100}))
    const file = writeTrace(dir, 'steep.bin.zst', oracleGeneralBytes(records))
    const json = await cli(['trace', 'fit', file, '--format', 'oracle-general', '--json'])
    expect(json.exitCode, json.stderr).toBe(0)
    const fit = JSON.parse(json.stdout)
    expect(Math.abs(fit.fittedTheta - theta)).toBeLessThan(0.05)
    expect(fit.theta).toBe(fit.workload.keyspace.theta)
    expect(Math.abs(fit.theta - theta)).toBeLessThan(0.05)
    // Clamped to 0.99, as it was, the workload's curve missed this trace's by 0.30 on average.
    expect(fit.missRatioError).toBeLessThan(0.02)
  })

  it('trace stats refuses a trace with no requests, as a replay does, instead of a θ of 0 and a curve of 0% misses', async () => {
    const file = writeTrace(dir, 'empty.csv', '')
    const run = await cli(['trace', 'stats', file, '--format', 'twitter'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toBe(`Error: ${file}: the trace holds no read, write or delete requests.`)
    expect(run.stdout).toBe('')
  })

  it('trace stats names a malformed record by file:line and exits 2', async () => {
    const file = writeTrace(dir, 'broken.csv', 'key,op\na,get\n,get\n')
    const run = await cli(['trace', 'stats', file, '--format', 'csv'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain(`${file}:3: malformed csv record: expected a key in column 1`)
  })
})
