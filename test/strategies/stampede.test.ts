import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import type {StrategySpec} from '../../src/workload/types.js'
import {ROOT} from '../helpers/cli.js'

const STAMPEDE = loadWorkload(`${ROOT}/workloads/stampede.yaml`)

async function stampede(protection: Partial<StrategySpec>) {
  return (await runWorkload({...STAMPEDE, strategy: {...STAMPEDE.strategy, ...protection}})).summary
}

describe('stampede protection on the bundled stampede workload', () => {
  it('without protection each expiry of a hot key sends a burst of identical reads to the origin', async () => {
    const summary = await stampede({})
    // About 2 s measured with a 500 ms TTL: each of the ten hot keys expires about four times.
    expect(summary.origin.duplicateReads).toBeGreaterThan(100)
    expect(summary.origin.peakConcurrency).toBeGreaterThan(STAMPEDE.origin.concurrency)
  })

  it('singleFlight and lease bring duplicate origin reads to exactly 0 and take load off the origin', async () => {
    const unprotected = await stampede({})
    // Exactly 0: the workload never writes, so no write voids a lease, and no origin read
    // (p99 80 ms plus queueing) outlives the 1 s lease timeout.
    for (const protection of [{singleFlight: true}, {lease: {retryAfterMs: 5, timeoutMs: 1000}}]) {
      const summary = await stampede(protection)
      expect(summary.origin.duplicateReads, JSON.stringify(protection)).toBe(0)
      expect(summary.origin.readsAvoided).toBeGreaterThan(unprotected.origin.readsAvoided)
      expect(summary.origin.peakConcurrency).toBeLessThan(unprotected.origin.peakConcurrency)
    }
  })
})
