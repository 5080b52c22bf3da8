import {describe, expect, it} from 'vitest'
import {parseChangeGate} from '../../src/diff/change-gate.js'
import {InputError} from '../../src/errors.js'
import {metricNames} from '../../src/metrics/metric-catalog.js'
import {LATENCY_NAMES} from '../../src/metrics/result.js'
import {evaluateThresholds, metricValue, parseThreshold} from '../../src/metrics/thresholds.js'
import {createResultFixture} from '../fixtures/result.js'

function parseError(expression: string): InputError {
  try {
    parseThreshold(expression)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error(`expected "${expression}" to be rejected`)
}

describe('parseThreshold', () => {
  it('refuses an expression far longer than any threshold at once, quoting only its start', () => {
    const long = `${'x'.repeat(100_000)} > 1`
    // Before, the whole text went through the pattern and the name suggestions: 1.8 s at this length, and was quoted whole.
    const error = parseError(long)
    expect(error.message).toBe(`threshold "${'x'.repeat(39)}…" is 100,004 characters long; an expression is at most 200, e.g. "hitRatio >= 0.9".`)
    expect(() => parseChangeGate(long)).toThrow(`--fail-on "${'x'.repeat(39)}…" is 100,004 characters long`)
    // The longest metric with a duration fits easily.
    expect(parseThreshold('  origin.queuedMs.p99   <=   1500us  ')).toMatchObject({op: '<=', value: 1.5})
  })

  it.each([
    ['hitRatio < 0.9', '<'],
    ['hitRatio <= 0.9', '<='],
    ['hitRatio > 0.9', '>'],
    ['hitRatio >= 0.9', '>='],
    ['hitRatio == 0.9', '=='],
    ['hitRatio != 0.9', '!='],
  ])('reads the operator of %s', (expression, op) => {
    expect(parseThreshold(expression)).toEqual({expression, metric: 'hitRatio', op, value: 0.9})
  })

  it('does not need spaces around the operator', () => {
    expect(parseThreshold('staleRatio<=0.01')).toMatchObject({metric: 'staleRatio', op: '<=', value: 0.01})
    expect(parseThreshold('errors!=0')).toMatchObject({metric: 'errors', op: '!=', value: 0})
  })

  it.each([
    ['read.p99 < 2ms', 2],
    ['read.p99 < 500us', 0.5],
    ['read.p99 < 1s', 1000],
    ['read.p99 < 1.5s', 1500],
    ['read.p99 < 3', 3], // a bare number on a time metric means milliseconds
    ['stalenessMs.p99 <= 2m', 120_000],
    ['origin.queuedMs.max < 250us', 0.25],
  ])('converts the duration in %s to %d ms', (expression, ms) => {
    expect(parseThreshold(expression).value).toBe(ms)
  })

  it('reads percentages as ratios', () => {
    expect(parseThreshold('hitRatio >= 90%').value).toBe(0.9)
    expect(parseThreshold('staleRatio < 1%').value).toBe(0.01)
    // 75.5 / 100 is not exactly representable; 1e-15 is far below any meaningful ratio difference.
    expect(parseThreshold('origin.readsAvoided > 75.5%').value).toBeCloseTo(0.755, 15)
  })

  it('accepts p99.9 as an alias of p999 and keeps the expression as written', () => {
    expect(parseThreshold('read.p99.9 < 5ms')).toEqual({
      expression: 'read.p99.9 < 5ms',
      metric: 'read.p999',
      op: '<',
      value: 5,
    })
    expect(parseThreshold('cache.get.p999 < 5ms').metric).toBe('cache.get.p999')
  })

  it('accepts every latency name with every statistic', () => {
    for (const name of LATENCY_NAMES) {
      for (const stat of ['count', 'mean', 'p50', 'p90', 'p99', 'p999', 'max', 'min']) {
        expect(parseThreshold(`${name}.${stat} >= 0`).metric).toBe(`${name}.${stat}`)
      }
    }
  })

  it('accepts nested summary fields by dotted path', () => {
    for (const metric of ['origin.readsAvoided', 'stalenessMs.p99', 'cache.evictions', 'cache.wastedWrites', 'origin.peakConcurrency', 'cache.items', 'throughput']) {
      expect(parseThreshold(`${metric} >= 0`).metric).toBe(metric)
    }
  })

  it('counts are plain numbers, not times', () => {
    expect(parseThreshold('read.count >= 1000').value).toBe(1000)
    expect(parseError('read.count >= 5ms').message).toMatch(/duration/)
  })

  it('suggests the nearest metric for a misspelt one', () => {
    expect(parseError('hitRatoi >= 0.9').message).toContain('did you mean "hitRatio"?')
    expect(parseError('cache.eviction > 0').message).toContain('did you mean "cache.evictions"?')
    expect(parseError('read.p95 < 2ms').message).toMatch(/did you mean "read\.p9[09]"\?/)
    expect(parseError('orign.read.p99 < 2ms').message).toContain('did you mean "origin.read.p99"?')
  })

  it('suggests a statistic for a bare latency name', () => {
    expect(parseError('cache.get < 1ms').message).toContain('did you mean "cache.get.p99"?')
  })

  it('gives examples instead of a far-fetched suggestion', () => {
    const message = parseError('qqqqqqqqqqqq > 1').message
    expect(message).not.toContain('did you mean')
    expect(message).toContain('read.p99')
  })

  it('rejects a duration on a metric that is not a time', () => {
    expect(parseError('hitRatio >= 2ms').message).toMatch(/"2ms" is a duration, but hitRatio is a ratio/)
    expect(parseError('throughput > 1s').message).toMatch(/duration/)
  })

  it('rejects a percentage on a metric that is not a ratio', () => {
    expect(parseError('read.p99 < 5%').message).toMatch(/percentage only applies to ratios/)
    expect(parseError('errors < 1%').message).toMatch(/percentage/)
  })

  it.each(['hitRatio = 0.9', 'hitRatio => 0.9', 'hitRatio >=', '>= 0.9', 'hitRatio', ''])(
    'rejects the malformed expression "%s"',
    (expression) => {
      expect(parseError(expression).message).toMatch(/not of the form <metric> <op> <value>/)
    },
  )

  it('rejects values that are not numbers', () => {
    expect(parseError('hitRatio >= high').message).toMatch(/"high" is not a number/)
    expect(parseError('read.p99 < fast').message).toMatch(/not a duration/)
  })

  it('errors are one sentence with exit code 2', () => {
    const error = parseError('hitRatoi >= 0.9')
    expect(error.exitCode).toBe(2)
    expect(error.message).not.toContain('\n')
  })
})

describe('metricValue', () => {
  it('reads summary fields and latency statistics from the result', () => {
    const result = createResultFixture()
    expect(metricValue(result, 'hitRatio')).toBe(0.934)
    expect(metricValue(result, 'origin.readsAvoided')).toBe(0.934)
    expect(metricValue(result, 'cache.evictions')).toBe(12_345)
    expect(metricValue(result, 'stalenessMs.p99')).toBe(38.2)
    expect(metricValue(result, 'read.p99')).toBe(9.8)
    expect(metricValue(result, 'read.p99.9')).toBe(31.5)
    expect(metricValue(result, 'cache.get.p50')).toBe(0.19)
    expect(metricValue(result, 'origin.read.max')).toBe(71.8)
    expect(metricValue(result, 'write.mean')).toBe(6.9)
  })

  it('every catalogued metric reads a number or null from a complete result', () => {
    const result = createResultFixture()
    expect(metricNames().length).toBeGreaterThan(LATENCY_NAMES.length * 8)
    for (const name of metricNames()) {
      const value = metricValue(result, name)
      expect(value === null || Number.isFinite(value), name).toBe(true)
    }
  })

  it('is null for latencies that were not measured, but counts them as zero', () => {
    const result = createResultFixture()
    delete result.latencyMs.write
    result.latencyMs.delete = {...result.latencyMs.delete!, count: 0}
    expect(metricValue(result, 'write.p99')).toBeNull()
    expect(metricValue(result, 'delete.max')).toBeNull()
    expect(metricValue(result, 'write.count')).toBe(0)
  })

  it('is null for ratios and staleness over an empty population', () => {
    const result = createResultFixture()
    Object.assign(result.summary, {reads: 0, hits: 0, misses: 0, staleReads: 0})
    expect(metricValue(result, 'hitRatio')).toBeNull()
    expect(metricValue(result, 'staleRatio')).toBeNull()
    expect(metricValue(result, 'origin.readsAvoided')).toBeNull()
    expect(metricValue(result, 'stalenessMs.p99')).toBeNull()
    // Plain counts stay measured: zero reads is a fact, not a gap.
    expect(metricValue(result, 'reads')).toBe(0)
  })

  it('is null where the target could not tell', () => {
    const result = createResultFixture()
    result.summary.cache.items = null
    expect(metricValue(result, 'cache.items')).toBeNull()
  })

  it('throws for an unknown metric', () => {
    expect(() => metricValue(createResultFixture(), 'nope')).toThrow(InputError)
  })
})

describe('evaluateThresholds', () => {
  const {thresholds: _ignored, ...result} = createResultFixture()

  it('passes and fails by the operator, with equality at the boundary', () => {
    const outcomes = evaluateThresholds(result, [
      'hitRatio >= 0.934',
      'hitRatio > 0.934',
      'hitRatio <= 0.934',
      'hitRatio < 0.934',
      'hitRatio == 0.934',
      'hitRatio != 0.934',
      'read.p99 <= 9.8ms',
      'read.p99 < 9.8ms',
      'read.p99 > 9800us',
      'errors == 0',
    ])
    expect(outcomes.map((outcome) => outcome.pass)).toEqual([true, false, true, false, true, false, true, false, false, true])
    expect(outcomes[0]).toEqual({expression: 'hitRatio >= 0.934', actual: 0.934, pass: true})
    expect(outcomes[9].actual).toBe(0)
  })

  it('treats a decimal percentage equal to the measured ratio as equal', () => {
    // 93.4 / 100 and 0.934 differ in the last binary digit; the gate must still hold.
    expect(evaluateThresholds(result, ['hitRatio >= 93.4%', 'hitRatio <= 93.4%']).map((o) => o.pass)).toEqual([true, true])
  })

  it('reports actual values in the metric unit', () => {
    const [latency, count] = evaluateThresholds(result, ['read.p999 < 1s', 'origin.reads < 100000'])
    expect(latency).toEqual({expression: 'read.p999 < 1s', actual: 31.5, pass: true})
    expect(count).toEqual({expression: 'origin.reads < 100000', actual: 59_400, pass: true})
  })

  it('fails thresholds on metrics that were not measured', () => {
    const withoutWrites = createResultFixture()
    delete withoutWrites.latencyMs.write
    const outcomes = evaluateThresholds(withoutWrites, ['write.p99 < 1h', 'write.p99 > 0'])
    expect(outcomes).toEqual([
      {expression: 'write.p99 < 1h', actual: null, pass: false},
      {expression: 'write.p99 > 0', actual: null, pass: false},
    ])
  })

  it('rejects a bad expression instead of failing it silently', () => {
    expect(() => evaluateThresholds(result, ['hitRatio >= 0.9', 'hitRatoi >= 0.9'])).toThrow(InputError)
  })
})

// cache-only has no origin and none no cache: the ratios of the part left out say nothing (an
// offload of 100% for want of an origin), so they read as unmeasured, shown as `-`, and a
// threshold on them fails like any unmeasured metric.
describe('ratios of a part the strategy leaves out', () => {
  const withStrategy = (name: string) => {
    const result = createResultFixture()
    result.strategy = {...result.strategy, name}
    return result
  }

  it('origin offload and staleness of cache-only, and the hit ratio of none, are not measured', () => {
    const cacheOnly = withStrategy('cache-only')
    for (const metric of ['origin.readsAvoided', 'staleRatio', 'stalenessMs.p99']) expect(metricValue(cacheOnly, metric)).toBeNull()
    expect(metricValue(cacheOnly, 'hitRatio')).toBe(cacheOnly.summary.hitRatio)
    const none = withStrategy('none')
    expect(metricValue(none, 'hitRatio')).toBeNull()
    expect(metricValue(none, 'origin.readsAvoided')).toBe(none.summary.origin.readsAvoided)
    const lazy = withStrategy('lazy-loading')
    for (const metric of ['hitRatio', 'origin.readsAvoided', 'staleRatio']) expect(metricValue(lazy, metric)).not.toBeNull()
  })

  it('a threshold on one fails as unmeasured', () => {
    const [verdict] = evaluateThresholds(withStrategy('cache-only'), ['origin.readsAvoided >= 0.5'])
    expect(verdict.pass).toBe(false)
    expect(verdict.actual).toBeNull()
  })
})
