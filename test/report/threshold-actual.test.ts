import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {formatThresholdActual} from '../../src/report/format-metric.js'
import {getRenderer} from '../../src/report/renderers.js'
import {createResultFixture} from '../fixtures/result.js'

const OPTIONS = {colour: false, width: 80}

/** Thresholds missed or met by less than the reports' usual rounding. */
function closeCallFixture(): Result {
  const result = createResultFixture()
  result.thresholds = [
    {expression: 'hitRatio >= 0.76', actual: 0.7597502935904568, pass: false},
    {expression: 'staleRatio <= 0.5434', actual: 0.5434822918598183, pass: false},
    {expression: 'read.p99 < 18.1ms', actual: 18.104319, pass: false},
    {expression: 'throughput >= 3976.2', actual: 3976.156459183349, pass: false},
    {expression: 'hitRatio >= 0.9', actual: 0.934, pass: true},
  ]
  return result
}

describe('the actual figure of a threshold', () => {
  it('gets the digits it needs so that it never reads as meeting a bound it missed', () => {
    expect(formatThresholdActual('hitRatio >= 0.76', 0.7597502935904568)).toBe('75.98%')
    expect(formatThresholdActual('hitRatio >= 0.76', 0.7597502935904568, 'plain')).toBe('0.7598')
    expect(formatThresholdActual('staleRatio <= 0.5434', 0.5434822918598183)).toBe('54.35%')
    expect(formatThresholdActual('read.p99 < 18.1ms', 18.104319)).toBe('18.104ms')
    expect(formatThresholdActual('read.p99 < 5s', 5000.4)).toBe('5.0004s')
    expect(formatThresholdActual('throughput >= 3976.2', 3976.156459183349)).toBe('3,976.16')
    // Clear of the bound: rounded as every other figure.
    expect(formatThresholdActual('hitRatio >= 0.9', 0.934)).toBe('93.4%')
    expect(formatThresholdActual('hitRatio >= 0.9', 0.934, 'plain')).toBe('0.934')
    expect(formatThresholdActual('read.p99 < 2ms', 9.8)).toBe('9.8ms')
    expect(formatThresholdActual('read.p99 <= 18.1ms', 18.1)).toBe('18.1ms')
  })

  it('agrees with the verdict in every report format', () => {
    const result = closeCallFixture()
    const markdown = getRenderer('markdown').render(result, OPTIONS)
    expect(markdown).toContain('| `hitRatio >= 0.76` | 75.98% | ❌ FAIL |')
    expect(markdown).toContain('| `staleRatio <= 0.5434` | 54.35% | ❌ FAIL |')
    expect(markdown).toContain('| `read.p99 < 18.1ms` | 18.104ms | ❌ FAIL |')
    expect(markdown).toContain('| `throughput >= 3976.2` | 3,976.16 | ❌ FAIL |')
    expect(markdown).toContain('| `hitRatio >= 0.9` | 93.4% | ✅ pass |')
    const junit = getRenderer('junit').render(result, OPTIONS)
    expect(junit).toContain('message="hitRatio &gt;= 0.76: actual 75.98%"')
    expect(junit).toContain('message="read.p99 &lt; 18.1ms: actual 18.104ms"')
    const html = getRenderer('html').render(result, OPTIONS)
    expect(html).toMatch(/hitRatio &gt;= 0\.76<\/td><td[^>]*>75\.98%</)
    const terminal = getRenderer('terminal').render(result, OPTIONS)
    expect(terminal).toContain('FAIL  hitRatio >= 0.76  (actual 0.7598)')
    expect(terminal).toContain('FAIL  read.p99 < 18.1ms  (actual 18.104ms)')
    expect(terminal).toContain('FAIL  throughput >= 3976.2  (actual 3,976.16)')
    expect(terminal).toContain('PASS  hitRatio >= 0.9  (actual 0.934)')
  })
})
