import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {seeded, traceDir, twitterLines, writeTrace, type Request} from '../trace/fixtures.js'

const dir = traceDir()

/** 6000 requests on 300 skewed keys, one in eight a set with a TTL, at the times `timeOf` gives. */
function writeMixedTrace(name: string, timeOf: (index: number) => number): void {
  const random = seeded(5)
  const requests: Request[] = Array.from({length: 6000}, (_, index) => {
    const set = random() < 0.125
    return {timeS: timeOf(index), key: `k${Math.floor(300 * random() ** 2)}`, valueBytes: 100 + (index % 50), command: set ? 'set' : 'get', ttl: set ? 30 : 0}
  })
  writeTrace(dir, name, twitterLines(requests))
}

function workload(name: string, trace: string, speed: string, cache = '{maxItems: 120, eviction: lru}') {
  const file = join(dir, name)
  writeFileSync(
    file,
    `version: 1\ntrace: {file: ${trace}, format: twitter, speed: ${speed}}\nstrategy: {name: lazy-loading}\n` +
      `origin: {latency: 2ms, concurrency: 4}\ncache: ${cache}\nload: {concurrency: 8}\n`,
  )
  return loadWorkload(file)
}

describe('trace replays on the simulation core', () => {
  // A tenth of a second apart; and in bursts of eight requests at one instant, a second apart.
  writeMixedTrace('mixed.csv', (index) => index / 10)
  writeMixedTrace('bursts.csv', (index) => Math.floor(index / 8))

  it('a replay back to back (speed max) gives the async path\'s figures', async () => {
    const replay = workload('max.yaml', 'mixed.csv', 'max')
    const reference = await runWorkload(replay, {engine: 'async'})
    const core = await runWorkload(replay, {engine: 'simulation'})
    expect(core.summary.operations).toBe(6000)
    expect(core.summary.hits).toBeGreaterThan(0)
    expect(core.summary.origin.queuedMs.max).toBeGreaterThan(0)
    expect({summary: core.summary, latencyMs: core.latencyMs, timeline: core.timeline, trace: core.trace}).toEqual({
      summary: reference.summary,
      latencyMs: reference.latencyMs,
      timeline: reference.timeline,
      trace: reference.trace,
    })
  })

  it.each([
    ['with cache latency', '{maxItems: 120, eviction: lru}'],
    ['with cache commands that take no time', '{maxItems: 120, eviction: lru, latency: 0ms}'],
  ])('a replay paced by the trace\'s timestamps, in bursts at one instant, is an open loop the core runs with the async path\'s figures (%s)', async (name, cache) => {
    const paced = workload(`paced ${name}.yaml`, 'bursts.csv', '50', cache)
    const reference = await runWorkload(paced, {engine: 'async'})
    const core = await runWorkload(paced, {engine: 'simulation'})
    expect(core.load.mode).toBe('open')
    expect(core.summary.operations).toBe(6000)
    expect(core.summary.origin.queuedMs.max).toBeGreaterThan(0)
    expect({load: core.load, summary: core.summary, latencyMs: core.latencyMs, serviceTimeMs: core.serviceTimeMs, timeline: core.timeline, trace: core.trace}).toEqual({
      load: reference.load,
      summary: reference.summary,
      latencyMs: reference.latencyMs,
      serviceTimeMs: reference.serviceTimeMs,
      timeline: reference.timeline,
      trace: reference.trace,
    })
  })
})
