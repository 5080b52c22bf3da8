import {describe, expect, it} from 'vitest'
import {editDistance, suggestNearest} from '../../src/workload/suggest.js'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['distrbution', 'distribution', 1],
    ['zipfain', 'zipfian', 1], // one swap of adjacent letters
    ['ca', 'abc', 3], // optimal string alignment does not edit a swapped pair again
    ['same', 'same', 0],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
    expect(editDistance(b, a)).toBe(distance)
  })
})

describe('suggestNearest', () => {
  const fields = ['count', 'distribution', 'theta', 'hotspot', 'exponential']

  it('suggests the closest name, ignoring case', () => {
    expect(suggestNearest('distrbution', fields)).toBe('distribution')
    expect(suggestNearest('Theta', fields)).toBe('theta')
    expect(suggestNearest('cnt', fields)).toBe('count')
    expect(suggestNearest('hotspt', fields)).toBe('hotspot')
  })

  it('takes an abbreviation of four letters or more for the one name it begins', () => {
    expect(suggestNearest('distrib', fields)).toBe('distribution')
    expect(suggestNearest('expon', fields)).toBe('exponential')
    expect(suggestNearest('warm', ['warmup', 'operations', 'duration'])).toBe('warmup')
    // Two names begin with it, or it is too short to say which word was meant.
    expect(suggestNearest('conc', ['concurrency', 'concurrentReaders'])).toBeUndefined()
    expect(suggestNearest('dis', fields)).toBeUndefined()
  })

  it('stays silent when nothing is close', () => {
    expect(suggestNearest('banana', fields)).toBeUndefined()
    expect(suggestNearest('x', ['mix', 'load'])).toBeUndefined()
    expect(suggestNearest('anything', [])).toBeUndefined()
  })
})
