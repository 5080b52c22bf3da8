import {describe, expect, it} from 'vitest'
import {parseChangeGate} from '../../src/diff/change-gate.js'
import {judgeGate, SIGNIFICANCE} from '../../src/diff/judge-gate.js'
import {createRandom, type Random} from '../../src/generators/random.js'

/** A p99 as a shared CI runner reports it: lognormal run-to-run noise (about 30% spread). */
function noisyRuns(random: Random, count: number, scale: number): number[] {
  return Array.from({length: count}, () => {
    // Box-Muller: a standard normal from two uniforms.
    const z = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())
    return scale * Math.exp(0.3 * z)
  })
}

const COMPARISONS = 4000
const REPEATS = 5
/** The documented false-alarm rate per gated metric: half the two-sided significance level. */
const DOCUMENTED_RATE = SIGNIFICANCE / 2

describe('gates on repeated noisy runs', () => {
  it(`flag a regression in at most ${DOCUMENTED_RATE * 100}% of ${COMPARISONS} self-comparisons, even with zero tolerance`, () => {
    const random = createRandom(2024, 99)
    const gate = parseChangeGate('read.p99 > +0%')
    let regressed = 0
    let inconclusiveOrUnchanged = 0
    for (let i = 0; i < COMPARISONS; i++) {
      const outcome = judgeGate(gate, noisyRuns(random, REPEATS, 10), noisyRuns(random, REPEATS, 10))
      if (outcome.verdict === 'regressed') regressed++
      if (outcome.verdict === 'unchanged' || outcome.verdict === 'inconclusive') inconclusiveOrUnchanged++
    }
    const rate = regressed / COMPARISONS
    expect(rate).toBeLessThanOrEqual(DOCUMENTED_RATE)
    // The test is not vacuous: the exact test at n = m = 5 does fire on pure noise now and then.
    expect(regressed).toBeGreaterThan(0)
    expect(inconclusiveOrUnchanged).toBeGreaterThan(COMPARISONS * 0.9)
  })

  it('with a 10% tolerance, a self-comparison almost never fails', () => {
    const random = createRandom(7, 99)
    const gate = parseChangeGate('read.p99 > +10%')
    let failed = 0
    for (let i = 0; i < COMPARISONS; i++) if (!judgeGate(gate, noisyRuns(random, REPEATS, 10), noisyRuns(random, REPEATS, 10)).pass) failed++
    expect(failed / COMPARISONS).toBeLessThanOrEqual(DOCUMENTED_RATE)
  })

  // The power the docs quote: about 80% at 5 repetitions a side, about 99% at 8.
  it.each([
    [5, 0.75],
    [8, 0.95],
  ])('catch a doubled latency despite the noise (%i repetitions a side: over %d of comparisons)', (repeats, power) => {
    const random = createRandom(11, 99)
    const gate = parseChangeGate('read.p99 > +10%')
    let regressed = 0
    for (let i = 0; i < 1000; i++) if (judgeGate(gate, noisyRuns(random, repeats, 10), noisyRuns(random, repeats, 20)).verdict === 'regressed') regressed++
    expect(regressed / 1000).toBeGreaterThan(power)
  })
})
