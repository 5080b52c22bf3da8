import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {seeded, traceDir, twitterLines, writeTrace, type Request} from '../trace/fixtures.js'

const dir = traceDir()

/** 6000 requests on 300 skewed keys, one in eight a set with a TTL, a tenth of a second apart. */
function writeMixedTrace(): void {
  const random = seeded(5)
  const requests: Request[] = Array.from({length: 6000}, (_, index) => {
    const set = random() < 0.125
    return {timeS: index / 10, key: `k${Math.floor(300 * random() ** 2)}`, valueBytes: 100 + (index % 50), command: set ? 'set' : 'get', ttl: set ? 30 : 0}
  })
  writeTrace(dir, 'mixed.csv', twitterLines(requests))
}

function workload(name: string, speed: string) {
  const file = join(dir, name)
  writeFileSync(
    file,
    `version: 1\ntrace: {file: mixed.csv, format: twitter, speed: ${speed}}\nstrategy: {name: lazy-loading}\n` +
      'origin: {latency: 2ms, concurrency: 4}\ncache: {maxItems: 120, eviction: lru}\nload: {concurrency: 8}\n',
  )
  return loadWorkload(file)
}

describe('trace replays on the simulation core', () => {
  writeMixedTrace()

  it('a replay back to back (speed max) gives the async path\'s figures', async () => {
    const replay = workload('max.yaml', 'max')
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

  it('a replay paced by the trace\'s timestamps is an open loop: the core leaves it to the async path', async () => {
    const paced = workload('paced.yaml', '100')
    await expect(runWorkload(paced, {engine: 'simulation'})).rejects.toThrow('trace arrivals are not simulated yet')
    const result = await runWorkload(paced)
    expect(result.load.mode).toBe('open')
    expect(result.summary.operations).toBe(6000)
  })
})
