import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {lruHits, oracleGeneralBytes, seeded, skewedRequests, traceDir, twitterLines, writeTrace, zipfDraws} from './fixtures.js'

const dir = traceDir()

/** A read-only oracleGeneral trace over 600 keys, Zipf-skewed; each object keeps one size (100..149 B). */
const ranks = zipfDraws(30_000, 600, 0.9, seeded(11))
const sizeOf = (rank: number) => 100 + (rank % 50)
const ORACLE = writeTrace(dir, 'reads.bin', oracleGeneralBytes(ranks.map((rank, index) => ({timeS: index >> 10, id: BigInt(rank * 104_729 + 7), size: sizeOf(rank)}))))

/**
 * Exact LRU by bytes, written out: an item costs its value, its key's name (`k:` + the dense id
 * the trace gives it in order of first appearance) and 56 bytes of header; a miss stores the
 * item and evicts from the cold end until the total fits (an item larger than the cache is not kept).
 */
function byteLruHits(keys: readonly number[], bytesOf: (key: number) => number, capacity: number): number {
  const ids = new Map<number, number>()
  const cache = new Map<number, number>()
  let used = 0
  let hits = 0
  for (const key of keys) {
    if (!ids.has(key)) ids.set(key, ids.size)
    const bytes = bytesOf(key) + `k:${ids.get(key)}`.length + 56
    if (cache.delete(key)) hits++
    else used += bytes
    cache.set(key, bytes)
    for (const [cold, coldBytes] of cache) {
      if (used <= capacity) break
      cache.delete(cold)
      used -= coldBytes
    }
  }
  return hits
}

