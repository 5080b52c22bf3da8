import {describe, expect, it} from 'vitest'
import {keyName} from '../../src/engine/item-size.js'
import type {TimelinePoint} from '../../src/metrics/timeline.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {ConsistentHashRing} from '../../src/targets/consistent-hash.js'
import type {EventSpec} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

// The assertions depend on the reads per key per second (RATE / KEYS = 1) and per interval, not
// on the key count: 5,000 keys for 22 s (110,000 operations a run) keep each test to seconds of
// CPU, where 10,000 keys for 30 s took close to a minute on a loaded 2-core machine.
const KEYS = 5000
const RATE = 5000
const INTERVAL_MS = 100
const FAILURE_AT_MS = 15_000
const DURATION_MS = 22_000

/**
 * Uniform reads over 5,000 keys at 5,000/s into a cache large enough for all of them: by 15 s
 * (75,000 reads, e^-15 of the keys still unread) every read hits.
 */
function readOnly(events: EventSpec[]) {
  return testWorkload({
    seed: 11,
    keyspace: {count: KEYS, distribution: 'uniform'},
    mix: {read: 1, write: 0, delete: 0},
    origin: {latency: {distribution: 'fixed', ms: 2}},
    cache: {latency: {distribution: 'fixed', ms: 0.2}},
    load: {rate: RATE, operations: null, durationMs: DURATION_MS, warmup: {operations: 0}, concurrency: 1},
    events,
  })
}

/** Hits / reads over several intervals together (every operation is a read). */
function hitRatioOf(points: TimelinePoint[]): number {
  const reads = points.reduce((sum, point) => sum + point.operations, 0)
  return points.reduce((sum, point) => sum + (point.hitRatio ?? 0) * point.operations, 0) / reads
}

describe('events in a run', () => {
  it('a node failure in a built-in pool of 4 shows as a hit-ratio dip of its share of the keys, and the ratio recovers', async () => {
    const result = await runWorkload(readOnly([{atMs: FAILURE_AT_MS, action: 'node-failure', node: 1}]), {
      target: 'builtin://?nodes=4',
      intervalMs: INTERVAL_MS,
    })
    // The failed node's keys, from the ring itself: about a quarter of them.
    const ring = new ConsistentHashRing(['node-0', 'node-1', 'node-2', 'node-3'])
    const onNode = Array.from({length: KEYS}, (_, key) => ring.nodeNameFor(keyName(key))).filter((name) => name === 'node-1').length
    expect(Math.abs(onNode / KEYS - 0.25)).toBeLessThan(0.05)
    expect(result.events).toEqual([
      {action: 'node-failure', atMs: FAILURE_AT_MS, timelineMs: FAILURE_AT_MS, tookMs: 0, node: 1, nodeName: 'node-1', nodes: 4, details: {entriesLost: onNode}},
    ])

    const at = FAILURE_AT_MS / INTERVAL_MS
    const before = hitRatioOf(result.timeline.slice(at - 50, at))
    expect(before).toBeGreaterThan(0.999)
    // After the failure the first read of each of the node's keys misses (and refills it). Over
    // the next n reads, uniform over KEYS keys, the node's keys read at least once number
    // onNode·(1 − (1 − 1/KEYS)^n): those are the misses.
    const dip = result.timeline.slice(at, at + 5)
    const reads = dip.reduce((sum, point) => sum + point.operations, 0)
    const expectedMisses = onNode * (1 - (1 - 1 / KEYS) ** reads)
    const expected = 1 - expectedMisses / reads
    // Misses are a sum of nearly independent draws: four standard deviations of a Poisson count.
    const tolerance = (4 * Math.sqrt(expectedMisses)) / reads
    expect(Math.abs(hitRatioOf(dip) - expected)).toBeLessThan(tolerance)
    // The first interval alone loses roughly a quarter of the node's share: 1 − e^-0.1 of it.
    expect(before - (dip[0].hitRatio ?? 1)).toBeGreaterThan(0.15)
    expect(before - (dip[0].hitRatio ?? 1)).toBeLessThan(0.3)
    // Six seconds on, e^-6 of the node's keys are still unread: within 0.01 of before.
    for (const point of result.timeline.slice(at + 60, -1)) expect(point.hitRatio).toBeGreaterThan(before - 0.01)
  })

  it('scale-out dips by the share of keys moved to the new node; flush empties the cache', async () => {
    const result = await runWorkload(
      readOnly([
        {atMs: 10_000, action: 'scale-out'},
        {atMs: 20_000, action: 'flush'},
      ]),
      {target: 'builtin://?nodes=4', intervalMs: INTERVAL_MS},
    )
    const [scaleOut, flush] = result.events ?? []
    expect(scaleOut).toMatchObject({action: 'scale-out', node: 4, nodeName: 'node-4', nodes: 5})
    const moved = scaleOut.details?.keysRemapped as number
    expect(Math.abs(moved - 0.2)).toBeLessThan(0.05)
    const firstAfterScaleOut = result.timeline[100]
    const expectedMissShare = (moved * KEYS * (1 - (1 - 1 / KEYS) ** firstAfterScaleOut.operations)) / firstAfterScaleOut.operations
    expect(Math.abs(1 - (firstAfterScaleOut.hitRatio ?? 0) - expectedMissShare)).toBeLessThan(0.05)
    // As on a real pool, the old copies of moved keys stay on their old nodes, unreachable, until
    // evicted: the flush drops them beside the refilled copies on the new node.
    expect(flush).toMatchObject({action: 'flush', nodes: 5, details: {entriesLost: KEYS + Math.round(moved * KEYS)}})
    // Everything read in the interval after a flush is read for the first time since: mostly misses.
    expect(result.timeline[200].hitRatio).toBeLessThan(0.1)
  })

  it('refuses before running an event the target cannot carry out, or a node beyond the pool', async () => {
    await expect(runWorkload(readOnly([{atMs: 1000, action: 'scale-out'}]))).rejects.toThrow(
      'events[0] (scale-out at 1s): scale-out needs a built-in pool: use builtin://?nodes=N.',
    )
    await expect(runWorkload(readOnly([{atMs: 1000, action: 'scale-in'}, {atMs: 2000, action: 'node-failure', node: 2}]), {target: 'builtin://?nodes=3'})).rejects.toThrow(
      'events[1].node is 2, but builtin://?nodes=3 has 2 nodes then (0–1).',
    )
    await expect(runWorkload(readOnly([{atMs: 1000, action: 'failover'}]), {target: 'builtin://?nodes=3'})).rejects.toThrow(
      'events[0] (failover at 1s): failover needs a Redis primary with a replica: redis://host:port?replica=host:port.',
    )
  })

  it('warns about an event due after the load has ended', async () => {
    const workload = {...readOnly([{atMs: 60_000, action: 'flush'}]), load: {...readOnly([]).load, durationMs: null, operations: 1000}}
    const result = await runWorkload(workload)
    expect(result.events).toEqual([])
    expect(result.warnings, JSON.stringify(result.warnings)).toContain('the flush due at 60s did not happen: the load had ended first.')
  })
})
