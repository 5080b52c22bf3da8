import {describe, expect, it} from 'vitest'
import {formatCount, formatPercent, formatPlain, formatRate} from '../../src/report/format.js'

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1_234_567)).toBe('1,234,567')
  })

  it('switches to three significant digits past the maximum length', () => {
    expect(formatCount(999_999, 7)).toBe('999,999')
    expect(formatCount(1_234_567, 7)).toBe('1.23M')
    expect(formatCount(12_345_678, 7)).toBe('12.3M')
    expect(formatCount(1e12, 7)).toBe('1T')
    expect(formatCount(9.9e14, 7)).toBe('990T')
  })

  it('shows missing values as a dash', () => {
    expect(formatCount(null)).toBe('-')
  })
})

describe('formatRate', () => {
  it('rounds large rates and keeps small ones readable', () => {
    expect(formatRate(35_000.4)).toBe('35,000')
    expect(formatRate(12.345)).toBe('12.3')
    expect(formatRate(0.5)).toBe('0.5')
  })
})

describe('formatPercent', () => {
  it.each([
    [0.934, '93.4%'],
    [0.0012, '0.12%'],
    [0.05, '5%'],
    [0.0567, '5.67%'],
    [0, '0%'],
    [1, '100%'],
    // Near the ends, extra digits keep "almost all" from reading as "all".
    [0.9996, '99.96%'],
    [0.99999, '99.999%'],
  ])('%d → %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text)
  })

  it('shows missing values as a dash', () => {
    expect(formatPercent(null)).toBe('-')
  })
})

describe('formatPlain', () => {
  it('keeps integers whole and fractions to four significant digits, grouping thousands as counts are', () => {
    expect(formatPlain(35_000)).toBe('35,000')
    expect(formatPlain(171_152)).toBe('171,152')
    expect(formatPlain(-142)).toBe('-142')
    expect(formatPlain(0.934)).toBe('0.934')
    expect(formatPlain(0.123456)).toBe('0.1235')
    expect(formatPlain(1234.56)).toBe('1,234.6')
    expect(formatPlain(15_172.8)).toBe('15,172.8')
    expect(formatPlain(2000.04)).toBe('2,000')
  })
})