describe('mrc and plan on a trace', () => {
  it('mrc --trace gives exactly the hit ratio of an LRU simulation of the trace at every size', async () => {
    const sizes = [1, 10, 50, 200, 599, 600]
    const run = await cli(['mrc', '--trace', ORACLE, '--trace-format', 'oracle-general', '--sizes', sizes.join(','), '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({method: 'exact-lru', unit: 'items', reads: ranks.length, warmup: 0})
    expect(result.points.map((point: {hitRatio: number}) => point.hitRatio)).toEqual(sizes.map((size) => lruHits(ranks, size) / ranks.length))
  })

  it('a trace named in a workload file: write-through stores what the trace writes, and the warm-up is left out', async () => {
    const requests = skewedRequests({count: 4000, keys: 300, setShare: 0.2, valueBytes: 64, prefix: 'user', seed: 12})
    const file = writeTrace(dir, 'mixed.csv', twitterLines(requests))
    const workload = join(dir, 'mixed.yaml')
    writeFileSync(workload, `version: 1\ntrace: {file: mixed.csv, format: twitter}\nstrategy: {name: write-through}\nload: {warmup: 1000}\n`)
    expect(file).toBe(join(dir, 'mixed.csv'))
    const sizes = [5, 40, 150]
    const run = await cli(['mrc', workload, '--sizes', sizes.join(','), '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    // Written out: a get hits when its key is among the `size` most recent; a set moves its key to the top.
    const expected = sizes.map((size) => {
      const recent: string[] = []
      let hits = 0
      requests.forEach((request, index) => {
        const at = recent.indexOf(request.key)
        if (request.command === 'get' && index >= 1000 && at >= 0 && at < size) hits++
        if (at >= 0) recent.splice(at, 1)
        recent.unshift(request.key)
      })
      return hits
    })
    const reads = requests.slice(1000).filter((request) => request.command === 'get').length
    expect(result).toMatchObject({method: 'exact-lru', reads, requests: 4000, warmup: 1000})
    expect(result.points.map((point: {hitRatio: number}) => point.hitRatio)).toEqual(expected.map((hits) => hits / reads))
  })

  it('a simulated curve of a trace at its pace gives origin reads per second; back to back (a closed loop) it gives none', async () => {
    // Writes with a TTL make the curve a simulation; 100 requests a trace second.
    const requests = skewedRequests({count: 6000, keys: 400, setShare: 0.1, valueBytes: 64, prefix: 'item', seed: 21}).map((request, index) => ({
      ...request,
      timeS: Math.floor(index / 100),
      ttl: request.command === 'set' ? 30 : 0,
    }))
    const file = writeTrace(dir, 'paced.csv', twitterLines(requests))
    const [paced, max] = await Promise.all(
      ['1', 'max'].map((speed) => {
        const workload = join(dir, `paced-${speed}.yaml`)
        writeFileSync(workload, `version: 1\ntrace: {file: paced.csv, format: twitter, speed: ${speed}}\n`)
        return cli(['mrc', workload, '--sizes', '20,100', '--json'])
      }),
    )
    expect(paced.exitCode, paced.stderr).toBe(0)
    expect(max.exitCode, max.stderr).toBe(0)
    const pacedCurve = JSON.parse(paced.stdout)
    expect(pacedCurve.method).toBe('simulation')
    const getsPerSecond = (100 * requests.filter((request) => request.command === 'get').length) / requests.length
    for (const point of pacedCurve.points) expect(point.originReadsPerSec / (getsPerSecond * point.missRatio)).toBeCloseTo(1, 1)
    const maxCurve = JSON.parse(max.stdout)
    expect(maxCurve.points.map((point: {originReadsPerSec: number | null}) => point.originReadsPerSec)).toEqual([null, null])
  })

  it('an exact curve of a paced trace gives origin reads per second at the trace’s pace × --trace-speed; back to back none', async () => {
    const curves = await Promise.all(
      ['1', '10', 'max'].map(async (speed) => {
        const run = await cli(['mrc', '--trace', ORACLE, '--trace-format', 'oracle-general', '--trace-speed', speed, '--sizes', '50,200', '--json'])
        expect(run.exitCode, run.stderr).toBe(0)
        return JSON.parse(run.stdout)
      }),
    )
    // 30,000 reads whose whole-second times run from 0 s to 29 s: 29,999 gaps over 29 s.
    const pace = 29_999 / 29
    expect(curves[0].method).toBe('exact-lru')
    expect(curves[0].readsPerSec).toBeCloseTo(pace, 6)
    expect(curves[1].readsPerSec).toBeCloseTo(10 * pace, 6)
    for (const curve of curves.slice(0, 2)) {
      for (const point of curve.points) expect(point.originReadsPerSec).toBeCloseTo(curve.readsPerSec * point.missRatio, 6)
    }
    expect(curves[2].readsPerSec).toBeNull()
    expect(curves[2].points.map((point: {originReadsPerSec: number | null}) => point.originReadsPerSec)).toEqual([null, null])
  })

  it('plan --trace sizes the cache on the exact byte curve of the trace', async () => {
    const run = await cli(['plan', '--trace', ORACLE, '--trace-format', 'oracle-general', '--hit-ratio', '0.6', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const plan = JSON.parse(run.stdout)
    const [curve] = plan.curve
    expect(curve.method).toBe('exact-lru')
    for (const point of curve.points) {
      expect(point.hitRatio).toBeCloseTo(byteLruHits(ranks, sizeOf, point.capacityBytes) / ranks.length, 12)
    }
    const chosen = curve.points.find((point: {hitRatio: number}) => point.hitRatio >= 0.6)
    expect(curve.memoryBytes).toBe(chosen.capacityBytes)
    expect(plan.rows.length).toBeGreaterThan(0)
  })

  it('a trace whose writes give TTLs is simulated, and says why', async () => {
    const lines = twitterLines([
      {timeS: 0, key: 'a', valueBytes: 10, command: 'set', ttl: 60},
      {timeS: 1, key: 'a', valueBytes: 10, command: 'get', ttl: 0},
      {timeS: 2, key: 'b', valueBytes: 10, command: 'get', ttl: 0},
    ])
    const run = await cli(['mrc', '--trace', writeTrace(dir, 'ttl.csv', lines), '--trace-format', 'twitter', '--sizes', '1,2', '--threads', '1', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({method: 'simulation', methodReason: "the trace's writes give entries TTLs"})
  })
})
