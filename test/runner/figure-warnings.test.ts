import {describe, expect, it} from 'vitest'
import type {LatencySummary} from '../../src/metrics/result.js'
import {emptySummary} from '../../src/metrics/summary-template.js'
import {figureWarnings, type FigureContext} from '../../src/result/figure-warnings.js'
import {testWorkload} from '../helpers/workload.js'

const latency = (p99: number, max: number): LatencySummary => ({count: 10_000, mean: 1, p50: 1, p90: 1, p99, p999: p99, max, min: 0.1})

function context(overrides: Partial<FigureContext>): FigureContext {
  return {
    workload: testWorkload(),
    clock: 'real',
    targetKind: 'redis',
    evictionControl: false,
    mode: 'closed',
    durationMs: 1000,
    summary: emptySummary(),
    latency: {},
    timeoutMs: 500,
    ...overrides,
  }
}

describe('warnings about figures that would mislead', () => {
  it('a closed loop whose max is more than ten times its p99 (and at least 50 ms) hid a stall', () => {
    expect(figureWarnings(context({latency: {read: latency(2, 600)}}))).toEqual([
      'the slowest read took 600ms, 300× its p99 (2ms): something stalled (the server, the network or this client), and a closed loop stops sending while it waits, so its percentiles hide the stall; run with --rate to measure what users arriving at a steady rate would see.',
    ])
    expect(figureWarnings(context({latency: {read: latency(2, 19)}}))).toEqual([])
    expect(figureWarnings(context({latency: {read: latency(60, 500)}}))).toEqual([])
    expect(figureWarnings(context({mode: 'open', latency: {read: latency(2, 600)}}))).toEqual([])
  })

  it('timed-out commands are said to be outside the cache percentiles', () => {
    const summary = emptySummary()
    summary.errorsByKind.timeout = 3
    expect(figureWarnings(context({summary}))).toEqual([
      '3 cache commands timed out after 500ms; the cache.* percentiles exclude them, while the read, write and delete latencies include the wait.',
    ])
  })

  it('cache sizes given for a real server are named as ignored; on the built-in engine they apply', () => {
    const workload = testWorkload({cache: {maxItems: 10, capacityBytes: 4096}})
    expect(figureWarnings(context({workload}))).toEqual([
      "cache.maxItems and cache.capacity apply to the built-in engine only and were ignored: evictions on redis follow the server's own memory limit (Redis maxmemory, memcached -m).",
    ])
    expect(figureWarnings(context({workload, targetKind: 'builtin', evictionControl: true, clock: 'virtual'}))).toEqual([])
  })
})
