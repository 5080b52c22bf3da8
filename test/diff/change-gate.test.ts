import {describe, expect, it} from 'vitest'
import {changeOf, exceedsLimit, parseChangeGate} from '../../src/diff/change-gate.js'
import {judgeGate} from '../../src/diff/judge-gate.js'
import {InputError} from '../../src/errors.js'

describe('--fail-on gates', () => {
  it('reads relative, absolute and duration changes in the metric unit', () => {
    expect(parseChangeGate('read.p99 > +10%')).toMatchObject({metric: 'read.p99', worse: 'up', kind: 'relative', limit: 0.1, inclusive: false})
    expect(parseChangeGate('hitRatio < -0.01')).toMatchObject({metric: 'hitRatio', worse: 'down', kind: 'absolute', limit: 0.01})
    expect(parseChangeGate('read.p50 >= +2ms')).toMatchObject({kind: 'absolute', limit: 2, inclusive: true})
    expect(parseChangeGate('summary.staleRatio > +0.005')).toMatchObject({metric: 'staleRatio', limit: 0.005})
  })

  it('says a malformed percentage is not a percentage, even on a latency metric that takes durations', () => {
    for (const amount of ['1e400%', 'NaN%']) {
      expect(() => parseChangeGate(`read.p99 > +${amount}`)).toThrow(`--fail-on "read.p99 > +${amount}": "${amount}" is not a percentage such as +10% (digits, then %).`)
    }
  })

  it('refuses nonsense with one sentence naming the gate', () => {
    expect(() => parseChangeGate('read.p99 > -10%')).toThrow(/must be an increase/)
    expect(() => parseChangeGate('hitRatoi < -0.01')).toThrow(InputError)
    expect(() => parseChangeGate('hitRatio less than 1')).toThrow(/not of the form/)
    expect(() => parseChangeGate('hitRatio < -2ms')).toThrow(/neither a percentage/)
  })

  it('measures change relative to the baseline or as a difference', () => {
    const relative = parseChangeGate('read.p99 > +10%')
    expect(changeOf(relative, 2, 2.3)).toBeCloseTo(0.15, 12)
    expect(exceedsLimit(relative, 0.15)).toBe(true)
    expect(exceedsLimit(relative, 0.1)).toBe(false)
    const inclusive = parseChangeGate('read.p99 >= +10%')
    expect(exceedsLimit(inclusive, 0.1)).toBe(true)
    const drop = parseChangeGate('hitRatio < -0.01')
    expect(changeOf(drop, 0.9, 0.885)).toBeCloseTo(-0.015, 12)
    expect(exceedsLimit(drop, -0.015)).toBe(true)
    expect(exceedsLimit(drop, 0.2)).toBe(false)
  })

  it('judges single figures exactly: regressed past the limit, improved the other way, unchanged within', () => {
    const gate = parseChangeGate('hitRatio < -0.01')
    expect(judgeGate(gate, [0.9], [0.85])).toMatchObject({verdict: 'regressed', pass: false})
    expect(judgeGate(gate, [0.9], [0.95])).toMatchObject({verdict: 'improved', pass: true})
    expect(judgeGate(gate, [0.9], [0.895])).toMatchObject({verdict: 'unchanged', pass: true})
    expect(judgeGate(gate, [0.9], [])).toMatchObject({verdict: 'unmeasured', pass: false})
  })

  it('calls a big move that the noise could explain inconclusive, not regressed', () => {
    const gate = parseChangeGate('read.p99 > +10%')
    const outcome = judgeGate(gate, [1, 5, 2, 9, 3], [2, 10, 4, 8, 6])
    expect(outcome.verdict).toBe('inconclusive')
    expect(outcome.pass).toBe(true)
    expect(outcome.noise).toEqual({base: [1, 9], actual: [2, 10]})
  })
})
