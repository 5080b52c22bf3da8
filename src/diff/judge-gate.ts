import type {GateOutcome, GateVerdict} from '../metrics/result.js'
import {changeOf, exceedsLimit, type ChangeGate} from './change-gate.js'
import {mannWhitneyPValue, median} from './mann-whitney.js'

/**
 * Two-sided significance level of the Mann-Whitney test. A regression needs significance *and* a
 * move in the worse direction past the gate's limit, so comparing a run with a repeat of itself
 * flags a regression in at most 2.5% of gated metrics (half of 5%, the exact test being
 * conservative); test/diff/false-alarms.test.ts checks that on simulated noisy samples.
 */
export const SIGNIFICANCE = 0.05

/**
 * Judges one gate. With one sample a side (deterministic runs, or a single noisy run) the
 * figures are compared as they are. With repetitions on both sides the medians are compared and
 * the verdict needs the Mann-Whitney test: a move the noise explains is `unchanged` when within
 * the limit and `inconclusive` when past it; only a significant move past the limit fails.
 */
export function judgeGate(gate: ChangeGate, baseSamples: readonly number[], samples: readonly number[]): GateOutcome {
  const common = {expression: gate.expression, metric: gate.metric}
  if (baseSamples.length === 0 || samples.length === 0) {
    // A gate must not pass on missing data.
    const base = baseSamples.length > 0 ? median(baseSamples) : null
    const actual = samples.length > 0 ? median(samples) : null
    return {...common, base, actual, change: null, verdict: 'unmeasured', pass: false}
  }
  const base = median(baseSamples)
  const actual = median(samples)
  const change = changeOf(gate, base, actual)
  const past = exceedsLimit(gate, change)
  const better = (gate.worse === 'up' ? change : -change) < 0
  const moved: GateVerdict = past ? 'regressed' : better ? 'improved' : 'unchanged'
  if (baseSamples.length < 2 || samples.length < 2) return {...common, base, actual, change, verdict: moved, pass: !past}
  const pValue = mannWhitneyPValue(baseSamples, samples)
  const verdict: GateVerdict = pValue < SIGNIFICANCE ? moved : past ? 'inconclusive' : 'unchanged'
  return {...common, base, actual, change, verdict, pass: verdict !== 'regressed', pValue, noise: {base: range(baseSamples), actual: range(samples)}}
}

function range(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)]
}
