import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'

// A hit takes 0.1 simulated ms and a miss 1 ms more, one operation at a time: a 100 ms run holds
// at most 1,000 operations, far fewer than a 5,000-operation warm-up.
const workload = (load: NonNullable<Parameters<typeof testWorkload>[0]>['load']) =>
  testWorkload({cache: {latency: {distribution: 'fixed', ms: 0.1}}, load})

const warmupWarning = (warnings: string[]) => warnings.find((warning) => warning.startsWith('no operation was measured'))

describe('a run that ended before its warm-up did', () => {
  it('says that nothing was measured and what the warm-up asked', async () => {
    const result = await runWorkload(workload({operations: null, durationMs: 100, warmup: {operations: 5000}}), {})
    expect(result.complete).toBe(true)
    expect(result.summary.operations).toBe(0)
    expect(result.load.warmupOperations).toBeGreaterThan(0)
    expect(result.load.warmupOperations).toBeLessThan(1001)
    expect(warmupWarning(result.warnings)).toBe(
      'no operation was measured: the run ended before its warm-up did (load.warmup: 5,000 operations); lengthen the run (--duration or --operations) or shorten the warm-up (--warmup).',
    )
  })

  it('names a warm-up given as a duration', async () => {
    const timedWarmup = workload({operations: 50, durationMs: null})
    timedWarmup.load.warmup = {durationMs: 10_000}
    const result = await runWorkload(timedWarmup, {})
    expect(result.summary.operations).toBe(0)
    expect(result.load.warmupOperations).toBe(50)
    expect(warmupWarning(result.warnings)).toContain('the run ended before its warm-up did (load.warmup: 10s)')
  })

  it('says nothing once a single operation was measured', async () => {
    const result = await runWorkload(workload({operations: null, durationMs: 100, warmup: {operations: 10}}), {})
    expect(result.summary.operations).toBeGreaterThan(0)
    expect(warmupWarning(result.warnings)).toBeUndefined()
  })
})
