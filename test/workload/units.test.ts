import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {DURATION_PATTERN, SIZE_PATTERN} from '../../src/workload/fields.js'
import {formatDuration, formatSize, isDuration, parseDuration, parseRate, parseSize} from '../../src/workload/units.js'

describe('parseDuration', () => {
  it.each([
    ['250us', 0.25],
    ['250µs', 0.25],
    ['1500ns', 0.0015],
    ['5ms', 5],
    ['0.5ms', 0.5],
    ['.5s', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    [' 10 s ', 10_000],
  ])('%s is %f ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 12)
  })

  it.each(['5', '5 parsecs', 'ms', '-5ms', '5sec', ''])('refuses %j with an InputError naming the field', (text) => {
    expect(() => parseDuration(text, 'load.duration')).toThrow(InputError)
    expect(() => parseDuration(text, 'load.duration')).toThrow(/load\.duration/)
  })
})

describe('parseSize', () => {
  it.each([
    ['512B', 512],
    ['4KiB', 4096],
    ['1.5KiB', 1536],
    ['64MiB', 64 * 1024 * 1024],
    ['1GiB', 1024 ** 3],
    ['2KB', 2000],
    ['3MB', 3_000_000],
    ['100', 100],
  ])('%s is %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })

  it('passes a number of bytes through', () => {
    expect(parseSize(777)).toBe(777)
  })

  it.each(['4 KiBs', 'KiB', '-1B', '4kib'])('refuses %j', (text) => {
    expect(() => parseSize(text, 'cache.capacity')).toThrow(/cache\.capacity/)
  })
})

describe('parseRate', () => {
  it.each([
    ['20000/s', 20_000],
    ['20k/s', 20_000],
    ['1.5M/s', 1_500_000],
    ['600/m', 10],
    ['7200/h', 2],
  ])('%s is %f ops/s', (text, perSecond) => {
    expect(parseRate(text)).toBeCloseTo(perSecond, 9)
  })

  it.each(['20000', 'fast', '20k/day'])('refuses %j', (text) => {
    expect(() => parseRate(text, '--rate')).toThrow(/--rate/)
  })
})

describe('formatters', () => {
  it('formats durations and sizes for people', () => {
    expect([formatDuration(0.85), formatDuration(12.3), formatDuration(4200), formatDuration(300_000)]).toEqual([
      '850us',
      '12.3ms',
      '4.2s',
      '5m',
    ])
    expect([formatSize(512), formatSize(4096), formatSize(1.5 * 1024 * 1024)]).toEqual(['512B', '4KiB', '1.5MiB'])
    // Below a microsecond, in nanoseconds (a parsable unit), not "0us"; read back, the same time.
    expect([formatDuration(1e-6), formatDuration(0.00025)]).toEqual(['1ns', '250ns'])
    expect(parseDuration(formatDuration(0.00025))).toBeCloseTo(0.00025, 12)
  })
})

// The schema publishes these patterns to editors; they must accept exactly what the parsers do.
describe('schema patterns agree with the parsers', () => {
  const durations = ['5ms', '250us', '250µs', '1.5s', '.5m', ' 2h ', '3ns', '5', 'ms', '5 sec', '5S', '1e3ms', '-1s']
  it.each(durations)('duration %j', (text) => {
    expect(DURATION_PATTERN.test(text)).toBe(isDuration(text))
  })

  const sizes = ['512B', '4KiB', '1.5MiB', '2GB', '3KB', ' 7 MiB ', 'KiB', '4kib', '-1B', '4 KiBs']
  it.each(sizes)('size %j', (text) => {
    let parses = true
    try {
      parseSize(text)
    } catch {
      parses = false
    }
    expect(SIZE_PATTERN.test(text)).toBe(parses)
  })

  it('asks for a unit on size strings, where parseSize would read bytes', () => {
    // Deliberate: in a file, bytes are written as a number, so "100" is more likely a slip.
    expect(parseSize('100')).toBe(100)
    expect(SIZE_PATTERN.test('100')).toBe(false)
  })
})
